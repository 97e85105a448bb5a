/*
 * A scripted fake device behind struct channel, for the dialogue's unit
 * tests: no SSH, no sockets, no clock. A script is a list of steps; a
 * step with expect NULL is what the device prints as soon as the shell
 * opens, otherwise its reply becomes readable once what the dialogue
 * wrote since the last step contains expect. A step can end the stream
 * (EOF) after its reply. With drip set, each read() gives at most drip
 * bytes and then "nothing yet" until the next wait(), so the dialogue
 * sees the reply split across reads. wait() never blocks: with nothing
 * left to say, the fake reports the deadline as passed (and records the
 * deadline it was given), which is how a silent device looks. Exec
 * channels answer from fake_cmds (set by the test) instead.
 */
#ifndef FAKE_CHANNEL_H
#define FAKE_CHANNEL_H

#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "util.h"

struct fake_step {
	const char *expect; /* NULL: printed on open */
	const char *reply;
	int close; /* EOF after the reply */
};

struct fake {
	struct channel base;
	const struct fake_step *steps;
	size_t nsteps, next;
	struct buf pending; /* readable, not yet read */
	struct buf since;   /* written since the last step matched */
	struct buf written; /* everything written */
	int eof, closed, opened;
	size_t drip;
	int dripped;	       /* a drip was given since the last wait */
	int64_t last_deadline; /* the deadline of the last wait() */
	int nwaits;
};

static void
fake_advance(struct fake *fk)
{
	while (fk->next < fk->nsteps && !fk->eof) {
		const struct fake_step *st = &fk->steps[fk->next];

		if (st->expect != NULL &&
		    (fk->since.len == 0 ||
			strstr(fk->since.data, st->expect) == NULL))
			return;
		buf_append(&fk->pending, st->reply, strlen(st->reply));
		buf_reset(&fk->since);
		fk->eof = st->close;
		fk->next++;
	}
}

static ssize_t
fake_read(struct channel *c, enum channel_stream stream, char *p, size_t n)
{
	struct fake *fk = (struct fake *)c;

	if (stream != CHANNEL_STDOUT)
		return fk->eof && fk->pending.len == 0 ? CHANNEL_EOF : 0;
	if (fk->pending.len == 0)
		return fk->eof ? CHANNEL_EOF : 0;
	if (fk->drip > 0) {
		if (fk->dripped)
			return 0;
		fk->dripped = 1;
		if (n > fk->drip)
			n = fk->drip;
	}
	if (n > fk->pending.len)
		n = fk->pending.len;
	memcpy(p, fk->pending.data, n);
	buf_consume(&fk->pending, n);
	return (ssize_t)n;
}

static ssize_t
fake_write(struct channel *c, const char *p, size_t n)
{
	struct fake *fk = (struct fake *)c;

	if (fk->closed)
		return CHANNEL_LOST;
	buf_append(&fk->since, p, n);
	buf_append(&fk->written, p, n);
	fake_advance(fk);
	return (ssize_t)n;
}

static int
fake_wait(struct channel *c, int64_t deadline)
{
	struct fake *fk = (struct fake *)c;

	fk->nwaits++;
	fk->last_deadline = deadline;
	fk->dripped = 0;
	return fk->pending.len > 0 || fk->eof ? 0 : -1;
}

static int
fake_exit_status(struct channel *c, int64_t deadline)
{
	(void)c;
	(void)deadline;
	return -1;
}

static const char *
fake_error(struct channel *c)
{
	(void)c;
	return "fake connection lost";
}

static void
fake_close(struct channel *c, int64_t deadline)
{
	struct fake *fk = (struct fake *)c;

	(void)deadline;
	fk->closed = 1;
}

static const struct channel_ops fake_ops = {
    .read = fake_read,
    .write = fake_write,
    .wait = fake_wait,
    .exit_status = fake_exit_status,
    .error = fake_error,
    .close = fake_close,
};

static struct channel *
fake_shell(void *ctx, int64_t deadline, struct failure *f)
{
	struct fake *fk = ctx;

	(void)deadline;
	(void)f;
	fk->opened++;
	fake_advance(fk);
	return &fk->base;
}

/*
 * Exec: the fake host's answer to a command, by exact command text. Its
 * stdout and stderr come drip bytes at a time, interleaved; hang leaves
 * the channel open without EOF (a command that never ends).
 */
struct fake_cmd {
	const char *cmd;
	const char *out;
	const char *err;
	int status;
	int hang;
};

struct fake_exec {
	struct channel base;
	const struct fake_cmd *fc;
	size_t off[2];
	int *closed; /* counts closes on the fake */
};

static ssize_t
fx_read(struct channel *c, enum channel_stream stream, char *p, size_t n)
{
	struct fake_exec *x = (struct fake_exec *)c;
	const char *src = stream == CHANNEL_STDOUT ? x->fc->out : x->fc->err;
	size_t len = src ? strlen(src) : 0, *off = &x->off[stream];

	if (*off == len)
		return x->fc->hang ? 0 : CHANNEL_EOF;
	if (n > 5)
		n = 5;
	if (n > len - *off)
		n = len - *off;
	memcpy(p, src + *off, n);
	*off += n;
	return (ssize_t)n;
}

static ssize_t
fx_write(struct channel *c, const char *p, size_t n)
{
	(void)c;
	(void)p;
	return (ssize_t)n;
}

static int
fx_wait(struct channel *c, int64_t deadline)
{
	(void)c;
	(void)deadline;
	return -1;
}

static int
fx_exit_status(struct channel *c, int64_t deadline)
{
	(void)deadline;
	return ((struct fake_exec *)c)->fc->status;
}

static void
fx_close(struct channel *c, int64_t deadline)
{
	struct fake_exec *x = (struct fake_exec *)c;

	(void)deadline;
	(*x->closed)++;
	free(x);
}

static const struct channel_ops fake_exec_ops = {
    .read = fx_read,
    .write = fx_write,
    .wait = fx_wait,
    .exit_status = fx_exit_status,
    .error = fake_error,
    .close = fx_close,
};

static const struct fake_cmd *fake_cmds;
static size_t fake_ncmds;

static struct channel *
fake_exec(void *ctx, const char *cmd, int64_t deadline, struct failure *f)
{
	struct fake *fk = ctx;
	struct fake_exec *x;

	(void)deadline;
	for (size_t i = 0; i < fake_ncmds; i++) {
		if (strcmp(fake_cmds[i].cmd, cmd) != 0)
			continue;
		x = calloc(1, sizeof(*x));
		x->base.ops = &fake_exec_ops;
		x->fc = &fake_cmds[i];
		x->closed = &fk->closed;
		fk->opened++;
		return &x->base;
	}
	failure_set(f, ERR_SSH, "exec of '%s' refused by the fake", cmd);
	return NULL;
}

static void
fake_init(struct fake *fk, const struct fake_step *steps, size_t nsteps,
    struct channel_source *src)
{
	memset(fk, 0, sizeof(*fk));
	fk->base.ops = &fake_ops;
	fk->steps = steps;
	fk->nsteps = nsteps;
	buf_init(&fk->pending);
	buf_init(&fk->since);
	buf_init(&fk->written);
	*src = (struct channel_source){fk, fake_shell, fake_exec};
}

static void
fake_free(struct fake *fk)
{
	buf_free(&fk->pending);
	buf_free(&fk->since);
	buf_free(&fk->written);
}

#endif
