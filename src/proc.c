/*
 * proc: the process runner. Devices run in forked worker processes, each
 * running up to `reuse` devices one after another; the collector reads a
 * device's frames from a pipe of its own and learns its end from a record
 * the worker writes, or from waitpid() when the worker died first.
 *
 * Why workers are reused: a fork per device costs the parent the copy of
 * its page tables, and the child a copy-on-write fault for every heap
 * page it writes and a fault for every page of library text it runs
 * (fork copies no page tables of file mappings): 1.5 ms of kernel time
 * per device against thread mode's 2.4 ms for the whole session
 * (docs/benchmarks.md). A worker that stays on pays that once. It still
 * isolates: a crash or a kill ends its device only, and the next device
 * gets a fresh worker; after `reuse` devices a worker leaves, which bounds
 * what one device can leave behind for the next (reuse 1: a fresh process
 * per device).
 *
 * Invariants. fork() happens only in fork_worker(), with every signal
 * blocked across it so that no handler of ours runs in the child; the
 * child resets the handlers, restores the mask, closes every fd but its
 * device's pipe, its control socket, the end pipe and stdio, asks to die
 * with its parent (PR_SET_PDEATHSIG, then re-checks getppid() for the
 * race), and leaves only through _exit(), so the parent's atexit handlers
 * and stdio buffers are never run or flushed twice (fatal() knows it is
 * in a child through log_forked()). A worker is idle (waiting on its
 * control socket for the next device: its index, and the write end of
 * that device's pipe passed with SCM_RIGHTS) or busy with one slot's
 * device. One that ran its quota is killed and reaped as soon as its end
 * record is read (it holds nothing then), so that retiring leaves no
 * zombie; one found dead while idle is only reaped. Workers are not
 * tied to slots, and one is forked only when none is idle, so there are
 * never more than njobs busy or idle. After work() a worker writes its
 * end record (its number, pid and work()'s return; 12 bytes, one atomic
 * write to a pipe sized for one record per slot) and then closes the
 * device's pipe, so by the time the collector sees EOF, reap() finds the
 * record. A device's end is reported once: from its record, or from the
 * worker's wait status when the worker was reaped still busy (the end
 * pipe is read again before that is decided). waitpid(-1, WNOHANG) runs
 * only when a SIGCHLD came since the last time (sig.h counts them); a pid
 * we did not start is logged. Nothing here builds a result: a failed
 * fork() returns its errno to the collector.
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "proc.h"
#include "sig.h"
#include "util.h"

#define FD_MARGIN 64 /* stdio, the self-pipe, logs, known_hosts, sinks */
#define NONE SIZE_MAX

/* What a worker writes when work() returned: one atomic pipe write. */
struct end_record {
	uint32_t worker;
	int32_t pid;
	int32_t ret;
};

struct pworker {
	pid_t pid; /* 0: this entry is free */
	int ctl;   /* our end of its control socket, or -1 (reuse 1; retired) */
	unsigned ran; /* devices given to it */
	size_t slot;  /* the slot of its device in flight, or NONE */
	int reaped;   /* waitpid() returned it: its pid is not ours now */
};

struct proc {
	struct runner rn;
	runner_work_fn work;
	void *arg;
	unsigned reuse;	   /* devices per worker, >= 1 */
	struct pworker *w; /* workers, free entries among them */
	size_t nw, wcap;
	size_t *slot_worker; /* per slot: its busy worker, or NONE */
	size_t nslots;
	size_t *idle; /* idle workers, the last used on top */
	size_t nidle;
	size_t *spare; /* free entries of w */
	size_t nspare;
	int endr, endw;		 /* the end pipe (read end non-blocking) */
	unsigned long seen_chld; /* SIGCHLDs when we last reaped */
};

int
proc_reserve_fds(size_t njobs, size_t fds_per_job)
{
	struct rlimit rl;
	rlim_t need = (rlim_t)njobs * fds_per_job + FD_MARGIN;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1) {
		log_error("getrlimit: %s", strerror(errno));
		return -1;
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need)
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

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* In the child: every fd but stdio and the n in keep (n <= 3) is closed. */
static void
close_all_but(int *keep, size_t n)
{
	unsigned from = 3;
	size_t i;

	qsort(keep, n, sizeof(*keep), cmp_int);
	for (i = 0; i < n; i++) {
		if (keep[i] < 0 || (unsigned)keep[i] < from)
			continue;
		if ((unsigned)keep[i] > from)
			(void)close_range(from, (unsigned)keep[i] - 1, 0);
		from = (unsigned)keep[i] + 1;
	}
	(void)close_range(from, ~0U, 0);
}

