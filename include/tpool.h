/*
 * tpool: the in-process runners. Thread mode runs each device on one of
 * up to njobs threads of this process; serial mode runs it inline, in the
 * collector's own start() call, one device after another. Either way the
 * worker's frames reach the collector through an fd of their own, as in
 * process mode. See runner.h for the interface.
 *
 * A thread cannot be killed: stop() returns -1, the worker's own deadlines
 * end it, and a thread still inside work() when the run is over is
 * detached (work's arg must outlive the run). A crash in a thread or in an
 * inline worker ends the whole process.
 */
#ifndef NC_TPOOL_H
#define NC_TPOOL_H

#include <stddef.h>

#include "runner.h"

/*
 * Thread mode: a runner of at most njobs threads (njobs >= 1), started as
 * devices need them, with every signal blocked. Returns NULL with one line
 * logged when RLIMIT_NOFILE cannot be raised to what njobs need. Call from
 * the thread that will run the collector.
 */
struct runner *tpool_new(size_t njobs, runner_work_fn work, void *arg);

/* Serial mode: one device at a time, work() inside start(). */
struct runner *tpool_new_serial(runner_work_fn work, void *arg);

#endif
