/*
 * pool: the scheduler and collector.
 *
 * Theory of operation. Every worker, whatever the mode, reports through
 * frames written to a pipe it owns; the collector is one poll() loop over
 * all those pipes plus the signal self-pipe, and it is the only place
 * results are built. A "slot" is one pipe and its decoder; a "task" is one
 * device in flight and its result under construction.
 *
 * Process mode: a slot is one forked child running one device. The loop
 * forks while fewer than njobs children are alive and devices remain. Fork
 * happens only in launch_child(), with every signal blocked; the child
 * resets handlers, closes the pipes of its siblings and the self-pipe, runs
 * work() and _exit()s with its return value. A slot is freed only when both
 * its pipe reached EOF and waitpid() returned its status: the last frames
 * may arrive after the exit status or before it. A child without a DONE
 * frame is reported from its wait status. Deadlines are absolute monotonic
 * times; past one the child gets SIGTERM, then SIGKILL after the grace.
 *
 * Thread mode: njobs threads take device indices from a shared counter and
 * frame each device with START and EXIT frames on their own pipe, so the
 * same loop assembles results by the frame's device field. Threads cannot
 * be killed: a deadline only makes the collector give up on the device.
 * Serial mode: the worker runs inline into a memfd, which is then read back
 * through the same slot code. A crash in thread or serial mode kills us.
 *
 * Signals: the first SIGINT/SIGTERM stops launching and terminates workers
 * (SIGTERM, grace, SIGKILL); what arrives meanwhile is kept, and every
 * device without a result gets ERR_INTERRUPTED. A second signal kills at
 * once. Every child is reaped before pool_run() returns, and children die
 * with the parent (PR_SET_PDEATHSIG) if it is killed outright.
 */
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frame.h"
#include "log.h"
#include "pool.h"
#include "sig.h"
#include "util.h"

#define MAX_COMMANDS 4096 /* bound on a command index from a worker */
#define READ_SIZE (64 * 1024)
#define TICK_NS (100 * NS_PER_MS)

enum dev_state {
	DEV_PENDING = 0,
	DEV_RUNNING,
	DEV_FINISHED,
};

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
	int broken; /* protocol error seen: discard the rest */
	pid_t pid;  /* process mode; 0 when reaped or none */
	int wstatus;
	int reaped;
	struct task *task;	   /* device in flight on this pipe, or NULL */
	enum err_kind kill_reason; /* why we signalled, ERR_NONE if not */
	int64_t kill_at;	   /* SIGKILL time after SIGTERM, 0 = none */
	int in_use;
};

struct tshared {
	atomic_size_t next;
	atomic_int stop;
	size_t ndevices;
	pool_work_fn work;
	void *work_arg;
};

struct tworker {
	pthread_t tid;
	int wfd;
	int started;
	struct tshared *sh;
};

struct pool {
	const struct pool_config *cfg;
	const struct pool_callbacks *cb;
	struct slot *slots;
	size_t nslots;
	unsigned char *state;  /* enum dev_state per device */
	struct task **running; /* per device, thread mode lookups */
	size_t next;	       /* next device to launch (process mode) */
	size_t alive;	       /* slots in use */
	size_t inflight;       /* tasks running */
	int stopping;	       /* signal number once interrupted */
	int64_t stop_at;
	int killall;
	unsigned long seen_int, seen_term, seen_chld;
	int64_t next_tick;
	int64_t grace_ns;
};

static size_t max_alive;

size_t
pool_max_alive(void)
{
	return max_alive;
}

static const char *
signame(int sig)
{
	switch (sig) {
	case SIGINT:
		return "SIGINT";
	case SIGTERM:
		return "SIGTERM";
	}
	return "signal";
}

/* Enough open files for njobs pipes, or -1 with one clear line. */
static int
raise_nofile(size_t njobs)
{
	struct rlimit rl;
	rlim_t need = (rlim_t)njobs * 2 + 64;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1) {
		log_error("getrlimit: %s", strerror(errno));
		return -1;
	}
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur >= need)
		return 0;
	if (rl.rlim_cur == RLIM_INFINITY)
		return 0;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
		log_error("-j %zu needs %llu open files; the limit is %llu",
		    njobs, (unsigned long long)need,
		    (unsigned long long)rl.rlim_max);
		return -1;
	}
	rl.rlim_cur = need;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1) {
		log_error("-j %zu needs %llu open files; raising the limit: %s",
		    njobs, (unsigned long long)need, strerror(errno));
		return -1;
	}
	return 0;
}

