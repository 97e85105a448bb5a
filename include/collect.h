/*
 * collect: the collector. Runs every device through a runner (runner.h),
 * at most its njobs at once, reads each worker's frames from the fd the
 * runner gave for it and builds each device's result: the only place
 * results are built. One loop waiting on those fds and the signal
 * self-pipe (epoll: a turn costs what is ready, not what is open); its
 * timeout is the nearest deadline. It does not know which
 * runner it drives (process, thread or serial mode): main picks one.
 */
#ifndef NC_COLLECT_H
#define NC_COLLECT_H

#include <stddef.h>
#include <stdint.h>

#include "result.h"
#include "runner.h"

struct collect_callbacks {
	void *ctx;
	/* Device index is about to start (the course's "===>" moment). */
	void (*on_start)(void *ctx, size_t index);
	/* A known_hosts line arrived from a worker (accept-new). */
	void (*on_hostkey)(void *ctx, size_t index, const char *line);
	/* Optional: a worker's notice for stderr (a retry), one line. */
	void (*on_notice)(void *ctx, size_t index, const char *line);
	/*
	 * Optional: output chunks as they arrive (--output-dir streams them
	 * to files). When set, the collector keeps no output in results.
	 */
	void (*on_output)(void *ctx, size_t index, uint32_t cmd, uint16_t flags,
	    const unsigned char *data, size_t len);
	/*
	 * A device finished: the result is the callee's to free. worker_busy
	 * is nonzero when the device's worker may still be running (a thread
	 * given up on at its deadline or after a signal): what that worker
	 * reads, the device's secrets included, must stay as it is. Returns
	 * 0, or -1 to stop the run (results can no longer be delivered):
	 * launching stops and the workers are stopped as after a signal; the
	 * devices left get ERR_INTERRUPTED "the run was stopped".
	 */
	void (*on_result)(void *ctx, struct result *r, int worker_busy);
	/*
	 * Optional, asked after each on_result(): nonzero when the results
	 * can no longer be written (stdout failed). The run then stops as
	 * on a first signal, and collect_run() returns SIGPIPE.
	 */
	int (*must_stop)(void *ctx);
	/* Called at least every 100 ms while running (progress line). */
	void (*on_tick)(void *ctx);
};

struct collect_config {
	size_t ndevices;
	/* Overall deadline per device (ms from its start), 0 = none. */
	int64_t (*device_timeout_ms)(void *arg, size_t index);
	void *timeout_arg;
	int64_t kill_grace_ms; /* SIGTERM to SIGKILL, default 1000 */
	/*
	 * Output bytes per device (streamed or kept), 0 = no limit; beyond:
	 * truncated there, worker stopped, ERR_OUTPUT_LIMIT.
	 */
	size_t max_output;
	const struct collect_callbacks *cb;
};

struct collect_stats {
	/* Most devices in flight at once (from start to result). */
	size_t max_alive;
};

/*
 * Run every device through rn. Returns 0 when all finished, or the number
 * of the signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT, all alike; SIGPIPE when
 * must_stop() said so, which
 * is not to be re-raised) that interrupted the run: launching
 * stopped, workers were stopped, and every device got a result
 * (unfinished ones ERR_INTERRUPTED) before returning; the caller re-raises
 * the signal. Returns -1 with one line logged on a startup error. stats,
 * when not NULL, is filled in.
 *
 * Each device gets exactly one on_result(), in completion order. Handlers
 * for those four and SIGCHLD are installed for the duration of the
 * call and the previous ones restored before it returns. Past a device's
 * deadline, its worker is stopped (SIGTERM, SIGKILL after kill_grace_ms)
 * or, when the runner cannot stop it, given up on. A second signal
 * SIGKILLs every worker at once. Every worker the runner can stop has
 * ended before this returns; the others are left to the runner's
 * stop_all(), called last. Not reentrant; call from the main thread.
 */
int collect_run(const struct collect_config *cfg, struct runner *rn,
    struct collect_stats *stats);

#endif