/* A device handed to a worker: its index, and its pipe's write end. */
struct device_msg {
	uint64_t index;
	struct iovec iov;
	struct msghdr m;
	union { /* last: CMSG_SPACE() is not a constant to every compiler */
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
};

static void
device_msg_init(struct device_msg *dm)
{
	memset(dm, 0, sizeof(*dm));
	dm->iov = (struct iovec){
	    .iov_base = &dm->index, .iov_len = sizeof(dm->index)};
	dm->m = (struct msghdr){.msg_iov = &dm->iov,
	    .msg_iovlen = 1,
	    .msg_control = dm->u.buf,
	    .msg_controllen = sizeof(dm->u.buf)};
}

/* In a worker: the next device from ctl. 0, or -1 when there is none. */
static int
next_device(int ctl, size_t *index, int *wfd)
{
	struct device_msg dm;
	struct cmsghdr *c;
	ssize_t n;

	device_msg_init(&dm);
	do
		n = recvmsg(ctl, &dm.m, MSG_CMSG_CLOEXEC);
	while (n == -1 && errno == EINTR);
	c = CMSG_FIRSTHDR(&dm.m);
	if (n != (ssize_t)sizeof(dm.index) || c == NULL ||
	    c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int)))
		return -1;
	memcpy(wfd, CMSG_DATA(c), sizeof(*wfd));
	*index = (size_t)dm.index;
	return 0;
}

/* The parent's side of next_device(). 0, or -1 with errno. */
static int
send_device(int ctl, size_t index, int wfd)
{
	struct device_msg dm;
	struct cmsghdr *c;
	ssize_t n;

	device_msg_init(&dm);
	dm.index = index;
	c = CMSG_FIRSTHDR(&dm.m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &wfd, sizeof(wfd));
	do
		n = sendmsg(ctl, &dm.m, MSG_NOSIGNAL | MSG_DONTWAIT);
	while (n == -1 && errno == EINTR);
	return n == (ssize_t)sizeof(dm.index) ? 0 : -1;
}

/* The worker's life after fork(); never returns. */
static _Noreturn void
run_worker(struct proc *p, size_t self, size_t index, int wfd, int ctl,
    pid_t parent, const sigset_t *old)
{
	struct end_record rec = {.worker = (uint32_t)self};
	int keep[3] = {wfd, ctl, p->endw};

	log_forked();
	sig_child_reset(old);
	close_all_but(keep, 3);
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
#else
	(void)parent;
#endif
	rec.pid = (int32_t)getpid();
	for (;;) {
		rec.ret = p->work(p->arg, index, wfd) & 0xff;
		/* Before the EOF: the collector reaps when it sees that. */
		(void)write_all(p->endw, &rec, sizeof(rec));
		close(wfd);
		if (ctl == -1 || next_device(ctl, &index, &wfd) == -1)
			_exit(rec.ret);
	}
}

/* A free entry of p->w. */
static size_t
new_entry(struct proc *p)
{
	size_t e;

	if (p->nspare > 0)
		e = p->spare[--p->nspare];
	else {
		if (p->nw == p->wcap) {
			p->wcap = p->wcap ? p->wcap * 2 : 16;
			p->w = xrealloc(p->w, p->wcap * sizeof(*p->w));
			p->spare =
			    xrealloc(p->spare, p->wcap * sizeof(*p->spare));
		}
		e = p->nw++;
	}
	p->w[e] = (struct pworker){.pid = 0, .ctl = -1, .slot = NONE};
	return e;
}

/*
 * The one fork(): a new worker starting with device index on wfd. Returns
 * its entry, or NONE with errno.
 */
static size_t
fork_worker(struct proc *p, size_t index, int wfd)
{
	pid_t parent = getpid(), pid;
	int sv[2] = {-1, -1}, err;
	sigset_t old;
	size_t e;

	if (p->reuse > 1 &&
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1)
		return NONE;
	e = new_entry(p);
	/* Nothing buffered may be written again by the child. */
	fflush(stdout);
	fflush(stderr);
	sig_block_all(&old);
	pid = fork();
	if (pid == 0)
		run_worker(p, e, index, wfd, sv[1], parent, &old);
	err = errno;
	sig_restore_mask(&old);
	if (sv[1] != -1)
		close(sv[1]);
	if (pid == -1) {
		if (sv[0] != -1)
			close(sv[0]);
		p->spare[p->nspare++] = e;
		errno = err;
		return NONE;
	}
	p->w[e] = (struct pworker){.pid = pid, .ctl = sv[0], .slot = NONE};
	return e;
}