static void
count_inflight(struct pool *p, int delta)
{
	if (delta > 0) {
		p->inflight++;
		if (p->inflight > max_alive)
			max_alive = p->inflight;
	} else
		p->inflight--;
}

static struct task *
task_start(struct pool *p, size_t index, int launched)
{
	struct task *t = xcalloc(1, sizeof(*t));

	t->index = index;
	t->r = result_new(index);
	t->r->started = real_ns();
	if (p->cfg->device_timeout_ms != NULL)
		t->timeout_ms =
		    p->cfg->device_timeout_ms(p->cfg->work_arg, index);
	if (t->timeout_ms > 0)
		t->deadline = mono_ns() + t->timeout_ms * NS_PER_MS;
	p->state[index] = DEV_RUNNING;
	p->running[index] = t;
	count_inflight(p, 1);
	if (launched && p->cb != NULL && p->cb->on_start != NULL)
		p->cb->on_start(p->cb->ctx, index);
	return t;
}

/* Hand the result over; the task is gone afterwards. */
static void
task_finish(struct pool *p, struct task *t)
{
	struct result *r = t->r;

	r->finished = real_ns();
	p->state[t->index] = DEV_FINISHED;
	p->running[t->index] = NULL;
	count_inflight(p, -1);
	free(t);
	if (p->cb != NULL && p->cb->on_result != NULL)
		p->cb->on_result(p->cb->ctx, r);
	else
		result_free(r);
}

/* The worker ended (wait status, or work()'s return as an exit code). */
static void
task_end(struct pool *p, struct task *t, enum err_kind reason, int wstatus,
    const char *trunc)
{
	struct result *r = t->r;

	if (!t->got_done) {
		/* Only the reasons we kill for; the rest came as frames. */
		if (reason == ERR_INTERRUPTED)
			result_fail(r, reason, "interrupted by %s",
			    signame(p->stopping));
		else if (reason == ERR_TIMEOUT)
			result_fail(r, reason, "timed out after %lld ms",
			    (long long)t->timeout_ms);
		if (WIFSIGNALED(wstatus))
			result_fail(
			    r, ERR_CRASHED, "signal %d", WTERMSIG(wstatus));
		else if (WEXITSTATUS(wstatus) != 0)
			result_fail(
			    r, ERR_CRASHED, "exited %d", WEXITSTATUS(wstatus));
		else if (trunc != NULL)
			result_fail(r, ERR_PROTOCOL, "%s", trunc);
		else
			result_fail(
			    r, ERR_CRASHED, "exited 0 without a result");
	}
	task_finish(p, t);
}

/* Ask a worker to stop: SIGTERM now, SIGKILL after the grace. */
static void
slot_kill(struct pool *p, struct slot *s, enum err_kind reason)
{
	if (s->kill_reason == ERR_NONE)
		s->kill_reason = reason;
	if (p->cfg->mode != MODE_PROCESS || s->pid <= 0 || s->reaped)
		return;
	if (s->kill_at == 0) {
		kill(s->pid, SIGTERM);
		s->kill_at = mono_ns() + p->grace_ns;
	}
}

/* A worker broke the protocol: its device fails, its stream is ignored. */
static void
slot_protocol(struct pool *p, struct slot *s, const char *why)
{
	s->broken = 1;
	if (s->task != NULL)
		result_fail(s->task->r, ERR_PROTOCOL, "%s", why);
	slot_kill(p, s, ERR_PROTOCOL);
}

