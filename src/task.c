/*
 * task: a device's result under construction. Everything a worker says
 * arrives here as frames, checked before use: a command index is bounded,
 * a host key line holds no NUL or newline, a payload that does not parse
 * fails the device as "protocol". Output is counted against --max-output
 * before it is kept or streamed, and cut exactly at the limit. The result's
 * first failure wins (result.c), so a later symptom (the exit status of a
 * worker we killed) never hides the cause.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "sig.h"
#include "task.h"
#include "util.h"

#define MAX_COMMANDS 4096 /* bound on a command index from a worker */

struct task *
task_new(size_t index, int64_t timeout_ms, int64_t start, int64_t real)
{
	struct task *t = xcalloc(1, sizeof(*t));

	t->index = index;
	t->r = result_new(index);
	t->r->started = real;
	t->r->attempts = 1;
	t->timeout_ms = timeout_ms;
	if (timeout_ms > 0)
		t->deadline = start + timeout_ms * NS_PER_MS;
	return t;
}

/*
 * The allocation that holds n bytes of one output: a power of two, so an
 * output that grows by a chunk a frame is copied log n times, not once
 * per chunk (quadratic, and with ASan's quarantine resident).
 */
static size_t
room_for(size_t n)
{
	size_t c = 256;

	while (c < n)
		c *= 2;
	return c;
}

/* Keep output in the result or stream it, within the limit. */
static void
add_output(struct task *t, uint32_t cmd, uint16_t flags,
    const unsigned char *data, size_t len, const struct task_hooks *h)
{
	struct cmd_output *o;
	char **dst;
	size_t *dlen;

	if (flags & FRAME_F_STATUS) {
		o = result_output(t->r, cmd);
		o->has_exit_status =
		    frame_parse_status(data, len, &o->exit_status) == 0;
		return;
	}
	if (h->max_output > 0 && t->out_bytes + len > h->max_output) {
		len = h->max_output - t->out_bytes;
		result_fail(t->r, ERR_OUTPUT_LIMIT, "output exceeded %zu bytes",
		    h->max_output);
	}
	t->out_bytes += len;
	/* stderr and rows stay in the result: files hold what was printed. */
	if (h->on_output != NULL && !(flags & (FRAME_F_ASIDE & ~FRAME_F_RAW))) {
		h->on_output(h->ctx, t->index, cmd, flags, data, len);
		return;
	}
	o = result_output(t->r, cmd);
	dst = frame_output_field(o, flags, &dlen);
	if (*dst == NULL || room_for(*dlen + len + 1) > room_for(*dlen + 1))
		*dst = xrealloc(*dst, room_for(*dlen + len + 1));
	memcpy(*dst + *dlen, data, len);
	*dlen += len;
	(*dst)[*dlen] = '\0';
	if ((flags & FRAME_F_END) && !(flags & FRAME_F_ASIDE))
		o->complete = 1;
}

static enum task_verdict
protocol(struct task *t, const char *why)
{
	result_fail(t->r, ERR_PROTOCOL, "%s", why);
	return TASK_PROTOCOL;
}

static enum task_verdict
output_frame(struct task *t, const struct frame *f, const struct task_hooks *h)
{
	const unsigned char *data;
	uint32_t cmd;
	size_t len;

	if (frame_parse_output(f, &cmd, &data, &len) == -1 ||
	    cmd >= MAX_COMMANDS)
		return protocol(t, "malformed OUTPUT frame");
	if (t->r->kind == ERR_OUTPUT_LIMIT)
		return TASK_OK;
	add_output(t, cmd, f->flags, data, len, h);
	return t->r->kind == ERR_OUTPUT_LIMIT ? TASK_OVER_LIMIT : TASK_OK;
}

/*
 * A frame that is one line of text for the caller's hook (a host key to
 * record, a notice to show): no NUL, no newline.
 */
static enum task_verdict
line_frame(struct task *t, const struct frame *f, const char *malformed,
    void (*hook)(void *ctx, size_t index, const char *line), void *ctx)
{
	char *line;

	if (f->len == 0 || memchr(f->payload, '\0', f->len) != NULL ||
	    memchr(f->payload, '\n', f->len) != NULL)
		return protocol(t, malformed);
	if (hook != NULL) {
		line = xstrndup((const char *)f->payload, f->len);
		hook(ctx, t->index, line);
		free(line);
	}
	return TASK_OK;
}

enum task_verdict
task_frame(struct task *t, const struct frame *f, const struct task_hooks *h)
{
	enum stage stage;
	enum err_kind kind;
	const char *msg;
	size_t len;
	uint32_t cmd;
	int64_t when;

	if (t->got_done)
		return protocol(t, "frame after DONE");
	switch (f->type) {
	case FRAME_EVENT:
		if (frame_parse_event(f, &stage, &cmd, &when) == -1)
			return protocol(t, "malformed EVENT frame");
		/* --retries: each connection announces its attempt. */
		if (stage == STAGE_CONNECTING && cmd > t->r->attempts)
			t->r->attempts = cmd;
		return TASK_OK;
	case FRAME_OUTPUT:
		return output_frame(t, f, h);
	case FRAME_HOSTKEY:
		return line_frame(
		    t, f, "malformed HOSTKEY frame", h->on_hostkey, h->ctx);
	case FRAME_ERROR:
		if (frame_parse_error(f, &kind, &msg, &len) == -1)
			return protocol(t, "malformed ERROR frame");
		result_fail(t->r, kind, "%.*s", (int)len, msg);
		return TASK_OK;
	case FRAME_DONE:
		if (frame_parse_done(f, &t->r->t) == -1)
			return protocol(t, "malformed DONE frame");
		t->got_done = 1;
		return TASK_OK;
	case FRAME_NOTICE:
		return line_frame(
		    t, f, "malformed NOTICE frame", h->on_notice, h->ctx);
	}
	return protocol(t, "unknown frame type");
}

void
task_fail_stopped(struct task *t, enum err_kind reason, int sig)
{
	if (reason == ERR_INTERRUPTED && sig != 0)
		result_fail(t->r, reason, "interrupted by %s", sig_name(sig));
	else if (reason == ERR_INTERRUPTED)
		result_fail(t->r, reason, "the run was stopped");
	else if (reason == ERR_TIMEOUT)
		result_fail(t->r, reason, "timed out after %lld ms",
		    (long long)t->timeout_ms);
}

void
task_end(struct task *t, enum err_kind reason, int sig, int wstatus,
    const char *trunc, int64_t now)
{
	struct result *r = t->r;

	if (t->got_done)
		return;
	/* An inline worker is known to be late only now. */
	if (reason == ERR_NONE && t->deadline != 0 && now >= t->deadline)
		reason = ERR_TIMEOUT;
	task_fail_stopped(t, reason, sig);
	if (WIFSIGNALED(wstatus))
		result_fail(r, ERR_CRASHED, "signal %d", WTERMSIG(wstatus));
	else if (WEXITSTATUS(wstatus) != 0)
		result_fail(r, ERR_CRASHED, "exited %d", WEXITSTATUS(wstatus));
	else if (trunc != NULL)
		result_fail(r, ERR_PROTOCOL, "%s", trunc);
	else
		result_fail(r, ERR_CRASHED, "exited 0 without a result");
}

struct result *
task_take(struct task *t)
{
	struct result *r = t->r;

	r->finished = real_ns();
	free(t);
	return r;
}
