/*
 * dialogue: the CLI conversation over a struct channel. Input from the
 * shell accumulates in d->in; a read ends only when the last line of
 * that buffer is the device's prompt (screen.c decides), so prompt-like
 * text inside output cannot end it early. The text logic lives in
 * screen.c; this file only sequences it against the channel and the
 * clock. Every read goes to the session log through the masker first,
 * so no secret reaches the file even when split across reads. Logout is
 * sent only from the prompt: a device left inside a command (its output
 * over the limit, a read that timed out) would not read it, and draining
 * what it still sends would only spend time and memory.
 *
 * Prompts are matched with ANSI escapes removed on every platform (a
 * coloured prompt is still the prompt); output keeps them unless the
 * platform strips them, as Netmiko does. The dialogue never types ahead:
 * every line waits for the prompt that answers the one before, so a
 * device that echoes input early (or twice) while it is busy does not
 * change what is read.
 *
 * This file holds the shell dialogue: the prompt, paging, one command at
 * a time, logout. Getting privileged (enable, the ASA's login) is in
 * dialogue_login.c, the exec dialogue (a channel per command) in
 * dialogue_exec.c, the configuration push in dialogue_config.c;
 * dialogue_impl.h is what they share.
 *
 * Internal returns: 0 done, -1 the deadline passed (the caller words the
 * failure for its stage), -2 the channel is gone (f already says why).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dialogue.h"
#include "dialogue_impl.h"
#include "screen.h"
#include "util.h"

#define DEF_READ_MS 30000
#define DEF_MAX_OUTPUT ((size_t)256 << 20)
#define PROMPT_TRIES 5
#define LOGOUT_MS 500
#define CONTEXT_MAX (64 * 1024) /* what the logout read keeps to look at */
/* A question with its default in brackets, which Enter accepts. */
#define CONFIRM_RE "(?:\\[[^\\]]*\\]\\? ?|\\[confirm\\])\\s*$"
#define USER_RE "(?i)user ?name:\\s*$"
#define ENABLE_PASS_RE "(?i)password:\\s*$"

int64_t
dialogue_step_deadline(const struct dialogue *d)
{
	return deadline_min(mono_ns() + d->read_ms * NS_PER_MS, d->deadline);
}

void
dialogue_postpone(struct dialogue *d, int64_t ns)
{
	if (d->deadline != 0)
		d->deadline += ns;
}

/*
 * Did the wait that just ran out stop at the device's overall deadline
 * (rather than at the step's own read timeout)?
 */
int
dialogue_overall_fired(const struct dialogue *d)
{
	return d->deadline != 0 && deadline_passed(d->deadline);
}

/* " within the device's 2 s --timeout", for a timeout message. */
void
dialogue_overall_words(const struct dialogue *d, char *out, size_t outlen)
{
	snprintf(out, outlen, "the device's %g s %s",
	    (double)d->budget_ms / 1000.0,
	    d->budget_name ? d->budget_name : "timeout");
}

void
dialogue_log_raw(struct dialogue *d, const char *p, size_t n)
{
	struct buf out;

	if (d->logfd < 0)
		return;
	buf_init(&out);
	screen_mask_feed(&d->mask, p, n, &out);
	if (out.len > 0 && write_all(d->logfd, out.data, out.len) == -1)
		d->logfd = -1; /* the caller still owns and closes it */
	buf_free(&out);
}

/* Read what the channel has into d->in, waiting until deadline. */
int
dialogue_read_some(struct dialogue *d, int64_t deadline, struct failure *f)
{
	size_t before = d->in.len;
	ssize_t n;

	n = channel_read_some(
	    d->ch, CHANNEL_STDOUT, &d->in, READ_MAX, deadline);
	if (n > 0) {
		dialogue_log_raw(d, d->in.data + before, (size_t)n);
		return 0;
	}
	switch (n) {
	case CHANNEL_TIMEOUT:
		return -1;
	case CHANNEL_EOF:
		failure_set(f, ERR_CLOSED, "device closed the session");
		return -2;
	default:
		failure_set(f, ERR_CLOSED, "connection lost: %s",
		    d->ch->ops->error(d->ch));
		return -2;
	}
}

