/*
 * collect: the collector.
 *
 * Theory of operation. Every worker, whatever runs it, reports through
 * frames on an fd of its own that the runner hands over when the device
 * starts; the collector is one loop waiting (epoll) on those fds plus the
 * signal self-pipe, and it is the only place results are built (from
 * frames by task.c). A "slot" is one fd, its frame decoder and its task; a
 * "task" is one device in flight and its result under construction. The loop starts devices in input order
 * while fewer than njobs slots are in use. A slot is freed only when both
 * its fd reached EOF and the runner reported the worker's end: the last
 * frames may arrive after the end or before it. A worker that ended
 * without a DONE frame is reported from its status.
 *
 * Deadlines are absolute monotonic times, each task's counted from its
 * start; time the sinks spend writing a result (stdout blocked by a slow
 * reader) moves every running deadline by as much. Past one, the
 * collector asks the runner to stop the worker (SIGTERM, then SIGKILL
 * after the grace). A runner that cannot (a thread)
 * makes the collector give up instead: the device's result goes out at
 * once, flagged as still in use by its worker, and the slot stays in use,
 * its late frames dropped, until that worker ends.
 *
 * Signals: the first SIGINT, SIGTERM, SIGHUP or SIGQUIT (all alike)
 * stops launching and stops every worker the same way; what arrives
 * meanwhile is kept, and every device without a result gets
 * ERR_INTERRUPTED (workers that cannot be stopped are given up on after
 * the grace). A second signal kills at once. SIGCHLD wakes the loop,
 * which reaps at once, and again in the turns after one came.
 *
 * A start that fails with EAGAIN (a process or thread limit) holds the
 * device until a slot is freed or a short backoff passes, then tries
 * again; only with nothing running does a second failure fail the device.
 * The collector never learns which mode it serves.
 */
#include <sys/epoll.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect.h"
#include "frame.h"
#include "log.h"
#include "sig.h"
#include "task.h"
#include "util.h"

#define READ_SIZE (64 * 1024)
#define READS_PER_TURN 16 /* per fd, so one busy worker cannot starve us */
#define TICK_NS (100 * NS_PER_MS)
#define START_RETRY_NS (100 * NS_PER_MS)

/* The signals that stop a run, all alike. */
static const int stop_sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define NSTOP_SIGS (sizeof(stop_sigs) / sizeof(stop_sigs[0]))

struct slot {
	int fd; /* read end; -1 after EOF */
	struct frame_decoder *dec;
	struct task *task; /* device in flight, NULL once given up on */
	int in_use;
	int broken;	 /* protocol error seen: discard the rest */
	int ended;	 /* the runner reported the worker's end */
	int wstatus;	 /* and its status */
	int cannot_stop; /* the runner said it cannot stop this worker */
	int file;	 /* a regular file: always readable, not watched */
	enum err_kind kill_reason; /* why we stopped it, ERR_NONE if not */
	int64_t kill_at;	   /* SIGKILL time after SIGTERM, 0 = none */
};

/* A device whose start failed with EAGAIN, waiting to be tried again. */
struct hold {
	int active;
	int slot_freed;	  /* since the failure */
	int last_chance;  /* it failed with nothing running */
	int64_t retry_at; /* backoff */
};

struct collect {
	const struct collect_config *cfg;
	const struct collect_callbacks *cb;
	struct runner *rn;
	struct slot *slots;
	size_t nslots;
	size_t *free_slots; /* stack of unused slot numbers */
	size_t nfree;
	size_t next;  /* next device to start */
	size_t alive; /* slots in use: devices in flight */
	struct hold hold;
	int stopping;	/* launching stopped, workers being stopped */
	int stop_sig;	/* the signal that stopped the run, 0 if none */
	int stop_asked; /* must_stop() asked to stop the run */
	int killall;
	int64_t giveup_at; /* after a signal: stop waiting for threads */
	unsigned long seen_stop[NSTOP_SIGS], seen_chld;
	int64_t next_tick;
	int64_t grace_ns;
	int epfd;		    /* watches the self-pipe and slots' fds */
	struct epoll_event *events; /* nslots + 1 */
	size_t nfiles;		    /* slots with file set */
	struct collect_stats stats;
	struct task_hooks hooks; /* the callbacks a task feeds */
};

