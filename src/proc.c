/*
 * proc: the process runner. One forked child per device; the collector
 * reads its frames from a pipe and learns its end from waitpid().
 *
 * Invariants. fork() happens only in start_child(), with every signal
 * blocked across it so that no handler of ours runs in the child; the
 * child resets the handlers, restores the mask, closes every fd but its
 * pipe's write end and stdio, asks to die with its parent
 * (PR_SET_PDEATHSIG, then re-checks getppid() for the race), runs work()
 * and leaves only through _exit(), so the parent's atexit handlers and
 * stdio buffers are never run or flushed twice (fatal() knows it is in a
 * child through log_forked()). The parent keeps the pid of each slot until
 * waitpid() returned it; a slot's pid is 0 otherwise. Reaping is
 * waitpid(-1, WNOHANG) until nothing is left to reap, done only when a
 * SIGCHLD came since the last time (sig.h counts them), and a pid we did
 * not start is logged. Nothing here builds a result: a failed fork()
 * returns its errno to the collector.
 */
#include <sys/resource.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "proc.h"
#include "sig.h"
#include "util.h"

#define FD_MARGIN 64 /* stdio, the self-pipe, logs, known_hosts, sinks */

struct proc {
	struct runner rn;
	runner_work_fn work;
	void *arg;
	pid_t *pid; /* per slot; 0 when no child or reaped */
	size_t nslots;
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

/* In the child: every fd but stdio and keep is closed. */
static void
close_all_but(int keep)
{
	if (keep > 3)
		(void)close_range(3, (unsigned)keep - 1, 0);
	(void)close_range((unsigned)keep + 1, ~0U, 0);
}

/* The child's side of start_child(); never returns. */
static void
run_child(
    struct proc *p, size_t index, int wfd, pid_t parent, const sigset_t *old)
{
	log_forked();
	sig_child_reset(old);
	close_all_but(wfd);
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
#else
	(void)parent;
#endif
	_exit(p->work(p->arg, index, wfd) & 0xff);
}

/* The one fork(). Returns the pipe's read end, or -1 with errno. */
static int
start_child(void *self, size_t slot, size_t index)
{
	struct proc *p = self;
	pid_t parent = getpid(), pid;
	sigset_t old;
	int fds[2], err;

	if (pipe2(fds, O_CLOEXEC) == -1)
		return -1;
	/* Nothing buffered may be written again by the child. */
	fflush(stdout);
	fflush(stderr);
	sig_block_all(&old);
	pid = fork();
	if (pid == 0)
		run_child(p, index, fds[1], parent, &old);
	err = errno;
	sig_restore_mask(&old);
	close(fds[1]);
	if (pid == -1) {
		close(fds[0]);
		errno = err;
		return -1;
	}
	p->pid[slot] = pid;
	fd_set_nonblock(fds[0]);
	return fds[0];
}

static int
stop_child(void *self, size_t slot, enum runner_signal sig)
{
	struct proc *p = self;

	if (p->pid[slot] > 0)
		kill(p->pid[slot], sig == RUNNER_KILL ? SIGKILL : SIGTERM);
	return 0;
}

static void
reap_children(void *self, runner_ended_fn ended, void *ctx)
{
	struct proc *p = self;
	unsigned long n = sig_count(SIGCHLD);
	size_t i;
	pid_t pid;
	int st;

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
		for (i = 0; i < p->nslots && p->pid[i] != pid; i++)
			;
		if (i == p->nslots) {
			log_warn(
			    "reaped pid %ld that we did not start", (long)pid);
			continue;
		}
		p->pid[i] = 0;
		ended(ctx, i, st);
	}
}

/* A safety net: the collector waits for every child before this. */
static void
stop_children(void *self)
{
	struct proc *p = self;
	size_t i;

	for (i = 0; i < p->nslots; i++) {
		if (p->pid[i] <= 0)
			continue;
		log_warn("child %ld still running at the end; killed",
		    (long)p->pid[i]);
		kill(p->pid[i], SIGKILL);
		while (waitpid(p->pid[i], NULL, 0) == -1 && errno == EINTR)
			;
		p->pid[i] = 0;
	}
}

static void
free_proc(void *self)
{
	struct proc *p = self;

	free(p->pid);
	free(p);
}

static const struct runner_ops proc_ops = {
    .start = start_child,
    .stop = stop_child,
    .reap = reap_children,
    .stop_all = stop_children,
    .free = free_proc,
};

struct runner *
proc_new(size_t njobs, runner_work_fn work, void *arg)
{
	struct proc *p;

	if (njobs == 0)
		njobs = 1;
	/* The collector's read end, and the write end until fork returns. */
	if (proc_reserve_fds(njobs, 2) == -1)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->work = work;
	p->arg = arg;
	p->nslots = njobs;
	p->pid = xcalloc(njobs, sizeof(*p->pid));
	p->rn.ops = &proc_ops;
	p->rn.self = p;
	p->rn.njobs = njobs;
	return &p->rn;
}
