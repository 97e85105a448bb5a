/*
 * Unit tests for task: a device's result from its frames and its end. The
 * frames are written by frame.c's own writers into a buffer and decoded,
 * so they are exactly what a worker sends.
 */
#include <sys/mman.h>

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "frame.h"
#include "log.h"
#include "task.h"
#include "util.h"

/* Frames written by fn, decoded: each one fed to t; the last verdict. */
static enum task_verdict
feed(struct task *t, const struct task_hooks *h, void (*fn)(int fd))
{
	enum task_verdict v = TASK_OK;
	struct frame_decoder *d = frame_decoder_new();
	unsigned char b[65536];
	struct frame f;
	ssize_t n;
	int fd;

	/* A file, not a pipe: the writer may write more than a pipe holds. */
	assert_true((fd = memfd_create("test_task", MFD_CLOEXEC)) != -1);
	fn(fd);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	while ((n = read(fd, b, sizeof(b))) > 0) {
		frame_decoder_feed(d, b, (size_t)n);
		while (frame_decoder_next(d, &f) == 1)
			v = task_frame(t, &f, h);
	}
	close(fd);
	frame_decoder_free(d);
	return v;
}

static const struct timings tim = {1, 2, 3, 4, 5};

static void
two_commands(int fd)
{
	assert_int_equal(frame_write_event(fd, 3, STAGE_READY, 0), 0);
	assert_int_equal(
	    frame_write_output(fd, 3, 0, FRAME_F_RAW | FRAME_F_END, "raw0", 4),
	    0);
	assert_int_equal(
	    frame_write_output(fd, 3, 0, FRAME_F_END, "out0\n", 5), 0);
	assert_int_equal(frame_write_output(fd, 3, 1, 0, "part", 4), 0);
	assert_int_equal(frame_write_done(fd, 3, &tim), 0);
}

static void
test_outputs_kept(void **state)
{
	struct task_hooks h = {0};
	struct task *t = task_new(3, 0, 0, 42);
	struct result *r;

	(void)state;
	assert_int_equal(feed(t, &h, two_commands), TASK_OK);
	assert_true(t->got_done);
	r = task_take(t);
	assert_int_equal(r->kind, ERR_NONE);
	assert_int_equal(r->started, 42);
	assert_true(r->finished > 0);
	assert_int_equal(r->noutputs, 2);
	assert_string_equal(r->outputs[0].output, "out0\n");
	assert_string_equal(r->outputs[0].raw, "raw0");
	assert_true(r->outputs[0].complete);
	/* Cut short: kept, but not complete. */
	assert_string_equal(r->outputs[1].output, "part");
	assert_false(r->outputs[1].complete);
	assert_memory_equal(&r->t, &tim, sizeof(tim));
	result_free(r);
}

static size_t streamed;

static void
count_output(void *ctx, size_t index, uint32_t cmd, uint16_t flags,
    const unsigned char *data, size_t len)
{
	(void)ctx;
	(void)cmd;
	(void)flags;
	(void)data;
	assert_int_equal(index, 3);
	streamed += len;
}

static void
big_output(int fd)
{
	static char chunk[100000];

	memset(chunk, 'x', sizeof(chunk));
	assert_int_equal(frame_write_output(fd, 3, 0, 0, chunk, 1000), 0);
	assert_int_equal(
	    frame_write_output(fd, 3, 0, 0, chunk, sizeof(chunk)), 0);
	assert_int_equal(frame_write_done(fd, 3, &tim), 0);
}

/* The limit cuts the output exactly, kept or streamed, and says so once. */
static void
test_output_limit(void **state)
{
	struct task_hooks keep = {.max_output = 1500};
	struct task_hooks stream = {
	    .max_output = 1500, .on_output = count_output};
	struct task *t;
	struct result *r;

	(void)state;
	t = task_new(3, 0, 0, 0);
	assert_int_equal(feed(t, &keep, big_output), TASK_OK);
	r = task_take(t);
	assert_int_equal(r->kind, ERR_OUTPUT_LIMIT);
	assert_string_equal(r->message, "output exceeded 1500 bytes");
	assert_int_equal(r->outputs[0].len, 1500);
	result_free(r);

	streamed = 0;
	t = task_new(3, 0, 0, 0);
	assert_int_equal(feed(t, &stream, big_output), TASK_OK);
	r = task_take(t);
	assert_int_equal(streamed, 1500);
	assert_int_equal(r->noutputs, 0);
	result_free(r);
}

static void
past_limit_then_more(int fd)
{
	static char chunk[4000];

	assert_int_equal(
	    frame_write_output(fd, 3, 0, 0, chunk, sizeof(chunk)), 0);
}

static void
test_over_limit_verdict(void **state)
{
	struct task_hooks h = {.max_output = 10};
	struct task *t = task_new(3, 0, 0, 0);

	(void)state;
	/* The frame that crosses the limit asks to stop the worker. */
	assert_int_equal(feed(t, &h, past_limit_then_more), TASK_OVER_LIMIT);
	/* Later output is dropped quietly. */
	assert_int_equal(feed(t, &h, past_limit_then_more), TASK_OK);
	assert_int_equal(t->out_bytes, 10);
	result_free(task_take(t));
}

static void
after_done(int fd)
{
	assert_int_equal(frame_write_done(fd, 3, &tim), 0);
	assert_int_equal(frame_write_event(fd, 3, STAGE_READY, 0), 0);
}

static void
bad_hostkey(int fd)
{
	assert_int_equal(frame_write(fd, FRAME_HOSTKEY, 0, 3, "a\nb", 3), 0);
}

