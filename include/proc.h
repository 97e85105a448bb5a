/*
 * proc: the process runner (--mode process). Devices run in forked worker
 * processes, at most reuse devices each, one after another; each device
 * writes its frames on a pipe of its own. See runner.h for the interface.
 */
#ifndef NC_PROC_H
#define NC_PROC_H

#include <stddef.h>

#include "runner.h"

/*
 * A runner of at most njobs devices at once (njobs >= 1), each worker
 * process running at most reuse of them (0 counts as 1). Raises the
 * soft RLIMIT_NOFILE to what njobs needs; returns NULL with one line
 * logged when the hard limit is too low. Call from the main thread,
 * before any worker thread exists. Its reap() needs sig.h's SIGCHLD
 * handler installed (collect_run() does) before the first start().
 */
struct runner *proc_new(
    size_t njobs, unsigned reuse, runner_work_fn work, void *arg);

/*
 * Make sure this process may open the fds njobs workers need here
 * (fds_per_job each, plus a margin): raise the soft limit, or return -1
 * with one line logged ("-j N needs M open files; the limit is L").
 */
int proc_reserve_fds(size_t njobs, size_t fds_per_job);

#endif