static int
send_raw(struct dialogue *d, const char *p, size_t len, int64_t deadline,
    struct failure *f)
{
	switch (channel_write_all(d->ch, p, len, deadline)) {
	case 0:
		return 0;
	case CHANNEL_TIMEOUT:
		return -1;
	default:
		failure_set(f, ERR_CLOSED, "connection lost while sending: %s",
		    d->ch->ops->error(d->ch));
		return -2;
	}
}

int
dialogue_send_line(
    struct dialogue *d, const char *line, int64_t deadline, struct failure *f)
{
	int rc;

	if ((rc = send_raw(d, line, strlen(line), deadline, f)) != 0)
		return rc;
	return send_raw(d, "\n", 1, deadline, f);
}

void
dialogue_set_prompt(struct dialogue *d, char *line)
{
	size_t n = strlen(line);

	free(d->prompt);
	free(d->base_prompt);
	d->prompt = line;
	/* Netmiko's base prompt: trailing blanks and the terminator off. */
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	d->base_prompt = xstrndup(line, n > 1 ? n - 1 : n);
}

int
dialogue_last_line_is(const struct dialogue *d, const struct screen_re *re)
{
	return screen_last_line_matches(re, d->in.data, d->in.len, 1);
}

/*
 * Read until the last line matches the prompt pattern, getting past a
 * "Press any key to continue" (ProCurve) with Enter on the way.
 */
static int
read_to_pattern(struct dialogue *d, int64_t deadline, struct failure *f)
{
	int rc;

	for (;;) {
		if (dialogue_last_line_is(d, d->prompt_re))
			return 0;
		if (d->any_key_re != NULL &&
		    dialogue_last_line_is(d, d->any_key_re)) {
			buf_reset(&d->in);
			if ((rc = send_raw(d, "\n", 1, deadline, f)) < 0)
				return rc;
		}
		if ((rc = dialogue_read_some(d, deadline, f)) < 0)
			return rc;
	}
}

/*
 * After pressing Enter with cand as the candidate prompt: 1 when cand
 * came back alone at the end (confirmed), 0 when another prompt-shaped
 * line ended a line-holding read (try again with it), < 0 as read_some.
 */
static int
confirm_prompt(
    struct dialogue *d, const char *cand, int64_t deadline, struct failure *f)
{
	int rc;

	for (;;) {
		if ((rc = dialogue_read_some(d, deadline, f)) < 0)
			return rc;
		if (screen_ends_with_prompt(d->in.data, d->in.len, cand, 1) &&
		    d->in.len > strlen(cand))
			return 1;
		if (dialogue_last_line_is(d, d->prompt_re) &&
		    memchr(d->in.data, '\n', d->in.len) != NULL)
			return 0;
	}
}

/*
 * Find the prompt without trusting banners: wait for a prompt-shaped last
 * line, then press Enter and require that same line to come back alone
 * at the end. A banner line ending in '#' that happened to end a read is
 * replaced by the real prompt on the next round.
 */
static void no_prompt(struct dialogue *d, struct failure *f);

static int
find_prompt(struct dialogue *d, int64_t deadline, struct failure *f)
{
	char *cand, *q;
	int tries, rc;

	if ((rc = read_to_pattern(d, deadline, f)) < 0)
		goto fail;
	for (tries = 0; tries < PROMPT_TRIES; tries++) {
		cand = screen_last_line_dup(d->in.data, d->in.len, 1);
		buf_reset(&d->in);
		if ((rc = send_raw(d, "\n", 1, deadline, f)) == 0)
			rc = confirm_prompt(d, cand, deadline, f);
		if (rc == 1) {
			buf_reset(&d->in);
			dialogue_set_prompt(d, cand);
			return 0;
		}
		free(cand);
		if (rc < 0)
			goto fail;
	}
	q = screen_quote(d->in.data ? d->in.data : "", d->in.len, 60);
	failure_set(f, ERR_PROMPT, "prompt keeps changing: '%s'", q);
	free(q);
	return -1;
fail:
	if (rc == -1)
		no_prompt(d, f);
	return -1;
}

