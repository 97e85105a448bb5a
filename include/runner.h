/*
 * runner: how a worker is started, as the collector sees it. A runner
 * runs work(arg, index, fd) for one device at a time in each of its slots
 * (0 .. njobs-1, chosen by the collector) and hands the collector one fd
 * per device: the read end of that worker's frame stream, which reaches
 * EOF when the worker is done with it. The collector (collect.h) drives a
 * runner without knowing which one it is; main picks it:
 *   proc:  forked worker processes, each running devices one after
 *          another (process mode, proc.h)
 *   tpool: a pool of threads, or inline in the caller (thread and serial
 *          modes, tpool.h)
 * A runner is used from the collector's thread only.
 */
#ifndef NC_RUNNER_H
#define NC_RUNNER_H

#include <stddef.h>

/*
 * The worker: do device index's job and report it as frames on fd, then
 * return its exit code (0..255). In a worker process (which reports it and
 * may run further devices; it must leave the process as it found it), in
 * a thread with every signal blocked, or inline in the caller.
 */
typedef int (*runner_work_fn)(void *arg, size_t index, int fd);

/*
 * What reap() reports: the worker in slot ended, with a waitpid() status
 * (a thread's or an inline worker's return value r arrives as exit code r).
 */
typedef void (*runner_ended_fn)(void *ctx, size_t slot, int wstatus);

enum runner_signal {
	RUNNER_TERM, /* ask the worker to end (SIGTERM) */
	RUNNER_KILL, /* end it now (SIGKILL) */
};

struct runner_ops {
	/*
	 * Start device index in slot (a slot the collector does not use).
	 * Returns the read end of the worker's frame stream: O_CLOEXEC,
	 * O_NONBLOCK, the collector's to close after EOF. Returns -1 with
	 * errno when the worker could not start; EAGAIN means that it may
	 * once some worker ended (a process or thread limit). Reports nothing
	 * itself: the collector turns the errno into the device's result.
	 */
	int (*start)(void *self, size_t slot, size_t index);
	/*
	 * Signal slot's worker. Returns 0 when the worker will end by it
	 * (or has ended already), -1 when this runner cannot end a worker
	 * from outside (a thread): then only the worker's own deadlines end
	 * it, and the collector stops waiting for its device.
	 */
	int (*stop)(void *self, size_t slot, enum runner_signal sig);
	/* Call ended() for every worker that ended since the last call. */
	void (*reap)(void *self, runner_ended_fn ended, void *ctx);
	/*
	 * The run is over: start() is not called again. Ends and reaps any
	 * child still alive; threads still inside work() are detached (their
	 * fds' read ends are closed by then, their writes fail).
	 */
	void (*stop_all)(void *self);
	/* Free the runner (a no-op for what detached threads still use). */
	void (*free)(void *self);
};

struct runner {
	const struct runner_ops *ops;
	void *self;
	size_t njobs; /* workers it runs at once: the collector's slots */
};

#endif