static void
bad_output(int fd)
{
	/* Command index 5000, over the bound. */
	assert_int_equal(
	    frame_write(fd, FRAME_OUTPUT, 0, 3, "\0\0\x13\x88x", 5), 0);
}

static void
bad_error(int fd)
{
	assert_int_equal(frame_write(fd, FRAME_ERROR, 0, 3, "\0\0", 2), 0);
}

static void
bad_notice(int fd)
{
	assert_int_equal(frame_write(fd, FRAME_NOTICE, 0, 3, "a\nb", 3), 0);
}

static void
retried(int fd)
{
	assert_int_equal(frame_write_event(fd, 3, STAGE_CONNECTING, 1), 0);
	assert_int_equal(frame_write_notice(fd, 3,
			     "R3: closed: x (attempt 1 "
			     "of 2); retrying in 1.0 s"),
	    0);
	assert_int_equal(frame_write_event(fd, 3, STAGE_CONNECTING, 2), 0);
	assert_int_equal(frame_write_done(fd, 3, &tim), 0);
}

/* What on_notice() was given. */
struct notice_seen {
	size_t index;
	char line[128];
	int n;
};

static void
record_notice(void *ctx, size_t index, const char *line)
{
	struct notice_seen *seen = ctx;

	seen->index = index;
	snprintf(seen->line, sizeof(seen->line), "%s", line);
	seen->n++;
}

/* A notice goes to the hook as one line, and is no failure. */
static void
test_notice(void **state)
{
	struct notice_seen seen = {0};
	struct task_hooks h = {.ctx = &seen, .on_notice = record_notice};
	struct task_hooks none = {0};
	struct task *t = task_new(3, 0, 0, 0);
	struct result *r;

	(void)state;
	assert_int_equal(feed(t, &h, retried), TASK_OK);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.index, 3);
	assert_string_equal(
	    seen.line, "R3: closed: x (attempt 1 of 2); retrying in 1.0 s");
	r = task_take(t);
	assert_int_equal(r->kind, ERR_NONE);
	assert_int_equal(r->attempts, 2);
	result_free(r);
	/* No hook: dropped, and still no failure. */
	t = task_new(3, 0, 0, 0);
	assert_int_equal(feed(t, &none, retried), TASK_OK);
	r = task_take(t);
	assert_int_equal(r->kind, ERR_NONE);
	result_free(r);
}

static void
expect_protocol(void (*fn)(int fd), const char *why)
{
	struct task_hooks h = {0};
	struct task *t = task_new(3, 0, 0, 0);
	struct result *r;

	assert_int_equal(feed(t, &h, fn), TASK_PROTOCOL);
	r = task_take(t);
	assert_int_equal(r->kind, ERR_PROTOCOL);
	assert_string_equal(r->message, why);
	result_free(r);
}

static void
test_protocol_errors(void **state)
{
	(void)state;
	expect_protocol(after_done, "frame after DONE");
	expect_protocol(bad_hostkey, "malformed HOSTKEY frame");
	expect_protocol(bad_output, "malformed OUTPUT frame");
	expect_protocol(bad_error, "malformed ERROR frame");
	expect_protocol(bad_notice, "malformed NOTICE frame");
}

/* How a worker that sent no DONE ended, and why we stopped it. */
static void
expect_end(enum err_kind reason, int sig, int wstatus, const char *trunc,
    int64_t now, enum err_kind kind, const char *msg)
{
	struct task *t = task_new(0, 300, 1000, 0);
	struct result *r;

	task_end(t, reason, sig, wstatus, trunc, now);
	r = task_take(t);
	assert_int_equal(r->kind, kind);
	assert_string_equal(r->message, msg);
	result_free(r);
}

static void
test_end(void **state)
{
	int64_t before = 1000, after = 1000 + 300 * NS_PER_MS;

	(void)state;
	expect_end(ERR_NONE, 0, 3 << 8, NULL, before, ERR_CRASHED, "exited 3");
	expect_end(
	    ERR_NONE, 0, SIGSEGV, NULL, before, ERR_CRASHED, "signal 11");
	expect_end(ERR_NONE, 0, 0, NULL, before, ERR_CRASHED,
	    "exited 0 without a result");
	expect_end(ERR_NONE, 0, 0, "truncated frame", before, ERR_PROTOCOL,
	    "truncated frame");
	/* Killed by us: our reason, not the signal we sent. */
	expect_end(ERR_TIMEOUT, 0, SIGKILL, NULL, before, ERR_TIMEOUT,
	    "timed out after 300 ms");
	expect_end(ERR_INTERRUPTED, SIGINT, SIGTERM, NULL, before,
	    ERR_INTERRUPTED, "interrupted by SIGINT");
	expect_end(ERR_INTERRUPTED, 0, SIGTERM, NULL, before, ERR_INTERRUPTED,
	    "the run was stopped");
	/* An inline worker that came back late. */
	expect_end(ERR_NONE, 0, 1 << 8, NULL, after, ERR_TIMEOUT,
	    "timed out after 300 ms");
}

static void
test_end_after_done(void **state)
{
	struct task_hooks h = {0};
	struct task *t = task_new(3, 0, 0, 0);
	struct result *r;

	(void)state;
	feed(t, &h, two_commands);
	/* DONE came: the exit status adds nothing. */
	task_end(t, ERR_NONE, 0, SIGSEGV, NULL, 0);
	r = task_take(t);
	assert_int_equal(r->kind, ERR_NONE);
	result_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_outputs_kept),
	    cmocka_unit_test(test_output_limit),
	    cmocka_unit_test(test_over_limit_verdict),
	    cmocka_unit_test(test_protocol_errors),
	    cmocka_unit_test(test_notice),
	    cmocka_unit_test(test_end),
	    cmocka_unit_test(test_end_after_done),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
