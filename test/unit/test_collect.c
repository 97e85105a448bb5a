/*
 * Unit tests for collect: the collector against a scripted runner (no
 * process, no thread): the slot rule in both orders, results from a wait
 * status, a start that fails with EAGAIN, a runner that cannot stop its
 * workers, frames that break the protocol.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect.h"
#include "frame.h"
#include "util.h"

#define MAXDEV 8

/* What one device's scripted worker does. */
struct script {
	const char *frames; /* "ok", "none", "other", "alien", "hang" */
	int status;	    /* wait status reported at its end */
	int end_after;	    /* reap() calls between start and end */
	int start_fails;    /* start() fails this often first (-1: always) */
	int start_errno;    /* with this errno */
	int stoppable;	    /* stop() works */
	int64_t timeout_ms; /* the device's deadline */
};

struct fake_slot {
	int active;
	size_t index;
	int wfd;  /* kept open while the worker "hangs" */
	int left; /* reaps before the end; -1: not yet decided */
	int status;
};

struct fake {
	struct runner rn;
	struct script dev[MAXDEV];
	struct fake_slot slot[MAXDEV];
	int starts[MAXDEV];
	int stops[MAXDEV];
	int ended_before_return;
	/* results */
	int nresults[MAXDEV];
	enum err_kind kind[MAXDEV];
	char message[MAXDEV][160];
	int busy[MAXDEV];
};

static const struct timings no_time;

static void
write_frames(const struct script *sc, size_t index, int fd)
{
	uint32_t dev = (uint32_t)index;

	if (strcmp(sc->frames, "ok") == 0) {
		assert_int_equal(frame_write_event(fd, dev, STAGE_READY, 0), 0);
		assert_int_equal(
		    frame_write_output(fd, dev, 0, FRAME_F_END, "R1#", 3), 0);
		assert_int_equal(frame_write_done(fd, dev, &no_time), 0);
	} else if (strcmp(sc->frames, "other") == 0)
		assert_int_equal(
		    frame_write_event(fd, dev ^ 1, STAGE_READY, 0), 0);
	else if (strcmp(sc->frames, "alien") == 0)
		assert_int_equal(
		    frame_write_event(fd, 1000, STAGE_READY, 0), 0);
	else if (strcmp(sc->frames, "hang") == 0)
		assert_int_equal(frame_write_event(fd, dev, STAGE_READY, 0), 0);
}

