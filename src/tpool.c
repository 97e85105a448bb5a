/*
 * tpool: the thread and serial runners.
 *
 * Thread mode. start() gives the slot's job a fresh pipe and queues it;
 * threads (at most njobs, each created the first time a queued job would
 * otherwise wait, with every signal blocked; when one cannot be created,
 * start() fails with its errno, EAGAIN under a process limit, and the
 * collector tries again later) take jobs from the queue, run
 * work() on the pipe's write end, then record the return value in the
 * ended list and close the write end, in that order: by the time the
 * collector sees EOF, reap() has the status to report. The queue, the
 * ended list, each job and each thread's busy flag are guarded by one
 * mutex; work() runs outside it. Invariant: there are never fewer threads
 * than jobs queued or running, so every queued job has a thread coming.
 * A job's memory is the slot's and is reused only after the collector
 * freed the slot (EOF and reap both seen). When the run is over, idle
 * threads are joined and busy ones detached; the pool is then leaked on
 * purpose, since those threads still use it.
 *
 * Serial mode. start() runs work() inline into a memfd and returns it
 * rewound, so the collector reads the frames through the same code as in
 * the other modes; the worker has ended before start() returns.
 */
#include <sys/mman.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "proc.h"
#include "sig.h"
#include "tpool.h"
#include "util.h"

/* Per job in this process: the pipe's two ends, the session's socket, a
 * session log or known_hosts file. */
#define THREAD_FDS_PER_JOB 4

struct job {
	size_t index;
	int wfd; /* write end while queued or running, else -1 */
	int ret; /* work()'s return, once it is in the ended list */
};

struct tworker {
	pthread_t tid;
	struct tpool *tp;
	int busy;     /* inside work() */
	int detached; /* left running when the run was over */
};