/* The first prompt did not come in time: say within what, and the last line. */
static void
no_prompt(struct dialogue *d, struct failure *f)
{
	size_t off = d->in.len ? screen_last_line(d->in.data, d->in.len) : 0;
	char *q = screen_quote(
		 d->in.data ? d->in.data + off : "", d->in.len - off, 60),
	     last[160] = "";

	if (q[0] != '\0')
		snprintf(last, sizeof(last), " (last: '%s')", q);
	if (dialogue_overall_fired(d))
		failure_timeout(f, ERR_TIMEOUT,
		    "no prompt within %g s (the device's %s)%s",
		    (double)d->budget_ms / 1000.0,
		    d->budget_name ? d->budget_name : "timeout", last);
	else
		failure_timeout(f, ERR_PROMPT, "no prompt within %g s%s",
		    (double)d->read_ms / 1000.0, last);
	free(q);
}

/*
 * Is line the device's prompt in another mode? The base prompt then
 * either a "(mode)" part ("R1(config)#", "R1(config-if)#") or just
 * another terminator ("R1#" after "end", "R1>" after "disable").
 */
static int
prompt_variant(const char *line, const char *base)
{
	size_t bl = strlen(base), k;
	const char *rest = line + bl, *paren = strchr(line, '(');

	/*
	 * In a mode the hostname may be cut short (IOS keeps 20
	 * characters, XR 31): a prefix of the base of at least 16 (what
	 * Netmiko matches) before the "(" will do.
	 */
	k = paren != NULL ? (size_t)(paren - line) : 0;
	if (paren != NULL && k < bl && k >= (bl < 16 ? bl : 16) &&
	    strncmp(line, base, k) == 0)
		return strchr(paren, ')') != NULL;
	if (bl == 0 || strncmp(line, base, bl) != 0 || rest[0] == '\0')
		return 0;
	if (rest[0] == '(')
		return strchr(rest, ')') != NULL;
	return rest[1 + strspn(rest + 1, " ")] == '\0';
}

/*
 * Nonzero when the buffer ends at the current prompt, or at a mode
 * variant of it, which then becomes the prompt (the hostname part stays
 * the base prompt).
 */
static int
at_prompt(struct dialogue *d)
{
	char *line;

	if (screen_ends_with_prompt(d->in.data, d->in.len, d->prompt, 1))
		return 1;
	if (d->base_prompt[0] == '\0' ||
	    !dialogue_last_line_is(d, d->prompt_re) ||
	    screen_last_line(d->in.data, d->in.len) == 0)
		return 0;
	line = screen_last_line_dup(d->in.data, d->in.len, 1);
	if (prompt_variant(line, d->base_prompt)) {
		free(d->prompt);
		d->prompt = line;
		return 1;
	}
	free(line);
	return 0;
}

/* Cut the erase sequence a device printed at erase_at after a pager. */
static void
erase_pager(struct dialogue *d, size_t erase_at)
{
	size_t n =
	    screen_pager_erase_len(d->in.data + erase_at, d->in.len - erase_at);

	if (n == 0)
		return;
	memmove(d->in.data + erase_at, d->in.data + erase_at + n,
	    d->in.len - erase_at - n);
	d->in.len -= n;
	d->in.data[d->in.len] = '\0';
}

