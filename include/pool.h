/*
 * pool: runs one worker per device, at most njobs at once, and collects
 * their frames into results. Three modes run the very same worker:
 *   process: fork a child per device (the design)
 *   thread:  njobs pthreads take devices from a queue
 *   serial:  one device after another in the calling thread
 * The collector is one poll() loop over every worker's pipe and the
 * signal self-pipe; its timeout is the nearest deadline.
 */
#ifndef NC_POOL_H
#define NC_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "result.h"

enum run_mode {
	MODE_PROCESS,
	MODE_THREAD,
	MODE_SERIAL,
};

/*
 * The worker: do device index's job and report it as frames on fd (then
 * return). In process mode it runs in a child that _exit()s with the
 * return value; in thread mode in a worker thread with all signals
 * blocked; in serial mode inline.
 */
typedef int (*pool_work_fn)(void *arg, size_t index, int fd);

struct pool_callbacks {
	void *ctx;
	/* A worker was launched for index (the course's "===>" moment). */
	void (*on_start)(void *ctx, size_t index);
	/* A known_hosts line arrived from a worker (accept-new). */
	void (*on_hostkey)(void *ctx, size_t index, const char *line);
	/*
	 * Optional: output chunks as they arrive (--output-dir streams them
	 * to files). When set, the pool does not keep output in results.
	 */
	void (*on_output)(void *ctx, size_t index, uint32_t cmd, uint16_t flags,
	    const unsigned char *data, size_t len);
	/* A device finished: the result is the callee's to free. */
	void (*on_result)(void *ctx, struct result *r);
	/* Called at least every 100 ms while running (progress line). */
	void (*on_tick)(void *ctx);
};

struct pool_config {
	enum run_mode mode;
	size_t njobs;
	size_t ndevices;
	pool_work_fn work;
	void *work_arg;
	/* Overall deadline per device (ms from launch), 0 = none. */
	int64_t (*device_timeout_ms)(void *work_arg, size_t index);
	int64_t kill_grace_ms; /* SIGTERM to SIGKILL, default 1000 */
	/* Output bytes per device (streamed or kept), 0 = no limit; beyond:
	 * truncated there, worker killed, ERR_OUTPUT_LIMIT. */
	size_t max_output;
	const struct pool_callbacks *cb;
};

/*
 * Run every device. Returns 0 when all finished, or the number of the
 * signal (SIGINT, SIGTERM) that interrupted the run: launching stopped,
 * workers were terminated, and every device got a result (unfinished ones
 * ERR_INTERRUPTED) before returning. The caller re-raises the signal.
 * Returns -1 on a startup error (e.g. RLIMIT_NOFILE too low), logged.
 *
 * Each device gets exactly one on_result(), in completion order. Handlers
 * for SIGINT, SIGTERM and SIGCHLD are installed for the duration of the
 * call and the previous ones restored before it returns. A second signal
 * SIGKILLs every worker at once. Process mode: deadlines SIGTERM then
 * SIGKILL (after kill_grace_ms) the child, and every child is reaped before
 * returning. Thread and serial modes cannot kill: a worker must bound its
 * own waits; past its deadline the device is reported as timeout and its
 * later frames dropped. On a signal, thread mode waits kill_grace_ms for
 * running devices, then reports them interrupted and detaches the threads
 * still inside work() (work_arg must then outlive pool_run(): exit soon).
 * A crash in a thread or serial worker kills the whole process.
 * Not reentrant; call from the main thread.
 */
int pool_run(const struct pool_config *cfg);

/* Highest number of workers alive at once in the last pool_run(). */
size_t pool_max_alive(void);

#endif