/*
 * Worker e takes no more devices: its ctl is closed, and an idle worker
 * then leaves. Only an idle, a reaped or a stopping worker is retired: it
 * is in no list a device is taken from.
 */
static void
retire(struct proc *p, size_t e)
{
	struct pworker *w = &p->w[e];

	if (w->ctl != -1)
		close(w->ctl);
	w->ctl = -1;
}

static int
start_device(void *self, size_t slot, size_t index)
{
	struct proc *p = self;
	size_t e = NONE;
	int fds[2];

	if (pipe2(fds, O_CLOEXEC) == -1)
		return -1;
	while (e == NONE && p->nidle > 0) {
		e = p->idle[--p->nidle];
		if (send_device(p->w[e].ctl, index, fds[1]) == -1) {
			/* It died idle, not yet reaped: it will be. */
			retire(p, e);
			e = NONE;
		}
	}
	if (e == NONE)
		e = fork_worker(p, index, fds[1]);
	close(fds[1]);
	if (e == NONE) {
		int err = errno;

		close(fds[0]);
		errno = err;
		return -1;
	}
	p->w[e].slot = slot;
	p->w[e].ran++;
	p->slot_worker[slot] = e;
	fd_set_nonblock(fds[0]);
	return fds[0];
}

static int
stop_device(void *self, size_t slot, enum runner_signal sig)
{
	struct proc *p = self;
	size_t e = p->slot_worker[slot];

	if (e != NONE)
		kill(p->w[e].pid, sig == RUNNER_KILL ? SIGKILL : SIGTERM);
	return 0;
}

/*
 * Worker e, alive and past its end record, takes no more devices: it is
 * killed (it holds nothing now) and reaped here and now, so that no
 * zombie waits for the next SIGCHLD turn.
 */
static void
dismiss(struct proc *p, size_t e)
{
	struct pworker *w = &p->w[e];

	retire(p, e);
	kill(w->pid, SIGKILL);
	while (waitpid(w->pid, NULL, 0) == -1 && errno == EINTR)
		;
	w->pid = 0;
	p->spare[p->nspare++] = e;
}

/*
 * Worker e's device ended with wstatus: report it. A worker not reaped
 * yet is then idle, or dismissed when it ran its quota.
 */
static void
device_ended(
    struct proc *p, size_t e, int wstatus, runner_ended_fn ended, void *ctx)
{
	struct pworker *w = &p->w[e];
	size_t slot = w->slot;

	w->slot = NONE;
	p->slot_worker[slot] = NONE;
	if (!w->reaped && w->ran >= p->reuse)
		dismiss(p, e);
	else if (!w->reaped)
		p->idle[p->nidle++] = e;
	ended(ctx, slot, wstatus);
}

/* Every end record written so far. */
static void
read_records(struct proc *p, runner_ended_fn ended, void *ctx)
{
	struct end_record rec[64];
	ssize_t n, i;
	struct pworker *w;

	for (;;) {
		n = read(p->endr, rec, sizeof(rec));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		for (i = 0; i < n / (ssize_t)sizeof(rec[0]); i++) {
			w = rec[i].worker < p->nw ? &p->w[rec[i].worker] : NULL;
			if (w == NULL || w->pid != rec[i].pid ||
			    w->slot == NONE) {
				log_warn("stray end record from worker %ld",
				    (long)rec[i].pid);
				continue;
			}
			device_ended(p, rec[i].worker, (rec[i].ret & 0xff) << 8,
			    ended, ctx);
		}
	}
}

/* Worker e was reaped with wstatus: a device it still had ends by it. */
static void
worker_gone(
    struct proc *p, size_t e, int wstatus, runner_ended_fn ended, void *ctx)
{
	struct pworker *w = &p->w[e];
	size_t i;

	/* Its record, if it wrote one before it went. */
	w->reaped = 1;
	read_records(p, ended, ctx);
	for (i = 0; i < p->nidle; i++)
		if (p->idle[i] == e)
			p->idle[i] = p->idle[--p->nidle];
	retire(p, e);
	if (w->slot != NONE)
		device_ended(p, e, wstatus, ended, ctx);
	w->pid = 0;
	p->spare[p->nspare++] = e;
}

