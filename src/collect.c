/*
 * collect: the collector.
 *
 * Theory of operation. Every worker, whatever runs it, reports through
 * frames on an fd of its own that the runner hands over when the device
 * starts; the collector is one poll() loop over those fds plus the signal
 * self-pipe, and it is the only place results are built. A "slot" is one
 * fd, its frame decoder and its task; a "task" is one device in flight and
 * its result under construction. The loop starts devices in input order
 * while fewer than njobs slots are in use. A slot is freed only when both
 * its fd reached EOF and the runner reported the worker's end: the last
 * frames may arrive after the end or before it. A worker that ended
 * without a DONE frame is reported from its status.
 *
 * Deadlines are absolute monotonic times, each task's counted from its
 * start. Past one, the collector asks the runner to stop the worker
 * (SIGTERM, then SIGKILL after the grace). A runner that cannot (a thread)
 * makes the collector give up instead: the device's result goes out at
 * once, flagged as still in use by its worker, and the slot stays in use,
 * its late frames dropped, until that worker ends.
 *
 * Signals: the first SIGINT/SIGTERM stops launching and stops every
 * worker the same way; what arrives meanwhile is kept, and every device
 * without a result gets ERR_INTERRUPTED (workers that cannot be stopped
 * are given up on after the grace). A second signal kills at once.
 * SIGCHLD wakes the loop, which reaps at once, and again every turn.
 *
 * A start that fails with EAGAIN (a process or thread limit) holds the
 * device until a slot is freed or a short backoff passes, then tries
 * again; only with nothing running does a second failure fail the device.
 * The collector never learns which mode it serves.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect.h"
#include "frame.h"
#include "log.h"
#include "sig.h"
#include "util.h"

#define MAX_COMMANDS 4096 /* bound on a command index from a worker */
#define READ_SIZE (64 * 1024)
#define READS_PER_TURN 16 /* per fd, so one busy worker cannot starve us */
#define TICK_NS (100 * NS_PER_MS)
#define START_RETRY_NS (100 * NS_PER_MS)

struct task {
	size_t index;
	struct result *r;
	size_t out_bytes;
	int got_done;
	int64_t deadline; /* 0 = none */
	int64_t timeout_ms;
};

struct slot {
	int fd; /* read end; -1 after EOF */
	struct frame_decoder *dec;
	struct task *task; /* device in flight, NULL once given up on */
	int in_use;
	int broken;	 /* protocol error seen: discard the rest */
	int ended;	 /* the runner reported the worker's end */
	int wstatus;	 /* and its status */
	int cannot_stop; /* the runner said it cannot stop this worker */
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
	size_t alive; /* slots in use */
	struct hold hold;
	int stopping; /* signal number once interrupted */
	int killall;
	int64_t giveup_at; /* after a signal: stop waiting for threads */
	unsigned long seen_int, seen_term, seen_chld;
	int64_t next_tick;
	int64_t grace_ns;
	struct pollfd *pfd;
	size_t *map; /* pfd index -> slot */
	struct collect_stats stats;
};

static const char *
signame(int sig)
{
	switch (sig) {
	case SIGINT:
		return "SIGINT";
	case SIGTERM:
		return "SIGTERM";
	case SIGPIPE:
		return "SIGPIPE";
	}
	return "signal";
}

/* The failures we cause by stopping a worker, worded in one place. */
static void
fail_stopped(struct collect *c, struct task *t, enum err_kind reason)
{
	if (reason == ERR_INTERRUPTED)
		result_fail(
		    t->r, reason, "interrupted by %s", signame(c->stopping));
	else if (reason == ERR_TIMEOUT)
		result_fail(t->r, reason, "timed out after %lld ms",
		    (long long)t->timeout_ms);
}

static struct task *
task_new(struct collect *c, size_t index, int64_t mono, int64_t real)
{
	struct task *t = xcalloc(1, sizeof(*t));

	t->index = index;
	t->r = result_new(index);
	t->r->started = real;
	if (c->cfg->device_timeout_ms != NULL)
		t->timeout_ms =
		    c->cfg->device_timeout_ms(c->cfg->timeout_arg, index);
	if (t->timeout_ms > 0)
		t->deadline = mono + t->timeout_ms * NS_PER_MS;
	return t;
}

