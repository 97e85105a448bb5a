/*
 * dialogue_config: a configuration session over the shell dialogue, the
 * way Netmiko's send_config_set, commit and save_config do it: the
 * platform's configuration command (taken only when the prompt changes),
 * each line read to its prompt, the commit where the platform has one,
 * then the way out (end; on a refused line the platform's abort). What
 * was read is the session's one output. Also the dry-run plan of the
 * same session, and the save command with its confirmation answered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialogue_impl.h"

int
dialogue_save(struct dialogue *d, char **out, size_t *outlen, struct failure *f)
{
	const char *cmd = d->pf->save_cmd;
	int rc;

	if (cmd == NULL || d->ch == NULL) {
		failure_set(
		    f, ERR_INTERNAL, "%s has no save command", d->pf->name);
		*out = xstrdup("");
		*outlen = 0;
		return -1;
	}
	rc = dialogue_exchange_answering(
	    d, cmd, 1, dialogue_step_deadline(d), f);
	*out = dialogue_clean(d, cmd, outlen);
	return rc;
}

/*
 * One line of a configuration session: sent, read to the prompt, what
 * was read appended to all. With refusals, *why is set (malloc'd) when a
 * line of the answer is refusal text.
 */
static int
config_step(struct dialogue *d, const char *line,
    const struct screen_re *refusals, struct buf *all, char **why,
    struct failure *f)
{
	size_t n, off, len;
	char *text;
	int rc;

	rc = dialogue_exchange(d, line, dialogue_step_deadline(d), f);
	buf_append(all, d->in.data ? d->in.data : "", d->in.len);
	if (rc == 0 && refusals != NULL) {
		text = dialogue_clean(d, line, &n);
		if (screen_re_find_line(refusals, text, n, &off, &len))
			*why = xstrndup(text + off, len);
		free(text);
	}
	buf_reset(&d->in);
	return rc;
}

int
dialogue_configure(struct dialogue *d, char *const *lines, size_t n,
    const struct screen_re *refusals, const char **refused, char **why,
    char **out, size_t *outlen, struct failure *f)
{
	const struct platform *pf = d->pf;
	struct buf all;
	size_t i, len;
	char *before;
	int rc = -1;

	*refused = NULL;
	*why = NULL;
	buf_init(&all);
	if (pf->config_cmd == NULL || d->ch == NULL) {
		failure_set(
		    f, ERR_INTERNAL, "%s has no configuration mode", pf->name);
		goto out;
	}
	/* Entered when the prompt changed ("R1(config)#", "user@r1#"). */
	before = xstrdup(d->prompt);
	rc = config_step(d, pf->config_cmd, refusals, &all, why, f);
	if (rc == 0 && *why == NULL && strcmp(before, d->prompt) == 0)
		*why = xasprintf("still at '%s'", d->prompt);
	free(before);
	if (rc != 0 || *why != NULL) {
		*refused = pf->config_cmd;
		goto out;
	}
	for (i = 0; i < n && *why == NULL; i++) {
		if ((rc = config_step(d, lines[i], refusals, &all, why, f)) !=
		    0)
			goto out;
		if (*why != NULL)
			*refused = lines[i];
	}
	if (*why == NULL && pf->config_commit != NULL) {
		rc = config_step(d, pf->config_commit, refusals, &all, why, f);
		if (rc != 0)
			goto out;
		if (*why != NULL)
			*refused = pf->config_commit;
	}
	if (*why != NULL) {
		for (i = 0; i < 3 && pf->config_abort[i] != NULL && rc == 0;
		     i++)
			rc = config_step(
			    d, pf->config_abort[i], NULL, &all, why, f);
	} else if (pf->config_end != NULL) {
		rc = config_step(d, pf->config_end, NULL, &all, why, f);
	}
out:
	len = all.len;
	if (pf->crlfcr && len > 0)
		len = screen_crlfcr(all.data, len);
	if (d->ansi && len > 0)
		len = screen_strip_ansi(all.data, len);
	if (len > 0)
		len = screen_normalize(all.data, len);
	*out = xmalloc(len + 1);
	memcpy(*out, all.data ? all.data : "", len);
	(*out)[len] = '\0';
	*outlen = len;
	buf_free(&all);
	return rc == 0 ? 0 : -1;
}

void
dialogue_config_plan(const struct platform *pf, char *const *lines, size_t n,
    int save, struct buf *out)
{
	size_t i;

	if (pf->config_cmd == NULL)
		return;
	buf_appendf(out, "%s\n", pf->config_cmd);
	for (i = 0; i < n; i++)
		buf_appendf(out, "%s\n", lines[i]);
	if (pf->config_commit != NULL)
		buf_appendf(out, "%s\n", pf->config_commit);
	if (pf->config_end != NULL)
		buf_appendf(out, "%s\n", pf->config_end);
	if (save && pf->save_cmd != NULL)
		buf_appendf(out, "%s\n", pf->save_cmd);
}
