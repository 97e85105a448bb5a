/*
 * dialogue_exec: the exec dialogue, for devices without a shell worth
 * talking to (linux): each command on an exec channel of its own from
 * the dialogue's channel source, stdout kept byte for byte (nothing
 * cleaned), stderr apart, then the command's exit status. Both streams
 * are read to their EOF within the step's deadline and the output bound.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialogue_impl.h"

/*
 * Read stream of an exec channel if it is still open: 1 when something
 * happened (bytes or EOF), 0 nothing yet, -2 lost (f filled).
 */
static int
exec_pull(struct dialogue *d, struct channel *ch, enum channel_stream st,
    int *open, struct failure *f)
{
	struct buf *b = st == CHANNEL_STDOUT ? &d->in : &d->err;
	ssize_t n;
	char *p;

	if (!*open)
		return 0;
	p = buf_reserve(b, READ_MAX);
	n = ch->ops->read(ch, st, p, READ_MAX);
	if (n > 0) {
		b->len += (size_t)n;
		b->data[b->len] = '\0';
		dialogue_log_raw(d, p, (size_t)n);
		return 1;
	}
	if (n == CHANNEL_EOF) {
		*open = 0;
		return 1;
	}
	if (n == 0)
		return 0;
	failure_set(f, ERR_CLOSED, "connection lost: %s", ch->ops->error(ch));
	return -2;
}

/* Both streams of ch to their EOF. 0, -1 deadline, -2 lost or too big. */
static int
exec_read(struct dialogue *d, struct channel *ch, const char *cmd,
    int64_t deadline, struct failure *f)
{
	int open[2] = {1, 1}, a, b;

	while (open[0] || open[1]) {
		if ((a = exec_pull(d, ch, CHANNEL_STDOUT, &open[0], f)) < 0 ||
		    (b = exec_pull(d, ch, CHANNEL_STDERR, &open[1], f)) < 0)
			return -2;
		if (d->in.len + d->err.len > d->max_output) {
			failure_set(f, ERR_OUTPUT_LIMIT,
			    "output of '%s' exceeds %zu bytes", cmd,
			    d->max_output);
			return -2;
		}
		if (a == 0 && b == 0 && ch->ops->wait(ch, deadline) == -1)
			return -1;
	}
	return 0;
}

/*
 * The exec dialogue: cmd on a channel of its own, stdout byte for byte
 * (nothing cleaned), stderr apart, then its exit status.
 */
int
dialogue_exec_run(struct dialogue *d, const char *cmd, char **out,
    size_t *outlen, struct failure *f)
{
	int64_t deadline = dialogue_step_deadline(d);
	struct channel *ch;
	char limit[96];
	int rc = -2;

	buf_reset(&d->in);
	buf_reset(&d->err);
	d->status = -1;
	if ((ch = d->src->exec(d->src->ctx, cmd, deadline, f)) != NULL) {
		rc = exec_read(d, ch, cmd, deadline, f);
		if (rc == 0)
			d->status = ch->ops->exit_status(ch, deadline);
		ch->ops->close(ch, deadline);
	}
	if (rc == -1 && dialogue_overall_fired(d)) {
		dialogue_overall_words(d, limit, sizeof(limit));
		failure_timeout(f, ERR_TIMEOUT, "'%s' did not finish within %s",
		    cmd, limit);
	} else if (rc == -1)
		failure_timeout(f, ERR_READ_TIMEOUT,
		    "'%s' did not finish within the read timeout", cmd);
	*out = xmalloc(d->in.len + 1);
	memcpy(*out, d->in.data ? d->in.data : "", d->in.len);
	(*out)[d->in.len] = '\0';
	*outlen = d->in.len;
	buf_reset(&d->in);
	return rc == 0 ? 0 : -1;
}

const char *
dialogue_stderr(const struct dialogue *d, size_t *len)
{
	*len = d->err.len;
	return d->err.len > 0 ? d->err.data : "";
}

int
dialogue_exit_status(const struct dialogue *d)
{
	return d->src != NULL ? d->status : -1;
}

int
dialogue_is_exec(const struct dialogue *d)
{
	return d->src != NULL;
}