static void stop_run(struct collect *c, int sig);

/*
 * Hand the result over; the task is gone afterwards. When the sinks say
 * they cannot write any more, the run stops as on a SIGPIPE.
 */
static void
task_finish(struct collect *c, struct task *t, int worker_busy)
{
	struct result *r = t->r;

	r->finished = real_ns();
	free(t);
	if (c->cb != NULL && c->cb->on_result != NULL)
		c->cb->on_result(c->cb->ctx, r, worker_busy);
	else
		result_free(r);
	if (c->cb != NULL && c->cb->must_stop != NULL && !c->stopping &&
	    c->cb->must_stop(c->cb->ctx))
		stop_run(c, SIGPIPE);
}

/* The worker ended and its stream is read: what it did not say, we do. */
static void
task_end(struct collect *c, struct slot *s, const char *trunc)
{
	struct task *t = s->task;
	struct result *r = t->r;
	enum err_kind reason = s->kill_reason;
	int st = s->wstatus;

	s->task = NULL;
	if (!t->got_done) {
		/* An inline worker is known to be late only now. */
		if (reason == ERR_NONE && deadline_passed(t->deadline))
			reason = ERR_TIMEOUT;
		fail_stopped(c, t, reason);
		if (WIFSIGNALED(st))
			result_fail(r, ERR_CRASHED, "signal %d", WTERMSIG(st));
		else if (WEXITSTATUS(st) != 0)
			result_fail(
			    r, ERR_CRASHED, "exited %d", WEXITSTATUS(st));
		else if (trunc != NULL)
			result_fail(r, ERR_PROTOCOL, "%s", trunc);
		else
			result_fail(
			    r, ERR_CRASHED, "exited 0 without a result");
	}
	task_finish(c, t, 0);
}

/* Stop waiting for a worker that cannot be stopped; its slot stays. */
static void
give_up(struct collect *c, struct slot *s, enum err_kind reason)
{
	struct task *t = s->task;

	s->task = NULL;
	fail_stopped(c, t, reason);
	task_finish(c, t, 1);
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
	if (s->task->got_done) {
		slot_protocol(c, s, "frame after DONE");
		return NULL;
	}
	return s->task;
}

/* Keep output in the result or stream it, within --max-output. */
static void
add_output(struct collect *c, struct task *t, uint32_t cmd, uint16_t flags,
    const unsigned char *data, size_t len)
{
	size_t max = c->cfg->max_output;
	struct cmd_output *o;
	char **dst;
	size_t *dlen;

	if (flags & FRAME_F_STATUS) {
		o = result_output(t->r, cmd);
		o->has_exit_status =
		    frame_parse_status(data, len, &o->exit_status) == 0;
		return;
	}
	if (max > 0 && t->out_bytes + len > max) {
		len = max - t->out_bytes;
		result_fail(
		    t->r, ERR_OUTPUT_LIMIT, "output exceeded %zu bytes", max);
	}
	t->out_bytes += len;
	/* stderr stays in the result: the files hold what the device printed. */
	if (c->cb != NULL && c->cb->on_output != NULL &&
	    !(flags & FRAME_F_STDERR)) {
		c->cb->on_output(c->cb->ctx, t->index, cmd, flags, data, len);
		return;
	}
	o = result_output(t->r, cmd);
	if (flags & FRAME_F_STDERR) {
		dst = &o->err;
		dlen = &o->err_len;
	} else if (flags & FRAME_F_RAW) {
		dst = &o->raw;
		dlen = &o->raw_len;
	} else {
		dst = &o->output;
		dlen = &o->len;
	}
	*dst = xrealloc(*dst, *dlen + len + 1);
	memcpy(*dst + *dlen, data, len);
	*dlen += len;
	(*dst)[*dlen] = '\0';
	if ((flags & FRAME_F_END) && !(flags & (FRAME_F_RAW | FRAME_F_STDERR)))
		o->complete = 1;
}