static void
add_output(struct pool *p, struct task *t, uint32_t cmd, uint16_t flags,
    const unsigned char *data, size_t len)
{
	size_t max = p->cfg->max_output;
	struct cmd_output *o;
	char **dst;
	size_t *dlen;

	if (max > 0 && t->out_bytes + len > max) {
		len = max - t->out_bytes;
		result_fail(
		    t->r, ERR_OUTPUT_LIMIT, "output exceeded %zu bytes", max);
	}
	t->out_bytes += len;
	if (p->cb != NULL && p->cb->on_output != NULL) {
		p->cb->on_output(p->cb->ctx, t->index, cmd, flags, data, len);
		return;
	}
	o = result_output(t->r, cmd);
	if (flags & FRAME_F_RAW) {
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
	if ((flags & FRAME_F_END) && !(flags & FRAME_F_RAW))
		o->complete = 1;
}

static void
handle_frame(struct pool *p, struct slot *s, const struct frame *f)
{
	struct task *t = s->task;
	enum stage stage;
	enum err_kind kind;
	const unsigned char *data;
	const char *msg;
	size_t len;
	uint32_t cmd;
	int64_t when;
	int status;
	char *line;

	if (f->device >= p->cfg->ndevices) {
		slot_protocol(p, s, "frame for an unknown device");
		return;
	}
	if (f->type == FRAME_START || f->type == FRAME_EXIT) {
		if (p->cfg->mode == MODE_PROCESS) {
			slot_protocol(p, s, "pool frame from a worker");
			return;
		}
	} else if (t == NULL || t->index != f->device) {
		/* Late frames of a device we gave up on are dropped. */
		if (p->cfg->mode != MODE_PROCESS &&
		    p->state[f->device] == DEV_FINISHED)
			return;
		slot_protocol(p, s, "frame for another device");
		return;
	}
	if (t != NULL && t->got_done && f->type != FRAME_EXIT) {
		slot_protocol(p, s, "frame after DONE");
		return;
	}
	switch (f->type) {
	case FRAME_EVENT:
		if (frame_parse_event(f, &stage, &cmd, &when) == -1)
			slot_protocol(p, s, "malformed EVENT frame");
		break;
	case FRAME_OUTPUT:
		if (frame_parse_output(f, &cmd, &data, &len) == -1 ||
		    cmd >= MAX_COMMANDS) {
			slot_protocol(p, s, "malformed OUTPUT frame");
			break;
		}
		if (t->r->kind == ERR_OUTPUT_LIMIT)
			break;
		add_output(p, t, cmd, f->flags, data, len);
		if (t->r->kind == ERR_OUTPUT_LIMIT)
			slot_kill(p, s, ERR_OUTPUT_LIMIT);
		break;
	case FRAME_HOSTKEY:
		if (f->len == 0 || memchr(f->payload, '\0', f->len) != NULL ||
		    memchr(f->payload, '\n', f->len) != NULL) {
			slot_protocol(p, s, "malformed HOSTKEY frame");
			break;
		}
		if (p->cb != NULL && p->cb->on_hostkey != NULL) {
			line = xstrndup((const char *)f->payload, f->len);
			p->cb->on_hostkey(p->cb->ctx, t->index, line);
			free(line);
		}
		break;
	case FRAME_ERROR:
		if (frame_parse_error(f, &kind, &msg, &len) == -1) {
			slot_protocol(p, s, "malformed ERROR frame");
			break;
		}
		result_fail(t->r, kind, "%.*s", (int)len, msg);
		break;
	case FRAME_DONE:
		if (frame_parse_done(f, &t->r->t) == -1) {
			slot_protocol(p, s, "malformed DONE frame");
			break;
		}
		t->got_done = 1;
		break;
	case FRAME_START:
		if (t != NULL || p->state[f->device] != DEV_PENDING) {
			slot_protocol(p, s, "START out of turn");
			break;
		}
		s->task = task_start(p, f->device, 1);
		break;
	case FRAME_EXIT:
		if (frame_parse_exit(f, &status) == -1) {
			slot_protocol(p, s, "malformed EXIT frame");
			break;
		}
		if (t == NULL || t->index != f->device)
			break; /* given up on already */
		s->task = NULL;
		/* Serial mode learns of a late worker only now. */
		if (!t->got_done && t->deadline != 0 &&
		    mono_ns() >= t->deadline)
			result_fail(t->r, ERR_TIMEOUT,
			    "timed out after %lld ms",
			    (long long)t->timeout_ms);
		task_end(p, t, ERR_NONE, (status & 0xff) << 8, NULL);
		break;
	}
}

/* Read what the pipe has; 0 normally, 1 at EOF. */
static int
slot_read(struct pool *p, struct slot *s)
{
	unsigned char b[READ_SIZE];
	struct frame f;
	ssize_t n;
	int i, rc;

	for (i = 0; i < 16; i++) {
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
			handle_frame(p, s, &f);
			if (s->broken)
				break;
		}
		if (rc == -1)
			slot_protocol(p, s, frame_decoder_error(s->dec));
	}
	return 0;
}