static size_t
find_worker(const struct proc *p, pid_t pid)
{
	size_t e;

	for (e = 0; e < p->nw; e++)
		if (p->w[e].pid == pid)
			return e;
	return NONE;
}

static void
reap_workers(void *self, runner_ended_fn ended, void *ctx)
{
	struct proc *p = self;
	unsigned long n = sig_count(SIGCHLD);
	pid_t pid;
	size_t e;
	int st;

	read_records(p, ended, ctx);
	/*
	 * waitpid() walks every child of ours: with 1,000 alive, calling it
	 * each loop turn costs more than the rest of the turn. A child's end
	 * always raises SIGCHLD, counted by its handler from before the
	 * first fork, so an unchanged count means nothing to reap.
	 */
	if (n == p->seen_chld)
		return;
	p->seen_chld = n;
	for (;;) {
		pid = waitpid(-1, &st, WNOHANG);
		if (pid == -1 && errno == EINTR)
			continue;
		if (pid <= 0)
			return;
		e = find_worker(p, pid);
		if (e == NONE)
			log_warn(
			    "reaped pid %ld that we did not start", (long)pid);
		else
			worker_gone(p, e, st, ended, ctx);
	}
}

/*
 * The run is over. A worker still busy is a bug of the collector's (it
 * waits for every device first): said, and killed. Idle and retired
 * ones are killed too (they hold nothing), and every worker is reaped.
 */
static void
stop_workers(void *self)
{
	struct proc *p = self;
	struct pworker *w;
	size_t e;

	for (e = 0; e < p->nw; e++) {
		w = &p->w[e];
		if (w->pid <= 0)
			continue;
		if (w->slot != NONE)
			log_warn("child %ld still running at the end; killed",
			    (long)w->pid);
		retire(p, e);
		kill(w->pid, SIGKILL);
		while (waitpid(w->pid, NULL, 0) == -1 && errno == EINTR)
			;
		w->pid = 0;
	}
	p->nidle = 0;
}

static void
free_proc(void *self)
{
	struct proc *p = self;

	close(p->endr);
	close(p->endw);
	free(p->w);
	free(p->spare);
	free(p->idle);
	free(p->slot_worker);
	free(p);
}

static const struct runner_ops proc_ops = {
    .start = start_device,
    .stop = stop_device,
    .reap = reap_workers,
    .stop_all = stop_workers,
    .free = free_proc,
};

/* The end pipe, room for a record per slot so that no worker blocks. */
static int
open_end_pipe(struct proc *p)
{
	int fds[2];
	long need = (long)(p->nslots * sizeof(struct end_record));

	if (pipe2(fds, O_CLOEXEC) == -1) {
		log_error("pipe: %s", strerror(errno));
		return -1;
	}
#ifdef F_SETPIPE_SZ
	if (fcntl(fds[1], F_GETPIPE_SZ) < need &&
	    fcntl(fds[1], F_SETPIPE_SZ, (int)need) == -1) {
		log_error("-j %zu: cannot size the end pipe: %s", p->nslots,
		    strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
#else
	(void)need;
#endif
	fd_set_nonblock(fds[0]);
	p->endr = fds[0];
	p->endw = fds[1];
	return 0;
}

struct runner *
proc_new(size_t njobs, unsigned reuse, runner_work_fn work, void *arg)
{
	struct proc *p;
	size_t i;

	if (njobs == 0)
		njobs = 1;
	/*
	 * Per slot a device's read end and a worker's control socket; the
	 * margin has room for the end pipe and the one write end held until
	 * it is passed on.
	 */
	if (proc_reserve_fds(njobs, 2) == -1)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->work = work;
	p->arg = arg;
	p->reuse = reuse > 0 ? reuse : 1;
	p->nslots = njobs;
	p->slot_worker = xcalloc(njobs, sizeof(*p->slot_worker));
	for (i = 0; i < njobs; i++)
		p->slot_worker[i] = NONE;
	p->idle = xcalloc(njobs, sizeof(*p->idle));
	if (open_end_pipe(p) == -1) {
		free(p->idle);
		free(p->slot_worker);
		free(p);
		return NULL;
	}
	p->rn.ops = &proc_ops;
	p->rn.self = p;
	p->rn.njobs = njobs;
	return &p->rn;
}