/* The failures we cause by stopping a worker, worded in task.c. */
static void
fail_stopped(struct collect *c, struct task *t, enum err_kind reason)
{
	task_fail_stopped(t, reason, c->stop_sig);
}

/* A task for device index, started at mono (real: the same instant). */
static struct task *
start_task(struct collect *c, size_t index, int64_t mono, int64_t real)
{
	int64_t ms = 0;

	if (c->cfg->device_timeout_ms != NULL)
		ms = c->cfg->device_timeout_ms(c->cfg->timeout_arg, index);
	return task_new(index, ms, mono, real);
}

/*
 * Time spent in the sinks (a slow reader of stdout blocks our writes) is
 * not the devices': every deadline still running moves by it, so that a
 * worker whose frames wait in its pipe is not taken for a late one.
 */
static void
pause_deadlines(struct collect *c, int64_t ns)
{
	struct slot *s;
	size_t i;

	for (i = 0; i < c->nslots; i++) {
		s = &c->slots[i];
		if (s->in_use && s->task != NULL && s->task->deadline != 0 &&
		    s->kill_reason == ERR_NONE)
			s->task->deadline += ns;
	}
}

/*
 * Hand the result over; the task is gone afterwards. When the sinks say
 * they cannot write any more, the run is to stop (check_signals()).
 */
static void
deliver(struct collect *c, struct task *t, int worker_busy)
{
	struct result *r = task_take(t);
	int64_t t0, dt;

	if (c->cb == NULL || c->cb->on_result == NULL) {
		result_free(r);
		return;
	}
	t0 = mono_ns();
	c->cb->on_result(c->cb->ctx, r, worker_busy);
	if ((dt = mono_ns() - t0) >= NS_PER_MS)
		pause_deadlines(c, dt);
	if (c->cb->must_stop != NULL && !c->stop_asked &&
	    c->cb->must_stop(c->cb->ctx))
		c->stop_asked = 1;
}

/* The worker ended and its stream is read: what it did not say, we do. */
static void
end_task(struct collect *c, struct slot *s, const char *trunc)
{
	struct task *t = s->task;

	s->task = NULL;
	task_end(t, s->kill_reason, c->stop_sig, s->wstatus, trunc, mono_ns());
	deliver(c, t, 0);
}

/* Stop waiting for a worker that cannot be stopped; its slot stays. */
static void
give_up(struct collect *c, struct slot *s, enum err_kind reason)
{
	struct task *t = s->task;

	s->task = NULL;
	fail_stopped(c, t, reason);
	deliver(c, t, 1);
}

/* Ask a worker to stop: SIGTERM now, SIGKILL after the grace. */
static void
slot_stop(struct collect *c, struct slot *s, enum err_kind reason)
{
	if (s->kill_reason == ERR_NONE)
		s->kill_reason = reason;
	if (s->ended || s->cannot_stop || s->kill_at != 0)
		return;
	if (c->rn->ops->stop(
		c->rn->self, (size_t)(s - c->slots), RUNNER_TERM) == -1)
		s->cannot_stop = 1;
	else
		s->kill_at = mono_ns() + c->grace_ns;
}

static void
slot_kill(struct collect *c, struct slot *s)
{
	if (s->ended || s->cannot_stop)
		return;
	if (c->rn->ops->stop(
		c->rn->self, (size_t)(s - c->slots), RUNNER_KILL) == -1)
		s->cannot_stop = 1;
	s->kill_at = 0;
}

/* A worker broke the protocol: its device fails, its stream is ignored. */
static void
slot_protocol(struct collect *c, struct slot *s, const char *why)
{
	s->broken = 1;
	if (s->task != NULL)
		result_fail(s->task->r, ERR_PROTOCOL, "%s", why);
	slot_stop(c, s, ERR_PROTOCOL);
}

/*
 * The task a frame belongs to, or NULL when it is dropped: late frames of
 * a device given up on, or a protocol error (then reported).
 */