static void
slot_close(struct slot *s)
{
	if (s->fd != -1)
		close(s->fd);
	s->fd = -1;
}

/* Both EOF and exit status (process mode) seen: the slot is free. */
static void
slot_try_free(struct pool *p, struct slot *s)
{
	const char *trunc = NULL;

	if (!s->in_use || s->fd != -1 || !s->reaped)
		return;
	if (!s->broken && frame_decoder_finish(s->dec) == -1)
		trunc = frame_decoder_error(s->dec);
	if (s->task != NULL)
		task_end(p, s->task, s->kill_reason, s->wstatus, trunc);
	s->task = NULL;
	frame_decoder_free(s->dec);
	s->dec = NULL;
	s->in_use = 0;
	p->alive--;
}

static void
slot_eof(struct pool *p, struct slot *s)
{
	slot_close(s);
	slot_try_free(p, s);
}

static void
close_other_fds(struct pool *p, int keep)
{
	size_t i;

	for (i = 0; i < p->nslots; i++)
		if (p->slots[i].fd != -1 && p->slots[i].fd != keep)
			close(p->slots[i].fd);
}

/* The one fork(). Return 0, or -1 when the device could not start. */
static int
launch_child(struct pool *p, struct slot *s, size_t index)
{
	pid_t parent = getpid();
	sigset_t old;
	int fds[2], ret;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) == -1) {
		log_error("pipe: %s", strerror(errno));
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	sig_block_all(&old);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		close_other_fds(p, fds[1]);
		sig_child_reset(&old);
#ifdef __linux__
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
#endif
		ret = p->cfg->work(p->cfg->work_arg, index, fds[1]);
		_exit(ret & 0xff);
	}
	sig_restore_mask(&old);
	close(fds[1]);
	if (pid == -1) {
		log_error("fork: %s", strerror(errno));
		close(fds[0]);
		return -1;
	}
	fd_set_nonblock(fds[0]);
	memset(s, 0, sizeof(*s));
	s->fd = fds[0];
	s->pid = pid;
	s->in_use = 1;
	s->dec = frame_decoder_new();
	p->alive++;
	s->task = task_start(p, index, 1);
	return 0;
}

static void
launch(struct pool *p)
{
	size_t i;
	struct task *t;

	while (!p->stopping && p->alive < p->nslots &&
	    p->next < p->cfg->ndevices) {
		for (i = 0; i < p->nslots; i++)
			if (!p->slots[i].in_use)
				break;
		if (launch_child(p, &p->slots[i], p->next) == -1) {
			t = task_start(p, p->next, 0);
			result_fail(t->r, ERR_INTERNAL,
			    "could not start a worker: %s", strerror(errno));
			task_finish(p, t);
		}
		p->next++;
	}
}

static struct slot *
slot_by_pid(struct pool *p, pid_t pid)
{
	size_t i;

	for (i = 0; i < p->nslots; i++)
		if (p->slots[i].in_use && p->slots[i].pid == pid)
			return &p->slots[i];
	return NULL;
}

static void
reap(struct pool *p)
{
	struct slot *s;
	pid_t pid;
	int st;

	for (;;) {
		pid = waitpid(-1, &st, WNOHANG);
		if (pid == -1 && errno == EINTR)
			continue;
		if (pid <= 0)
			break;
		if ((s = slot_by_pid(p, pid)) == NULL) {
			log_warn(
			    "reaped pid %ld that we did not start", (long)pid);
			continue;
		}
		s->wstatus = st;
		s->reaped = 1;
		slot_try_free(p, s);
	}
}

static void
kill_all(struct pool *p, int sig)
{
	size_t i;
	struct slot *s;

	for (i = 0; i < p->nslots; i++) {
		s = &p->slots[i];
		if (!s->in_use || s->reaped || s->pid <= 0)
			continue;
		if (s->kill_reason == ERR_NONE)
			s->kill_reason = ERR_INTERRUPTED;
		if (sig == SIGKILL) {
			kill(s->pid, SIGKILL);
			s->kill_at = 0;
		} else
			slot_kill(p, s, ERR_INTERRUPTED);
	}
}