/*
 * Send cmd and read until the prompt ends the buffer, answering pagers
 * (with answer, also a question whose default Enter takes: "Destination
 * filename [startup-config]? "). On success the raw bytes (echo ..
 * prompt) are in d->in.
 */
int
dialogue_exchange_answering(struct dialogue *d, const char *cmd, int answer,
    int64_t deadline, struct failure *f)
{
	ssize_t pager;
	size_t erase_at = 0, answered_at = 0;
	int rc, erase_pending = 0;

	buf_reset(&d->in);
	d->astray = 1;
	if ((rc = dialogue_send_line(d, cmd, deadline, f)) < 0)
		goto fail;
	for (;;) {
		if (erase_pending && d->in.len > erase_at) {
			erase_pager(d, erase_at);
			erase_pending = 0;
		}
		if (d->in.len > 0 && at_prompt(d)) {
			d->astray = 0;
			return 0;
		}
		if (answer && d->in.len > answered_at &&
		    dialogue_last_line_is(d, d->confirm_re)) {
			answered_at = d->in.len;
			if ((rc = send_raw(d, "\n", 1, deadline, f)) < 0)
				goto fail;
		}
		pager = screen_pager_at_end(d->in.data, d->in.len);
		if (pager >= 0) {
			d->in.len = (size_t)pager;
			d->in.data[d->in.len] = '\0';
			erase_at = d->in.len;
			erase_pending = 1;
			if ((rc = send_raw(d, " ", 1, deadline, f)) < 0)
				goto fail;
		}
		if (d->in.len > d->max_output) {
			failure_set(f, ERR_OUTPUT_LIMIT,
			    "output of '%s' exceeds %zu bytes", cmd,
			    d->max_output);
			return -1;
		}
		if ((rc = dialogue_read_some(d, deadline, f)) < 0)
			goto fail;
	}
fail:
	if (rc == -1 && dialogue_overall_fired(d)) {
		char limit[96];

		dialogue_overall_words(d, limit, sizeof(limit));
		failure_timeout(f, ERR_TIMEOUT,
		    "no prompt after '%s' within %s", cmd, limit);
	} else if (rc == -1)
		failure_timeout(f, ERR_READ_TIMEOUT,
		    "no prompt after '%s' within the read timeout", cmd);
	return -1;
}

int
dialogue_exchange(
    struct dialogue *d, const char *cmd, int64_t deadline, struct failure *f)
{
	return dialogue_exchange_answering(d, cmd, 0, deadline, f);
}

static void
dialogue_free(struct dialogue *d)
{
	struct buf out;

	if (d->ch != NULL)
		d->ch->ops->close(d->ch,
		    deadline_min(
			mono_ns() + LOGOUT_MS * NS_PER_MS, d->deadline));
	if (d->logfd != -1) {
		buf_init(&out);
		screen_mask_flush(&d->mask, &out);
		if (out.len > 0)
			(void)write_all(d->logfd, out.data, out.len);
		buf_free(&out);
	}
	screen_mask_free(&d->mask);
	screen_re_free(d->prompt_re);
	screen_re_free(d->secret_re);
	screen_re_free(d->confirm_re);
	screen_re_free(d->any_key_re);
	screen_re_free(d->shell_re);
	screen_re_free(d->context_re);
	screen_re_free(d->logout_re[0]);
	screen_re_free(d->logout_re[1]);
	screen_re_free(d->user_re);
	screen_re_free(d->pass_re);
	free(d->prompt);
	free(d->base_prompt);
	buf_free(&d->in);
	buf_free(&d->err);
	free(d);
}

/* *re compiled from pattern (NULL: none). 0, or -1 with f filled. */
static int
quirk_re(struct screen_re **re, const char *pattern, struct failure *f)
{
	char err[256];

	*re = NULL;
	if (pattern == NULL)
		return 0;
	if ((*re = screen_re_new(pattern, err, sizeof(err))) == NULL) {
		failure_set(f, ERR_INTERNAL, "%s", err);
		return -1;
	}
	return 0;
}

