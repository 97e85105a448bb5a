/*
 * dialogue_login: getting to privileged mode once the first prompt is
 * known: the platform's enable command with the secret (a refusal, a
 * second secret question or a still unprivileged prompt is a wrong or
 * missing secret), or, on an ASA without a secret, its login command
 * answered with the user's name and password. Either ends with the
 * privileged prompt as the dialogue's prompt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialogue_impl.h"

#define LOGIN_TRIES 5

/* Is the last line a "% Access denied"-style refusal or a re-prompt? */
static int
enable_refused(const char *p, size_t n)
{
	return memmem(p, n, "% Access denied", 15) != NULL ||
	    memmem(p, n, "% Bad secret", 12) != NULL ||
	    memmem(p, n, "% Bad passwords", 15) != NULL ||
	    memmem(p, n, "% Error in authentication", 25) != NULL;
}

/* The prompt line without trailing blanks ends in the privilege mark. */
static int
privileged(const struct dialogue *d, const char *line)
{
	size_t n = strlen(line);

	while (n > 0 && line[n - 1] == ' ')
		n--;
	return n > 0 && line[n - 1] == d->pf->priv_char;
}

/*
 * After enable (and maybe the secret) a prompt came back: privileged
 * means done (0), else the failure is worded (-1).
 */
static int
enable_landed(struct dialogue *d, int sent_secret, struct failure *f)
{
	char *line = screen_last_line_dup(d->in.data, d->in.len, 1);

	if (privileged(d, line)) {
		dialogue_set_prompt(d, line);
		buf_reset(&d->in);
		return 0;
	}
	free(line);
	if (enable_refused(d->in.data, d->in.len) || sent_secret)
		failure_set(f, ERR_ENABLE, "enable failed: wrong secret");
	else
		failure_set(f, ERR_ENABLE,
		    "enable failed: still unprivileged after '%s'",
		    d->pf->enable_cmd);
	return -1;
}

int
dialogue_enable(
    struct dialogue *d, const char *secret, int64_t deadline, struct failure *f)
{
	int rc, sent_secret = 0;

	if (d->pf->enable_cmd == NULL || privileged(d, d->prompt) ||
	    d->prompt[strspn(d->prompt, " ")] == '\0')
		return 0;
	buf_reset(&d->in);
	if ((rc = dialogue_send_line(d, d->pf->enable_cmd, deadline, f)) < 0)
		goto fail;
	for (;;) {
		if ((rc = dialogue_read_some(d, deadline, f)) < 0)
			goto fail;
		if (sent_secret && enable_refused(d->in.data, d->in.len))
			goto denied;
		if (d->secret_re != NULL &&
		    dialogue_last_line_is(d, d->secret_re)) {
			if (sent_secret)
				goto denied; /* asked again: wrong */
			if (secret == NULL || secret[0] == '\0') {
				failure_set(f, ERR_ENABLE,
				    "enable failed: device asks for a secret "
				    "and none was given");
				return -1;
			}
			buf_reset(&d->in);
			if ((rc = dialogue_send_line(d, secret, deadline, f)) <
			    0)
				goto fail;
			sent_secret = 1;
			continue;
		}
		if (dialogue_last_line_is(d, d->prompt_re) &&
		    memchr(d->in.data, '\n', d->in.len) != NULL)
			return enable_landed(d, sent_secret, f);
	}
denied:
	failure_set(f, ERR_ENABLE, "enable failed: wrong secret");
	return -1;
fail:
	if (rc == -1 && dialogue_overall_fired(d)) {
		char limit[96];

		dialogue_overall_words(d, limit, sizeof(limit));
		failure_timeout(f, ERR_TIMEOUT, "no answer to '%s' within %s",
		    d->pf->enable_cmd, limit);
	} else if (rc == -1)
		failure_timeout(
		    f, ERR_ENABLE, "enable failed: no answer in time");
	return -1;
}

/*
 * The ASA without an enable secret: "login" with the user's name and
 * password (Username:, Password:) until the prompt is privileged.
 */
int
dialogue_login(struct dialogue *d, const char *user, const char *pass,
    int64_t deadline, struct failure *f)
{
	int rc, tries = 0;

	if (privileged(d, d->prompt))
		return 0;
	buf_reset(&d->in);
	if ((rc = dialogue_send_line(d, d->pf->login_cmd, deadline, f)) < 0)
		goto fail;
	for (;;) {
		if ((rc = dialogue_read_some(d, deadline, f)) < 0)
			goto fail;
		if (dialogue_last_line_is(d, d->user_re) ||
		    dialogue_last_line_is(d, d->pass_re)) {
			int name = dialogue_last_line_is(d, d->user_re);

			if (++tries > LOGIN_TRIES)
				break;
			buf_reset(&d->in);
			if ((rc = dialogue_send_line(
				 d, name ? user : pass, deadline, f)) < 0)
				goto fail;
			continue;
		}
		if (dialogue_last_line_is(d, d->prompt_re) &&
		    memchr(d->in.data, '\n', d->in.len) != NULL) {
			char *line =
			    screen_last_line_dup(d->in.data, d->in.len, 1);

			if (privileged(d, line)) {
				dialogue_set_prompt(d, line);
				buf_reset(&d->in);
				return 0;
			}
			free(line);
			break;
		}
	}
	failure_set(f, ERR_ENABLE, "'%s' did not reach privileged mode",
	    d->pf->login_cmd);
	return -1;
fail:
	if (rc == -1)
		failure_timeout(f,
		    dialogue_overall_fired(d) ? ERR_TIMEOUT : ERR_ENABLE,
		    "'%s': no answer in time", d->pf->login_cmd);
	return -1;
}