static void
check_signals(struct pool *p)
{
	unsigned long ni = sig_count(SIGINT), nt = sig_count(SIGTERM);
	int sig = 0, n = 0;

	p->seen_chld = sig_count(SIGCHLD);
	if (ni != p->seen_int) {
		sig = SIGINT;
		n += (int)(ni - p->seen_int);
	}
	if (nt != p->seen_term) {
		if (sig == 0)
			sig = SIGTERM;
		n += (int)(nt - p->seen_term);
	}
	p->seen_int = ni;
	p->seen_term = nt;
	if (sig == 0)
		return;
	if (!p->stopping) {
		p->stopping = sig;
		p->stop_at = mono_ns();
		log_info("%s: stopping", signame(sig));
		if (p->cfg->mode == MODE_PROCESS)
			kill_all(p, SIGTERM);
		n--;
	}
	if (n > 0 && !p->killall) {
		/*
		 * pdsh waits for a second press within a second because its
		 * first one only prints status. Ours already terminates, so
		 * any further press escalates at once.
		 */
		p->killall = 1;
		log_info("%s: killing every worker", signame(sig));
		if (p->cfg->mode == MODE_PROCESS)
			kill_all(p, SIGKILL);
	}
}

/* Deadlines: TERM at the device deadline, KILL after the grace. */
static void
check_deadlines(struct pool *p, int64_t now)
{
	struct slot *s;
	size_t i;

	for (i = 0; i < p->nslots; i++) {
		s = &p->slots[i];
		if (!s->in_use)
			continue;
		if (s->kill_at != 0 && now >= s->kill_at && !s->reaped) {
			kill(s->pid, SIGKILL);
			s->kill_at = 0;
		}
		if (s->task != NULL && !s->task->got_done &&
		    s->task->deadline != 0 && now >= s->task->deadline &&
		    s->kill_reason == ERR_NONE)
			slot_kill(p, s, ERR_TIMEOUT);
	}
}

static int64_t
next_deadline(struct pool *p)
{
	int64_t d = 0;
	struct slot *s;
	size_t i;

	for (i = 0; i < p->nslots; i++) {
		s = &p->slots[i];
		if (!s->in_use)
			continue;
		if (s->kill_at != 0)
			d = deadline_min(d, s->kill_at);
		if (s->task != NULL && s->kill_reason == ERR_NONE &&
		    !s->task->got_done)
			d = deadline_min(d, s->task->deadline);
	}
	if (p->cb != NULL && p->cb->on_tick != NULL)
		d = deadline_min(d, p->next_tick);
	return d;
}

static void
tick(struct pool *p, int64_t now)
{
	if (p->cb == NULL || p->cb->on_tick == NULL || now < p->next_tick)
		return;
	p->cb->on_tick(p->cb->ctx);
	p->next_tick = now + TICK_NS;
}

/* Devices that never ran get their result now, after a signal. */
static void
finish_pending(struct pool *p, enum err_kind kind, const char *why)
{
	struct task *t;
	size_t i;

	for (i = 0; i < p->cfg->ndevices; i++) {
		if (p->state[i] == DEV_FINISHED)
			continue;
		if ((t = p->running[i]) == NULL)
			t = task_start(p, i, 0);
		if (kind == ERR_INTERRUPTED)
			result_fail(t->r, kind, "interrupted by %s",
			    signame(p->stopping));
		else
			result_fail(t->r, kind, "%s", why);
		task_finish(p, t);
	}
}

/*
 * One poll() turn over the used slots and the self-pipe; reads, then
 * signals. extra_deadline bounds the wait further (0 = none).
 */
static void
poll_turn(
    struct pool *p, struct pollfd *pfd, size_t *map, int64_t extra_deadline)
{
	size_t i, n = 0;
	int timeout, rc;

	pfd[n].fd = sig_fd();
	pfd[n].events = POLLIN;
	n++;
	for (i = 0; i < p->nslots; i++) {
		if (!p->slots[i].in_use || p->slots[i].fd == -1)
			continue;
		pfd[n].fd = p->slots[i].fd;
		pfd[n].events = POLLIN;
		map[n] = i;
		n++;
	}
	timeout =
	    deadline_poll_ms(deadline_min(next_deadline(p), extra_deadline));
	rc = poll(pfd, n, timeout);
	if (rc == -1 && errno != EINTR)
		log_error("poll: %s", strerror(errno));
	if (rc > 0) {
		if (pfd[0].revents)
			sig_drain();
		for (i = 1; i < n; i++)
			if (pfd[i].revents &&
			    slot_read(p, &p->slots[map[i]]) == 1)
				slot_eof(p, &p->slots[map[i]]);
	}
	check_signals(p);
}