static struct task *
frame_task(struct collect *c, struct slot *s, const struct frame *f)
{
	if (f->device >= c->cfg->ndevices) {
		slot_protocol(c, s, "frame for an unknown device");
		return NULL;
	}
	if (s->task == NULL)
		return NULL;
	if (s->task->index != f->device) {
		slot_protocol(c, s, "frame for another device");
		return NULL;
	}
	return s->task;
}

static void
handle_frame(struct collect *c, struct slot *s, const struct frame *f)
{
	struct task *t;

	if ((t = frame_task(c, s, f)) == NULL)
		return;
	switch (task_frame(t, f, &c->hooks)) {
	case TASK_OK:
		break;
	case TASK_PROTOCOL:
		s->broken = 1;
		slot_stop(c, s, ERR_PROTOCOL);
		break;
	case TASK_OVER_LIMIT:
		slot_stop(c, s, ERR_OUTPUT_LIMIT);
		break;
	}
}

/* Read what the fd has; 0 normally, 1 at EOF. */
static int
slot_read(struct collect *c, struct slot *s)
{
	unsigned char b[READ_SIZE];
	struct frame f;
	ssize_t n;
	int i, rc;

	for (i = 0; i < READS_PER_TURN; i++) {
		n = read(s->fd, b, sizeof(b));
		if (n == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			log_error(
			    "reading a worker's pipe: %s", strerror(errno));
			return 1;
		}
		if (n == 0)
			return 1;
		if (s->broken)
			continue;
		frame_decoder_feed(s->dec, b, (size_t)n);
		while ((rc = frame_decoder_next(s->dec, &f)) == 1) {
			handle_frame(c, s, &f);
			if (s->broken)
				break;
		}
		if (rc == -1)
			slot_protocol(c, s, frame_decoder_error(s->dec));
	}
	return 0;
}

/* Both EOF and the worker's end seen: the slot is free. */
static void
slot_try_free(struct collect *c, struct slot *s)
{
	const char *trunc = NULL;

	if (!s->in_use || s->fd != -1 || !s->ended)
		return;
	if (!s->broken && frame_decoder_finish(s->dec) == -1)
		trunc = frame_decoder_error(s->dec);
	if (s->task != NULL)
		end_task(c, s, trunc);
	frame_decoder_free(s->dec);
	s->dec = NULL;
	s->in_use = 0;
	c->free_slots[c->nfree++] = (size_t)(s - c->slots);
	c->alive--;
	c->hold.slot_freed = 1;
}

static void
slot_eof(struct collect *c, struct slot *s)
{
	if (s->file)
		c->nfiles--;
	else
		(void)epoll_ctl(c->epfd, EPOLL_CTL_DEL, s->fd, NULL);
	close(s->fd);
	s->fd = -1;
	slot_try_free(c, s);
}

/* runner_ended_fn */
static void
worker_ended(void *ctx, size_t slot, int wstatus)
{
	struct collect *c = ctx;
	struct slot *s = &c->slots[slot];

	if (!s->in_use || s->ended) {
		log_error("runner reported the end of slot %zu twice", slot);
		return;
	}
	s->ended = 1;
	s->wstatus = wstatus;
	s->kill_at = 0;
	slot_try_free(c, s);
}

/* Every worker that ended, and the SIGCHLDs seen so far with them. */
static void
reap(struct collect *c)
{
	c->seen_chld = sig_count(SIGCHLD);
	c->rn->ops->reap(c->rn->self, worker_ended, c);
}

static void
slot_attach(struct collect *c, size_t slot, int fd, struct task *t)
{
	struct slot *s = &c->slots[slot];
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = slot};

	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->dec = frame_decoder_new();
	s->task = t;
	s->in_use = 1;
	c->nfree--;
	if (++c->alive > c->stats.max_alive)
		c->stats.max_alive = c->alive;
	if (epoll_ctl(c->epfd, EPOLL_CTL_ADD, fd, &ev) == 0)
		return;
	if (errno == EPERM) {
		/* A file (serial mode's spool) is read without waiting. */
		s->file = 1;
		c->nfiles++;
		return;
	}
	result_fail(t->r, ERR_INTERNAL, "cannot watch the worker's pipe: %s",
	    strerror(errno));
	s->broken = 1;
	slot_stop(c, s, ERR_INTERNAL);
	s->file = 1; /* not in the epoll set */
	c->nfiles++;
	slot_eof(c, s);
}