static void
on_output_frame(struct collect *c, struct slot *s, const struct frame *f)
{
	struct task *t = s->task;
	const unsigned char *data;
	uint32_t cmd;
	size_t len;

	if (frame_parse_output(f, &cmd, &data, &len) == -1 ||
	    cmd >= MAX_COMMANDS) {
		slot_protocol(c, s, "malformed OUTPUT frame");
		return;
	}
	if (t->r->kind == ERR_OUTPUT_LIMIT)
		return;
	add_output(c, t, cmd, f->flags, data, len);
	if (t->r->kind == ERR_OUTPUT_LIMIT)
		slot_stop(c, s, ERR_OUTPUT_LIMIT);
}

static void
on_hostkey_frame(struct collect *c, struct slot *s, const struct frame *f)
{
	char *line;

	if (f->len == 0 || memchr(f->payload, '\0', f->len) != NULL ||
	    memchr(f->payload, '\n', f->len) != NULL) {
		slot_protocol(c, s, "malformed HOSTKEY frame");
		return;
	}
	if (c->cb == NULL || c->cb->on_hostkey == NULL)
		return;
	line = xstrndup((const char *)f->payload, f->len);
	c->cb->on_hostkey(c->cb->ctx, s->task->index, line);
	free(line);
}

static void
handle_frame(struct collect *c, struct slot *s, const struct frame *f)
{
	struct task *t;
	enum stage stage;
	enum err_kind kind;
	const char *msg;
	size_t len;
	uint32_t cmd;
	int64_t when;

	if ((t = frame_task(c, s, f)) == NULL)
		return;
	switch (f->type) {
	case FRAME_EVENT:
		if (frame_parse_event(f, &stage, &cmd, &when) == -1)
			slot_protocol(c, s, "malformed EVENT frame");
		break;
	case FRAME_OUTPUT:
		on_output_frame(c, s, f);
		break;
	case FRAME_HOSTKEY:
		on_hostkey_frame(c, s, f);
		break;
	case FRAME_ERROR:
		if (frame_parse_error(f, &kind, &msg, &len) == -1)
			slot_protocol(c, s, "malformed ERROR frame");
		else
			result_fail(t->r, kind, "%.*s", (int)len, msg);
		break;
	case FRAME_DONE:
		if (frame_parse_done(f, &t->r->t) == -1)
			slot_protocol(c, s, "malformed DONE frame");
		else
			t->got_done = 1;
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
		task_end(c, s, trunc);
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

static void
reap(struct collect *c)
{
	c->rn->ops->reap(c->rn->self, worker_ended, c);
}

static void
slot_attach(struct collect *c, size_t slot, int fd, struct task *t)
{
	struct slot *s = &c->slots[slot];

	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->dec = frame_decoder_new();
	s->task = t;
	s->in_use = 1;
	c->nfree--;
	c->alive++;
	if (c->alive > c->stats.max_alive)
		c->stats.max_alive = c->alive;
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
	size_t index = c->next, slot = c->free_slots[c->nfree - 1];
	int64_t mono, real;
	struct task *t;
	int fd, err;

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
	t = task_new(c, index, mono, real);
	if (fd != -1) {
		slot_attach(c, slot, fd, t);
		return 0;
	}
	result_fail(t->r, ERR_INTERNAL, "could not start a worker: %s%s",
	    strerror(err),
	    err == EAGAIN ? " (too many processes or threads: ulimit -u)" : "");
	task_finish(c, t, 0);
	return 0;
}

static void
launch(struct collect *c)
{
	while (!c->stopping && c->nfree > 0 && c->next < c->cfg->ndevices) {
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

/* New SIGINT/SIGTERM since last time: how many, and the first's number. */
static int
new_signals(struct collect *c, int *n)
{
	unsigned long ni = sig_count(SIGINT), nt = sig_count(SIGTERM);
	int sig = 0;

	*n = 0;
	if (ni != c->seen_int) {
		sig = SIGINT;
		*n += (int)(ni - c->seen_int);
	}
	if (nt != c->seen_term) {
		if (sig == 0)
			sig = SIGTERM;
		*n += (int)(nt - c->seen_term);
	}
	c->seen_int = ni;
	c->seen_term = nt;
	return sig;
}

/* Stop launching and stop every worker, as the first signal does. */
static void
stop_run(struct collect *c, int sig)
{
	c->stopping = sig;
	c->giveup_at = mono_ns() + c->grace_ns;
	log_info("%s: stopping", signame(sig));
	stop_workers(c, 0);
}

static void
check_signals(struct collect *c)
{
	int n, sig = new_signals(c, &n);

	if (sig == 0)
		return;
	if (!c->stopping) {
		stop_run(c, sig);
		n--;
	}
	if (n > 0 && !c->killall) {
		/*
		 * pdsh waits for a second press within a second because its
		 * first one only prints status. Ours already stops, so any
		 * further press escalates at once.
		 */
		c->killall = 1;
		c->giveup_at = mono_ns();
		log_info("%s: killing every worker", signame(sig));
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
		t = task_new(c, c->next, 0, real_ns());
		fail_stopped(c, t, ERR_INTERRUPTED);
		task_finish(c, t, 0);
	}
}

/* One poll() over the slots in use and the self-pipe, then reads. */
static void
poll_turn(struct collect *c)
{
	size_t i, n = 0;
	int rc;

	c->pfd[n].fd = sig_fd();
	c->pfd[n].events = POLLIN;
	n++;
	for (i = 0; i < c->nslots; i++) {
		if (!c->slots[i].in_use || c->slots[i].fd == -1)
			continue;
		c->pfd[n].fd = c->slots[i].fd;
		c->pfd[n].events = POLLIN;
		c->map[n] = i;
		n++;
	}
	rc = poll(c->pfd, n, deadline_poll_ms(next_deadline(c)));
	if (rc == -1 && errno != EINTR)
		log_error("poll: %s", strerror(errno));
	if (rc <= 0)
		return;
	if (c->pfd[0].revents) {
		sig_drain();
		reap(c);
	}
	for (i = 1; i < n; i++)
		if (c->pfd[i].revents &&
		    slot_read(c, &c->slots[c->map[i]]) == 1)
			slot_eof(c, &c->slots[c->map[i]]);
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
		poll_turn(c);
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
	free(c->pfd);
	free(c->map);
}

int
collect_run(const struct collect_config *cfg, struct runner *rn,
    struct collect_stats *stats)
{
	struct collect c;
	size_t i;
	int ret;

	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	c.cb = cfg->cb;
	c.rn = rn;
	c.grace_ns =
	    (cfg->kill_grace_ms > 0 ? cfg->kill_grace_ms : 1000) * NS_PER_MS;
	c.nslots = rn->njobs < cfg->ndevices ? rn->njobs : cfg->ndevices;
	if (c.nslots == 0)
		c.nslots = 1;
	if (sig_install() == -1) {
		log_error("signal pipe: %s", strerror(errno));
		if (stats != NULL)
			*stats = c.stats;
		return -1;
	}
	c.slots = xcalloc(c.nslots, sizeof(*c.slots));
	c.free_slots = xcalloc(c.nslots, sizeof(*c.free_slots));
	for (i = 0; i < c.nslots; i++) {
		c.slots[i].fd = -1;
		c.free_slots[i] = c.nslots - 1 - i;
	}
	c.nfree = c.nslots;
	c.pfd = xcalloc(c.nslots + 1, sizeof(*c.pfd));
	c.map = xcalloc(c.nslots + 1, sizeof(*c.map));
	c.next_tick = mono_ns() + TICK_NS;
	run_loop(&c);
	check_signals(&c);
	finish_pending(&c);
	ret = c.stopping;
	sig_uninstall();
	/* Closed first: a detached thread's next write fails, never blocks. */
	collect_free(&c);
	rn->ops->stop_all(rn->self);
	if (stats != NULL)
		*stats = c.stats;
	return ret;
}