static struct dialogue *
dialogue_new(const struct dialogue_params *p, struct failure *f)
{
	struct dialogue *d = xcalloc(1, sizeof(*d));
	char rerr[256];

	d->pf = p->platform != NULL ? p->platform : platform_find("generic");
	d->deadline = p->deadline;
	d->budget_ms = p->budget_ms;
	d->budget_name = p->budget_name;
	d->read_ms = p->read_timeout_ms > 0 ? p->read_timeout_ms : DEF_READ_MS;
	d->max_output = p->max_output > 0 ? p->max_output : DEF_MAX_OUTPUT;
	d->ansi = d->pf->strip_ansi;
	d->logfd = p->log_fd;
	buf_init(&d->in);
	buf_init(&d->err);
	d->status = -1;
	screen_mask_init(&d->mask);
	screen_mask_add(&d->mask, p->secret);
	screen_mask_add(&d->mask, p->hide[0]);
	screen_mask_add(&d->mask, p->hide[1]);
	d->prompt_re = screen_re_new(d->pf->prompt_re, rerr, sizeof(rerr));
	if (d->prompt_re == NULL) {
		failure_set(f, ERR_PROMPT, "%s", rerr);
		goto fail;
	}
	if (d->pf->enable_prompt_re != NULL) {
		d->secret_re =
		    screen_re_new(d->pf->enable_prompt_re, rerr, sizeof(rerr));
		if (d->secret_re == NULL) {
			failure_set(f, ERR_ENABLE, "%s", rerr);
			goto fail;
		}
	}
	if (quirk_re(&d->confirm_re, CONFIRM_RE, f) == -1 ||
	    quirk_re(&d->any_key_re, d->pf->any_key_re, f) == -1 ||
	    quirk_re(&d->shell_re, d->pf->shell_re, f) == -1 ||
	    quirk_re(&d->context_re, d->pf->context_re, f) == -1 ||
	    quirk_re(&d->logout_re[0], d->pf->logout_ask_re[0], f) == -1 ||
	    quirk_re(&d->logout_re[1], d->pf->logout_ask_re[1], f) == -1 ||
	    (d->pf->login_cmd != NULL &&
		(quirk_re(&d->user_re, USER_RE, f) == -1 ||
		    quirk_re(&d->pass_re, ENABLE_PASS_RE, f) == -1)))
		goto fail;
	return d;
fail:
	dialogue_free(d);
	return NULL;
}

/*
 * A Junos login that lands in the shell (root@host:~ #, %) starts the CLI
 * first, as Netmiko does.
 */
static int
leave_shell(struct dialogue *d, int64_t deadline, struct failure *f)
{
	int rc;

	if (d->shell_re == NULL ||
	    !screen_re_match(d->shell_re, d->prompt, strlen(d->prompt)))
		return 0;
	buf_reset(&d->in);
	if ((rc = dialogue_send_line(d, d->pf->shell_cmd, deadline, f)) < 0) {
		if (rc == -1)
			no_prompt(d, f);
		return -1;
	}
	return find_prompt(d, deadline, f);
}

struct dialogue *
dialogue_open(const struct channel_source *src, const struct dialogue_params *p,
    struct failure *f)
{
	struct dialogue *d;
	int64_t deadline;

	if ((d = dialogue_new(p, f)) == NULL)
		return NULL;
	if (p->exec) {
		d->src = src;
		return d;
	}
	/* One read timeout covers the whole way to the first command. */
	deadline = dialogue_step_deadline(d);
	if ((d->ch = src->shell(src->ctx, deadline, f)) == NULL ||
	    find_prompt(d, deadline, f) == -1 ||
	    leave_shell(d, deadline, f) == -1)
		goto fail;
	if (d->pf->login_cmd != NULL && (p->secret == NULL || !p->secret[0])) {
		if (dialogue_login(d, p->username, p->password, deadline, f) ==
		    -1)
			goto fail;
	} else if (dialogue_enable(d, p->secret, deadline, f) == -1) {
		goto fail;
	}
	if (d->pf->width_cmd != NULL &&
	    dialogue_exchange(d, d->pf->width_cmd, deadline, f) == -1)
		goto fail;
	if (d->pf->paging_off != NULL &&
	    dialogue_exchange(d, d->pf->paging_off, deadline, f) == -1)
		goto fail;
	buf_reset(&d->in);
	return d;
fail:
	dialogue_free(d);
	return NULL;
}