struct tpool {
	struct runner rn;
	runner_work_fn work;
	void *arg;
	size_t nslots;
	struct job *jobs; /* per slot */
	size_t *queue;	  /* slots waiting for a thread (ring) */
	size_t qhead, qlen;
	size_t *ended; /* slots whose work() returned, not yet reaped */
	size_t nended;
	struct tworker *threads;
	size_t nthreads, nbusy;
	int quit;
	int detached; /* threads left running: never free the pool */
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* Called with the mutex held; returns with it held. */
static void
run_job(struct tpool *tp, struct tworker *w)
{
	struct job *j;
	size_t slot;
	int ret, fd;

	slot = tp->queue[tp->qhead];
	tp->qhead = (tp->qhead + 1) % tp->nslots;
	tp->qlen--;
	j = &tp->jobs[slot];
	w->busy = 1;
	tp->nbusy++;
	pthread_mutex_unlock(&tp->mu);
	ret = tp->work(tp->arg, j->index, j->wfd);
	pthread_mutex_lock(&tp->mu);
	fd = j->wfd;
	j->wfd = -1;
	j->ret = ret;
	tp->ended[tp->nended++] = slot;
	w->busy = 0;
	tp->nbusy--;
	pthread_mutex_unlock(&tp->mu);
	close(fd);
	pthread_mutex_lock(&tp->mu);
}

static void *
thread_main(void *arg)
{
	struct tworker *w = arg;
	struct tpool *tp = w->tp;

	pthread_mutex_lock(&tp->mu);
	for (;;) {
		while (tp->qlen == 0 && !tp->quit)
			pthread_cond_wait(&tp->cv, &tp->mu);
		if (tp->quit)
			break;
		run_job(tp, w);
	}
	pthread_mutex_unlock(&tp->mu);
	return NULL;
}

/* With the mutex held: one more thread. Returns 0, or an errno value. */
static int
add_thread(struct tpool *tp)
{
	struct tworker *w = &tp->threads[tp->nthreads];
	sigset_t old;
	int err;

	w->tp = tp;
	w->busy = 0;
	/* The thread inherits the mask: no signal handler ever runs in it. */
	sig_block_all(&old);
	err = pthread_create(&w->tid, NULL, thread_main, w);
	sig_restore_mask(&old);
	if (err == 0)
		tp->nthreads++;
	return err;
}

static int
start_thread_job(void *self, size_t slot, size_t index)
{
	struct tpool *tp = self;
	struct job *j = &tp->jobs[slot];
	int fds[2], err = 0;

	if (pipe2(fds, O_CLOEXEC) == -1)
		return -1;
	fd_set_nonblock(fds[0]);
	pthread_mutex_lock(&tp->mu);
	j->index = index;
	j->wfd = fds[1];
	j->ret = 0;
	tp->queue[(tp->qhead + tp->qlen) % tp->nslots] = slot;
	tp->qlen++;
	/* No thread free for it: one more, or the collector tries later. */
	if (tp->nthreads < tp->qlen + tp->nbusy &&
	    (err = add_thread(tp)) != 0) {
		tp->qlen--;
		j->wfd = -1;
		pthread_mutex_unlock(&tp->mu);
		close(fds[0]);
		close(fds[1]);
		errno = err;
		return -1;
	}
	pthread_cond_signal(&tp->cv);
	pthread_mutex_unlock(&tp->mu);
	return fds[0];
}

static int
start_inline(void *self, size_t slot, size_t index)
{
	struct tpool *tp = self;
	int fd, err;

	fd = memfd_create("netcollect-serial", MFD_CLOEXEC);
	if (fd == -1)
		return -1;
	tp->jobs[slot].ret = tp->work(tp->arg, index, fd);
	if (lseek(fd, 0, SEEK_SET) == -1 || fd_set_nonblock(fd) == -1) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	tp->ended[tp->nended++] = slot;
	return fd;
}

/* A thread cannot be stopped from outside, and inline workers are done. */
static int
stop_none(void *self, size_t slot, enum runner_signal sig)
{
	(void)self;
	(void)slot;
	(void)sig;
	return -1;
}

static void
reap_jobs(void *self, runner_ended_fn ended, void *ctx)
{
	struct tpool *tp = self;
	size_t i, n, *slots;

	pthread_mutex_lock(&tp->mu);
	n = tp->nended;
	if (n == 0) {
		pthread_mutex_unlock(&tp->mu);
		return;
	}
	slots = xcalloc(n, sizeof(*slots));
	memcpy(slots, tp->ended, n * sizeof(*slots));
	tp->nended = 0;
	pthread_mutex_unlock(&tp->mu);
	/* Each slot is in the list once: its job is not reused before. */
	for (i = 0; i < n; i++)
		ended(ctx, slots[i], (tp->jobs[slots[i]].ret & 0xff) << 8);
	free(slots);
}

static void
stop_threads(void *self)
{
	struct tpool *tp = self;
	size_t i, left = 0;

	pthread_mutex_lock(&tp->mu);
	tp->quit = 1;
	pthread_cond_broadcast(&tp->cv);
	/* Jobs no thread took will never run. */
	for (; tp->qlen > 0; tp->qlen--) {
		struct job *j = &tp->jobs[tp->queue[tp->qhead]];

		close(j->wfd);
		j->wfd = -1;
		tp->qhead = (tp->qhead + 1) % tp->nslots;
	}
	for (i = 0; i < tp->nthreads; i++)
		if (tp->threads[i].busy) {
			pthread_detach(tp->threads[i].tid);
			tp->threads[i].detached = 1;
			tp->detached = 1;
			left++;
		}
	pthread_mutex_unlock(&tp->mu);
	for (i = 0; i < tp->nthreads; i++)
		if (!tp->threads[i].detached)
			pthread_join(tp->threads[i].tid, NULL);
	if (left > 0)
		log_warn("%zu worker threads did not stop; abandoned", left);
}

static void
stop_serial(void *self)
{
	(void)self;
}

static void
free_tpool(void *self)
{
	struct tpool *tp = self;

	if (tp->detached)
		return;
	pthread_mutex_destroy(&tp->mu);
	pthread_cond_destroy(&tp->cv);
	free(tp->jobs);
	free(tp->queue);
	free(tp->ended);
	free(tp->threads);
	free(tp);
}

static const struct runner_ops thread_ops = {
    .start = start_thread_job,
    .stop = stop_none,
    .reap = reap_jobs,
    .stop_all = stop_threads,
    .free = free_tpool,
};

static const struct runner_ops serial_ops = {
    .start = start_inline,
    .stop = stop_none,
    .reap = reap_jobs,
    .stop_all = stop_serial,
    .free = free_tpool,
};

static struct tpool *
tpool_alloc(
    size_t nslots, runner_work_fn work, void *arg, const struct runner_ops *ops)
{
	struct tpool *tp = xcalloc(1, sizeof(*tp));

	tp->work = work;
	tp->arg = arg;
	tp->nslots = nslots;
	tp->jobs = xcalloc(nslots, sizeof(*tp->jobs));
	for (size_t i = 0; i < nslots; i++)
		tp->jobs[i].wfd = -1;
	tp->queue = xcalloc(nslots, sizeof(*tp->queue));
	tp->ended = xcalloc(nslots, sizeof(*tp->ended));
	tp->threads = xcalloc(nslots, sizeof(*tp->threads));
	pthread_mutex_init(&tp->mu, NULL);
	pthread_cond_init(&tp->cv, NULL);
	tp->rn.ops = ops;
	tp->rn.self = tp;
	tp->rn.njobs = nslots;
	return tp;
}

struct runner *
tpool_new(size_t njobs, runner_work_fn work, void *arg)
{
	if (njobs == 0)
		njobs = 1;
	if (proc_reserve_fds(njobs, THREAD_FDS_PER_JOB) == -1)
		return NULL;
	return &tpool_alloc(njobs, work, arg, &thread_ops)->rn;
}

struct runner *
tpool_new_serial(runner_work_fn work, void *arg)
{
	return &tpool_alloc(1, work, arg, &serial_ops)->rn;
}