/*
 * A start failed with err. Return 1 to hold the device for another try,
 * 0 when it fails for good.
 */
static int
hold_device(struct collect *c, int err)
{
	if (err != EAGAIN || (c->alive == 0 && c->hold.last_chance))
		return 0;
	c->hold.active = 1;
	c->hold.slot_freed = 0;
	c->hold.last_chance = c->alive == 0;
	c->hold.retry_at = mono_ns() + START_RETRY_NS;
	return 1;
}

/* Start the next device. Returns 0, or -1 when it is held. */
static int
launch_next(struct collect *c)
{
	size_t index = c->next, slot;
	int64_t mono, real;
	struct task *t;
	int fd, err;

	/* A worker that ended is counted out before another starts. */
	reap(c);
	slot = c->free_slots[c->nfree - 1];
	if (!c->hold.active && c->cb != NULL && c->cb->on_start != NULL)
		c->cb->on_start(c->cb->ctx, index);
	mono = mono_ns();
	real = real_ns();
	fd = c->rn->ops->start(c->rn->self, slot, index);
	err = errno;
	if (fd == -1 && hold_device(c, err))
		return -1;
	memset(&c->hold, 0, sizeof(c->hold));
	c->next++;
	t = start_task(c, index, mono, real);
	if (fd != -1) {
		slot_attach(c, slot, fd, t);
		return 0;
	}
	result_fail(t->r, ERR_INTERNAL, "could not start a worker: %s%s",
	    strerror(err),
	    err == EAGAIN ? " (too many processes or threads: ulimit -u)" : "");
	deliver(c, t, 0);
	return 0;
}

static void
launch(struct collect *c)
{
	while (!c->stopping && !c->stop_asked && c->nfree > 0 &&
	    c->next < c->cfg->ndevices) {
		if (c->hold.active && !c->hold.slot_freed &&
		    !deadline_passed(c->hold.retry_at))
			return;
		if (launch_next(c) == -1)
			return;
	}
}

/* After a signal: every worker is asked to stop (or killed). */
static void
stop_workers(struct collect *c, int kill_now)
{
	struct slot *s;
	size_t i;

	for (i = 0; i < c->nslots; i++) {
		s = &c->slots[i];
		if (!s->in_use || s->ended)
			continue;
		if (kill_now) {
			if (s->kill_reason == ERR_NONE)
				s->kill_reason = ERR_INTERRUPTED;
			slot_kill(c, s);
		} else
			slot_stop(c, s, ERR_INTERRUPTED);
	}
}

/*
 * New stopping signals since last time: how many, and the number of one
 * of them (the first in stop_sigs[] order: which came first is not known).
 */
static int
new_signals(struct collect *c, int *n)
{
	unsigned long k;
	size_t i;
	int sig = 0;

	*n = 0;
	for (i = 0; i < NSTOP_SIGS; i++) {
		k = sig_count(stop_sigs[i]);
		if (k == c->seen_stop[i])
			continue;
		if (sig == 0)
			sig = stop_sigs[i];
		*n += (int)(k - c->seen_stop[i]);
		c->seen_stop[i] = k;
	}
	return sig;
}

/* Stop launching and ask every worker to stop; sig 0: must_stop() said so. */
static void
stop_run(struct collect *c, int sig)
{
	c->stopping = 1;
	c->stop_sig = sig;
	c->giveup_at = mono_ns() + c->grace_ns;
	stop_workers(c, 0);
}

/* Signals and requests to stop that came since the last call. */
static void
check_signals(struct collect *c)
{
	int n, sig = new_signals(c, &n);

	if (c->stop_asked && !c->stopping)
		stop_run(c, 0);
	if (sig == 0)
		return;
	if (!c->stopping) {
		log_info("%s: stopping", sig_name(sig));
		stop_run(c, sig);
		n--;
	} else if (c->stop_sig == 0)
		c->stop_sig = sig;
	if (n > 0 && !c->killall) {
		/*
		 * pdsh waits for a second press within a second because its
		 * first one only prints status. Ours already stops, so any
		 * further press escalates at once.
		 */
		c->killall = 1;
		c->giveup_at = mono_ns();
		log_info("%s: killing every worker", sig_name(sig));
		stop_workers(c, 1);
	}
}