const char *
dialogue_prompt(const struct dialogue *d)
{
	return d->prompt;
}

/*
 * The output of cmd from what d->in holds (echo .. prompt), cleaned like
 * Netmiko's send_command: the ASA's "\r\n\r" line ends first, and a last
 * line that is context ({master:0}), not output, dropped after the
 * prompt. Consumes d->in.
 */
char *
dialogue_clean(struct dialogue *d, const char *cmd, size_t *outlen)
{
	char *out, *nl;

	if (d->pf->crlfcr && d->in.len > 0)
		d->in.len = screen_crlfcr(d->in.data, d->in.len);
	out = screen_clean(d->in.data ? d->in.data : "", d->in.len, cmd,
	    d->base_prompt, d->ansi, outlen);
	buf_reset(&d->in);
	if (d->context_re != NULL) {
		nl = memrchr(out, '\n', *outlen);
		if (screen_re_match(d->context_re, nl != NULL ? nl + 1 : out,
			*outlen - (nl != NULL ? (size_t)(nl + 1 - out) : 0))) {
			*outlen = nl != NULL ? (size_t)(nl - out) : 0;
			out[*outlen] = '\0';
		}
	}
	return out;
}

int
dialogue_run(struct dialogue *d, const char *cmd, char **out, size_t *outlen,
    struct failure *f)
{
	int rc;

	if (d->src != NULL)
		return dialogue_exec_run(d, cmd, out, outlen, f);
	rc = dialogue_exchange(d, cmd, dialogue_step_deadline(d), f);
	*out = dialogue_clean(d, cmd, outlen);
	return rc;
}

/*
 * After the exit command: answer the questions the platform asks then
 * (ProCurve: log out? y; save? n), each once. -1 when sending failed.
 */
static int
logout_answer(struct dialogue *d, int64_t deadline, struct failure *f)
{
	size_t i;

	for (i = 0; i < 2; i++) {
		if (d->logout_re[i] == NULL ||
		    !dialogue_last_line_is(d, d->logout_re[i]))
			continue;
		buf_reset(&d->in);
		return dialogue_send_line(
			   d, d->pf->logout_answer[i], deadline, f) == 0
		    ? 0
		    : -1;
	}
	if (d->in.len > CONTEXT_MAX)
		buf_reset(&d->in);
	return 0;
}

void
dialogue_close(struct dialogue *d)
{
	struct failure f;
	int64_t deadline;

	if (d == NULL)
		return;
	/*
	 * Log out the way a person does: the exit command, then let the
	 * device end the session (its EOF), reading what it says meanwhile.
	 * Disconnecting right after the write made devices drop the
	 * unprocessed "exit". Bounded, skipped once out of time, and only
	 * from the prompt (the file's opening paragraph).
	 */
	deadline = deadline_min(mono_ns() + LOGOUT_MS * NS_PER_MS, d->deadline);
	if (d->ch != NULL && d->pf->exit_cmd != NULL && !d->astray &&
	    !deadline_passed(deadline) &&
	    dialogue_send_line(d, d->pf->exit_cmd, deadline, &f) == 0) {
		buf_reset(&d->in);
		while (dialogue_read_some(d, deadline, &f) == 0)
			if (logout_answer(d, deadline, &f) == -1)
				break;
	}
	dialogue_free(d);
}