static void
run_process(struct pool *p, struct pollfd *pfd, size_t *map)
{
	for (;;) {
		check_signals(p);
		launch(p);
		if (p->alive == 0 &&
		    (p->stopping || p->next >= p->cfg->ndevices))
			break;
		poll_turn(p, pfd, map, 0);
		reap(p);
		check_deadlines(p, mono_ns());
		tick(p, mono_ns());
	}
}

static void *
thread_main(void *arg)
{
	struct tworker *w = arg;
	struct tshared *sh = w->sh;
	unsigned char st[4];
	sigset_t old;
	size_t i;
	int ret;

	sig_block_all(&old);
	while (!atomic_load(&sh->stop)) {
		i = atomic_fetch_add(&sh->next, 1);
		if (i >= sh->ndevices)
			break;
		if (frame_write(w->wfd, FRAME_START, 0, (uint32_t)i, NULL, 0) ==
		    -1)
			break;
		ret = sh->work(sh->work_arg, i, w->wfd);
		st[0] = st[1] = st[2] = 0;
		st[3] = (unsigned char)ret;
		if (frame_write(w->wfd, FRAME_EXIT, 0, (uint32_t)i, st, 4) ==
		    -1)
			break;
	}
	close(w->wfd);
	w->wfd = -1;
	return NULL;
}

/* Thread mode: deadlines and signals only make us stop waiting. */
static void
thread_give_up(struct pool *p, int64_t now)
{
	struct slot *s;
	struct task *t;
	size_t i;

	for (i = 0; i < p->nslots; i++) {
		s = &p->slots[i];
		if (!s->in_use || (t = s->task) == NULL || t->got_done)
			continue;
		if (t->deadline != 0 && now >= t->deadline) {
			result_fail(t->r, ERR_TIMEOUT,
			    "timed out after %lld ms",
			    (long long)t->timeout_ms);
			s->task = NULL;
			task_finish(p, t);
		}
	}
}

static int
run_thread(struct pool *p, struct pollfd *pfd, size_t *map)
{
	struct tshared *sh;
	struct tworker *w;
	size_t i, nthreads = p->nslots;
	int fds[2], abandoned = 0, rc = 0;
	int64_t giveup;

	sh = xcalloc(1, sizeof(*sh));
	atomic_init(&sh->next, 0);
	atomic_init(&sh->stop, 0);
	sh->ndevices = p->cfg->ndevices;
	sh->work = p->cfg->work;
	sh->work_arg = p->cfg->work_arg;
	w = xcalloc(nthreads, sizeof(*w));
	for (i = 0; i < nthreads; i++) {
		w[i].sh = sh;
		w[i].wfd = -1;
		if (pipe2(fds, O_CLOEXEC) == -1) {
			log_error("pipe: %s", strerror(errno));
			break;
		}
		fd_set_nonblock(fds[0]);
		w[i].wfd = fds[1];
		p->slots[i].fd = fds[0];
		p->slots[i].dec = frame_decoder_new();
		p->slots[i].in_use = 1;
		p->slots[i].reaped = 1; /* no process to wait for */
		p->alive++;
		if ((errno = pthread_create(
			 &w[i].tid, NULL, thread_main, &w[i])) != 0) {
			log_error("pthread_create: %s", strerror(errno));
			close(fds[1]);
			w[i].wfd = -1;
			slot_eof(p, &p->slots[i]);
			continue;
		}
		w[i].started = 1;
	}
	while (p->alive > 0) {
		giveup = 0;
		if (p->stopping) {
			atomic_store(&sh->stop, 1);
			giveup =
			    p->killall ? p->stop_at : p->stop_at + p->grace_ns;
			if (mono_ns() >= giveup)
				break;
		}
		poll_turn(p, pfd, map, giveup);
		thread_give_up(p, mono_ns());
		tick(p, mono_ns());
	}
	if (p->alive > 0) {
		/*
		 * Threads still inside work() cannot be killed: detach them.
		 * Closing their pipes is safe, SIGPIPE is blocked in them and
		 * their next write fails with EPIPE.
		 */
		abandoned = 1;
		for (i = 0; i < p->nslots; i++) {
			if (p->slots[i].task != NULL) {
				struct task *t = p->slots[i].task;

				p->slots[i].task = NULL;
				result_fail(t->r, ERR_INTERRUPTED,
				    "interrupted by %s", signame(p->stopping));
				task_finish(p, t);
			}
		}
		log_warn(
		    "%zu worker threads did not stop; abandoned", p->alive);
	}
	for (i = 0; i < nthreads; i++) {
		if (!w[i].started)
			continue;
		if (abandoned && p->slots[i].in_use)
			pthread_detach(w[i].tid);
		else
			pthread_join(w[i].tid, NULL);
	}
	if (!abandoned) {
		free(w);
		free(sh);
	}
	return rc;
}