/*
 * Deadlines: SIGTERM at the device's deadline, SIGKILL after the grace;
 * a worker that cannot be stopped is given up on at its deadline, or at
 * the end of the grace after a signal.
 */
static void
check_deadlines(struct collect *c, int64_t now)
{
	struct slot *s;
	struct task *t;
	size_t i;

	for (i = 0; i < c->nslots; i++) {
		s = &c->slots[i];
		if (!s->in_use || s->ended)
			continue;
		if (s->kill_at != 0 && now >= s->kill_at)
			slot_kill(c, s);
		if ((t = s->task) == NULL || t->got_done)
			continue;
		if (t->deadline != 0 && now >= t->deadline) {
			if (s->kill_reason == ERR_NONE)
				slot_stop(c, s, ERR_TIMEOUT);
			if (s->cannot_stop)
				give_up(c, s, ERR_TIMEOUT);
		} else if (c->stopping && s->cannot_stop && now >= c->giveup_at)
			give_up(c, s, ERR_INTERRUPTED);
	}
}

static int64_t
next_deadline(struct collect *c)
{
	int64_t d = 0;
	struct slot *s;
	size_t i;

	for (i = 0; i < c->nslots; i++) {
		s = &c->slots[i];
		if (!s->in_use || s->ended)
			continue;
		if (s->kill_at != 0)
			d = deadline_min(d, s->kill_at);
		if (s->task == NULL || s->task->got_done)
			continue;
		if (s->kill_reason == ERR_NONE || s->cannot_stop)
			d = deadline_min(d, s->task->deadline);
		if (c->stopping && s->cannot_stop)
			d = deadline_min(d, c->giveup_at);
	}
	if (c->hold.active)
		d = deadline_min(d, c->hold.retry_at);
	if (c->cb != NULL && c->cb->on_tick != NULL)
		d = deadline_min(d, c->next_tick);
	return d;
}

static void
tick(struct collect *c, int64_t now)
{
	if (c->cb == NULL || c->cb->on_tick == NULL || now < c->next_tick)
		return;
	c->cb->on_tick(c->cb->ctx);
	c->next_tick = now + TICK_NS;
}

/*
 * Done when nothing is alive and nothing is left to start, or, after a
 * signal, when only workers that cannot be stopped are left and none of
 * them still has a device of ours.
 */
static int
finished(struct collect *c)
{
	struct slot *s;
	size_t i;

	if (c->alive == 0)
		return c->stopping || c->next >= c->cfg->ndevices;
	if (!c->stopping)
		return 0;
	for (i = 0; i < c->nslots; i++) {
		s = &c->slots[i];
		if (s->in_use &&
		    (s->task != NULL || (!s->ended && !s->cannot_stop)))
			return 0;
	}
	return 1;
}

/*
 * After a signal, the devices never started get their result. (Every
 * device started has one by now: finished() waits for them.)
 */
static void
finish_pending(struct collect *c)
{
	struct task *t;

	for (; c->stopping && c->next < c->cfg->ndevices; c->next++) {
		t = start_task(c, c->next, 0, real_ns());
		fail_stopped(c, t, ERR_INTERRUPTED);
		deliver(c, t, 0);
	}
}

#define SELF_PIPE UINT64_MAX /* epoll data of the self-pipe */

/* Read a slot that has something (or is a file); close it at EOF. */
static void
slot_ready(struct collect *c, struct slot *s)
{
	if (!s->in_use || s->fd == -1)
		return;
	if (slot_read(c, s) == 1)
		slot_eof(c, s);
	/* A child that ended meanwhile is reaped now, not next turn. */
	if (sig_count(SIGCHLD) != c->seen_chld)
		reap(c);
}

/*
 * One wait for the slots' fds and the self-pipe (no wait when a file is
 * to be read), then reads. epoll, so that a turn costs what is ready, not
 * what is open: at -j 1000 that is most of the collector's time.
 */