static int
fake_start(void *self, size_t slot, size_t index)
{
	struct fake *fk = self;
	struct script *sc = &fk->dev[index];
	struct fake_slot *s = &fk->slot[slot];
	int fds[2];

	fk->starts[index]++;
	assert_false(s->active);
	if (sc->start_fails != 0) {
		if (sc->start_fails > 0)
			sc->start_fails--;
		errno = sc->start_errno;
		return -1;
	}
	assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
	assert_int_equal(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
	write_frames(sc, index, fds[1]);
	memset(s, 0, sizeof(*s));
	s->active = 1;
	s->index = index;
	s->status = sc->status;
	if (strcmp(sc->frames, "hang") == 0) {
		s->wfd = fds[1];
		s->left = -1;
	} else {
		close(fds[1]);
		s->wfd = -1;
		s->left = sc->end_after;
	}
	return fds[0];
}

static int
fake_stop(void *self, size_t slot, enum runner_signal sig)
{
	struct fake *fk = self;
	struct fake_slot *s = &fk->slot[slot];

	fk->stops[s->index]++;
	if (!fk->dev[s->index].stoppable) {
		/* It ends by itself a little later, as a thread would. */
		if (s->left == -1)
			s->left = 3;
		return -1;
	}
	s->left = 0;
	s->status = sig == RUNNER_KILL ? SIGKILL : SIGTERM;
	return 0;
}

static void
fake_reap(void *self, runner_ended_fn ended, void *ctx)
{
	struct fake *fk = self;
	struct fake_slot *s;
	int pending = 0;

	for (size_t i = 0; i < MAXDEV; i++) {
		s = &fk->slot[i];
		if (!s->active || s->left == -1)
			continue;
		if (s->left > 0) {
			s->left--;
			pending = 1;
			continue;
		}
		if (s->wfd != -1)
			close(s->wfd);
		s->active = 0;
		ended(ctx, i, s->status);
	}
	/* Wake the loop for the next turn, as a later SIGCHLD would. */
	if (pending)
		raise(SIGCHLD);
}

static void
fake_stop_all(void *self)
{
	struct fake *fk = self;

	fk->ended_before_return = 1;
	for (size_t i = 0; i < MAXDEV; i++)
		if (fk->slot[i].active)
			fk->ended_before_return = 0;
}

static void
fake_free(void *self)
{
	(void)self;
}

static const struct runner_ops fake_ops = {
    .start = fake_start,
    .stop = fake_stop,
    .reap = fake_reap,
    .stop_all = fake_stop_all,
    .free = fake_free,
};

static int64_t
fake_timeout(void *arg, size_t index)
{
	struct fake *fk = arg;

	return fk->dev[index].timeout_ms;
}

static void
on_result(void *ctx, struct result *r, int worker_busy)
{
	struct fake *fk = ctx;

	assert_true(r->index < MAXDEV);
	fk->nresults[r->index]++;
	fk->kind[r->index] = r->kind;
	snprintf(fk->message[r->index], sizeof(fk->message[0]), "%s",
	    r->message ? r->message : "-");
	fk->busy[r->index] = worker_busy;
	result_free(r);
}

/* Run n scripted devices with njobs slots; every device got one result. */
static struct collect_stats
run(struct fake *fk, size_t n, size_t njobs)
{
	struct collect_callbacks cb = {.ctx = fk, .on_result = on_result};
	struct collect_config cfg = {
	    .ndevices = n,
	    .device_timeout_ms = fake_timeout,
	    .timeout_arg = fk,
	    .kill_grace_ms = 200,
	    .cb = &cb,
	};
	struct collect_stats st;

	fk->rn.ops = &fake_ops;
	fk->rn.self = fk;
	fk->rn.njobs = njobs;
	assert_int_equal(collect_run(&cfg, &fk->rn, &st), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(fk->nresults[i], 1);
	assert_true(fk->ended_before_return);
	return st;
}

static void
expect(struct fake *fk, size_t i, enum err_kind kind, const char *msg)
{
	assert_int_equal(fk->kind[i], kind);
	assert_string_equal(fk->message[i], msg);
}

/* A slot is freed after EOF and the end, whichever comes first. */
static void
test_slot_rule(void **state)
{
	struct fake fk = {0};
	struct collect_stats st;

	(void)state;
	fk.dev[0] = (struct script){.frames = "ok", .end_after = 0};
	fk.dev[1] = (struct script){.frames = "ok", .end_after = 50};
	fk.dev[2] = (struct script){.frames = "ok", .end_after = 1};
	st = run(&fk, 3, 2);
	for (size_t i = 0; i < 3; i++) {
		expect(&fk, i, ERR_NONE, "-");
		assert_int_equal(fk.busy[i], 0);
	}
	assert_int_equal(st.max_alive, 2);
}

/* Without DONE, the wait status says what happened; frames are checked. */
static void
test_status_without_done(void **state)
{
	struct fake fk = {0};

	(void)state;
	fk.dev[0] = (struct script){.frames = "none", .status = 3 << 8};
	fk.dev[1] = (struct script){.frames = "none", .status = SIGSEGV};
	fk.dev[2] = (struct script){.frames = "none", .status = 0};
	fk.dev[3] = (struct script){.frames = "other", .end_after = 2};
	fk.dev[4] = (struct script){.frames = "alien"};
	run(&fk, 5, 5);
	expect(&fk, 0, ERR_CRASHED, "exited 3");
	expect(&fk, 1, ERR_CRASHED, "signal 11");
	expect(&fk, 2, ERR_CRASHED, "exited 0 without a result");
	expect(&fk, 3, ERR_PROTOCOL, "frame for another device");
	expect(&fk, 4, ERR_PROTOCOL, "frame for an unknown device");
}

/*
 * EAGAIN with a worker running: the device waits for a slot to free; with
 * nothing running it gets one more try after the backoff.
 */
static void
test_eagain_waits(void **state)
{
	struct fake fk = {0};
	struct collect_stats st;

	(void)state;
	fk.dev[0] = (struct script){.frames = "ok", .end_after = 4};
	fk.dev[1] = (struct script){
	    .frames = "ok", .start_fails = 2, .start_errno = EAGAIN};
	fk.dev[2] = (struct script){.frames = "ok"};
	st = run(&fk, 3, 3);
	for (size_t i = 0; i < 3; i++)
		expect(&fk, i, ERR_NONE, "-");
	assert_int_equal(fk.starts[1], 3);
	/* Devices start in input order: 2 waited behind 1. */
	assert_int_equal(fk.starts[2], 1);
	assert_true(st.max_alive <= 2);
}

/* EAGAIN with nothing running: one retry after the backoff, then fail. */
static void
test_eagain_alone(void **state)
{
	struct fake fk = {0};
	int64_t t0 = mono_ns();

	(void)state;
	fk.dev[0] = (struct script){
	    .frames = "ok", .start_fails = -1, .start_errno = EAGAIN};
	fk.dev[1] = (struct script){
	    .frames = "ok", .start_fails = 1, .start_errno = EAGAIN};
	run(&fk, 2, 1);
	expect(&fk, 0, ERR_INTERNAL,
	    "could not start a worker: Resource temporarily unavailable "
	    "(too many processes or threads: ulimit -u)");
	assert_int_equal(fk.starts[0], 2);
	expect(&fk, 1, ERR_NONE, "-");
	assert_int_equal(fk.starts[1], 2);
	/* Two backoffs, not a busy loop and not a sleep of seconds. */
	assert_true(mono_ns() - t0 >= 200 * NS_PER_MS);
	assert_true(mono_ns() - t0 < 2 * NS_PER_SEC);
}

/* Any other errno fails the device at once, with that errno. */
static void
test_start_error(void **state)
{
	struct fake fk = {0};

	(void)state;
	fk.dev[0] = (struct script){
	    .frames = "ok", .start_fails = -1, .start_errno = ENOMEM};
	fk.dev[1] = (struct script){.frames = "ok"};
	run(&fk, 2, 1);
	expect(&fk, 0, ERR_INTERNAL,
	    "could not start a worker: Cannot allocate memory");
	assert_int_equal(fk.starts[0], 1);
	expect(&fk, 1, ERR_NONE, "-");
}

/* Past the deadline: stopped, or given up on (flagged busy) if it cannot be. */
static void
test_deadline(void **state)
{
	struct fake fk = {0};

	(void)state;
	fk.dev[0] =
	    (struct script){.frames = "hang", .stoppable = 1, .timeout_ms = 50};
	fk.dev[1] =
	    (struct script){.frames = "hang", .stoppable = 0, .timeout_ms = 60};
	run(&fk, 2, 2);
	expect(&fk, 0, ERR_TIMEOUT, "timed out after 50 ms");
	assert_int_equal(fk.busy[0], 0);
	expect(&fk, 1, ERR_TIMEOUT, "timed out after 60 ms");
	assert_int_equal(fk.busy[1], 1);
	assert_int_equal(fk.stops[1], 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_slot_rule),
	    cmocka_unit_test(test_status_without_done),
	    cmocka_unit_test(test_eagain_waits),
	    cmocka_unit_test(test_eagain_alone),
	    cmocka_unit_test(test_start_error),
	    cmocka_unit_test(test_deadline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