static int
run_serial(struct pool *p)
{
	struct slot *s = &p->slots[0];
	unsigned char st[4];
	size_t i;
	int fd, ret;

	fd = memfd_create("netcollect-serial", MFD_CLOEXEC);
	if (fd == -1) {
		log_error("memfd_create: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < p->cfg->ndevices; i++) {
		check_signals(p);
		if (p->stopping)
			break;
		if (ftruncate(fd, 0) == -1 || lseek(fd, 0, SEEK_SET) == -1) {
			log_error("serial spool: %s", strerror(errno));
			close(fd);
			return -1;
		}
		memset(s, 0, sizeof(*s));
		s->fd = -1;
		s->in_use = 1;
		s->reaped = 1;
		s->dec = frame_decoder_new();
		p->alive = 1;
		s->task = task_start(p, i, 1);
		ret = p->cfg->work(p->cfg->work_arg, i, fd);
		st[0] = st[1] = st[2] = 0;
		st[3] = (unsigned char)ret;
		if (frame_write(fd, FRAME_EXIT, 0, (uint32_t)i, st, 4) == -1 ||
		    lseek(fd, 0, SEEK_SET) == -1)
			log_error("serial spool: %s", strerror(errno));
		else {
			s->fd = fd;
			while (slot_read(p, s) == 0)
				;
		}
		s->fd = -1;
		slot_try_free(p, s);
		tick(p, mono_ns());
	}
	close(fd);
	return 0;
}

int
pool_run(const struct pool_config *cfg)
{
	struct pool p;
	struct pollfd *pfd = NULL;
	size_t *map = NULL;
	int ret = -1;

	memset(&p, 0, sizeof(p));
	p.cfg = cfg;
	p.cb = cfg->cb;
	max_alive = 0;
	p.grace_ns =
	    (cfg->kill_grace_ms > 0 ? cfg->kill_grace_ms : 1000) * NS_PER_MS;
	p.nslots = cfg->mode == MODE_SERIAL ? 1 : cfg->njobs;
	if (p.nslots == 0)
		p.nslots = 1;
	if (p.nslots > cfg->ndevices)
		p.nslots = cfg->ndevices > 0 ? cfg->ndevices : 1;
	if (raise_nofile(p.nslots) == -1)
		return -1;
	if (sig_install() == -1) {
		log_error("signal pipe: %s", strerror(errno));
		return -1;
	}
	p.slots = xcalloc(p.nslots, sizeof(*p.slots));
	for (size_t i = 0; i < p.nslots; i++)
		p.slots[i].fd = -1;
	p.state = xcalloc(cfg->ndevices + 1, 1);
	p.running = xcalloc(cfg->ndevices + 1, sizeof(*p.running));
	pfd = xcalloc(p.nslots + 1, sizeof(*pfd));
	map = xcalloc(p.nslots + 1, sizeof(*map));
	p.next_tick = mono_ns() + TICK_NS;
	switch (cfg->mode) {
	case MODE_PROCESS:
		run_process(&p, pfd, map);
		ret = 0;
		break;
	case MODE_THREAD:
		ret = run_thread(&p, pfd, map);
		break;
	case MODE_SERIAL:
		ret = run_serial(&p);
		break;
	}
	check_signals(&p);
	if (ret == 0)
		finish_pending(&p, p.stopping ? ERR_INTERRUPTED : ERR_INTERNAL,
		    "worker vanished without a result");
	if (ret == 0 && p.stopping)
		ret = p.stopping;
	sig_uninstall();
	for (size_t i = 0; i < p.nslots; i++)
		if (p.slots[i].in_use) {
			slot_close(&p.slots[i]);
			frame_decoder_free(p.slots[i].dec);
		}
	free(p.slots);
	free(p.state);
	free(p.running);
	free(pfd);
	free(map);
	return ret;
}