static void
wait_turn(struct collect *c)
{
	int i, n, timeout = 0;

	if (c->nfiles == 0)
		timeout = deadline_poll_ms(next_deadline(c));
	n = epoll_wait(c->epfd, c->events, (int)c->nslots + 1, timeout);
	if (n == -1 && errno != EINTR)
		log_error("epoll_wait: %s", strerror(errno));
	for (i = 0; i < n; i++) {
		if (c->events[i].data.u64 == SELF_PIPE) {
			sig_drain();
			reap(c);
		} else
			slot_ready(c, &c->slots[c->events[i].data.u64]);
	}
	for (size_t k = 0; c->nfiles > 0 && k < c->nslots; k++)
		if (c->slots[k].file)
			slot_ready(c, &c->slots[k]);
}

static void
run_loop(struct collect *c)
{
	int64_t now;

	for (;;) {
		check_signals(c);
		launch(c);
		reap(c);
		if (finished(c))
			break;
		wait_turn(c);
		reap(c);
		check_signals(c);
		now = mono_ns();
		check_deadlines(c, now);
		tick(c, now);
	}
}

static void
collect_free(struct collect *c)
{
	size_t i;

	for (i = 0; i < c->nslots; i++) {
		if (c->slots[i].fd != -1)
			close(c->slots[i].fd);
		frame_decoder_free(c->slots[i].dec);
	}
	free(c->slots);
	free(c->free_slots);
	free(c->events);
	close(c->epfd);
}

/* The collector's state and its wait set; -1 with one line logged. */
static int
collect_init(
    struct collect *c, const struct collect_config *cfg, struct runner *rn)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = SELF_PIPE};
	size_t i;

	memset(c, 0, sizeof(*c));
	c->cfg = cfg;
	c->cb = cfg->cb;
	c->rn = rn;
	c->grace_ns =
	    (cfg->kill_grace_ms > 0 ? cfg->kill_grace_ms : 1000) * NS_PER_MS;
	c->nslots = rn->njobs < cfg->ndevices ? rn->njobs : cfg->ndevices;
	if (c->nslots == 0)
		c->nslots = 1;
	if ((c->epfd = epoll_create1(EPOLL_CLOEXEC)) == -1) {
		log_error("epoll_create1: %s", strerror(errno));
		return -1;
	}
	if (sig_install() == -1 ||
	    epoll_ctl(c->epfd, EPOLL_CTL_ADD, sig_fd(), &ev) == -1) {
		log_error("signal pipe: %s", strerror(errno));
		sig_uninstall();
		close(c->epfd);
		return -1;
	}
	c->slots = xcalloc(c->nslots, sizeof(*c->slots));
	c->free_slots = xcalloc(c->nslots, sizeof(*c->free_slots));
	for (i = 0; i < c->nslots; i++) {
		c->slots[i].fd = -1;
		c->free_slots[i] = c->nslots - 1 - i;
	}
	c->nfree = c->nslots;
	c->events = xcalloc(c->nslots + 1, sizeof(*c->events));
	c->next_tick = mono_ns() + TICK_NS;
	if (c->cb != NULL) {
		c->hooks.ctx = c->cb->ctx;
		c->hooks.on_hostkey = c->cb->on_hostkey;
		c->hooks.on_notice = c->cb->on_notice;
		c->hooks.on_output = c->cb->on_output;
	}
	c->hooks.max_output = cfg->max_output;
	return 0;
}

int
collect_run(const struct collect_config *cfg, struct runner *rn,
    struct collect_stats *stats)
{
	struct collect c;
	int ret;

	if (collect_init(&c, cfg, rn) == -1) {
		if (stats != NULL)
			memset(stats, 0, sizeof(*stats));
		return -1;
	}
	run_loop(&c);
	check_signals(&c);
	finish_pending(&c);
	ret = c.stop_asked ? SIGPIPE : c.stop_sig;
	sig_uninstall();
	/* Closed first: a detached thread's next write fails, never blocks. */
	collect_free(&c);
	rn->ops->stop_all(rn->self);
	if (stats != NULL)
		*stats = c.stats;
	return ret;
}
