/*
 * task: one device in flight, as the collector sees it: its result, built
 * from the worker's frames and, at the end, from how the worker ended.
 * No clock but the finish time; output and host keys go to the result or
 * to the caller's hooks, and so do a worker's notices (a retry). Used by
 * collect.c only (and its unit tests); not for use after fork() or from
 * threads.
 */
#ifndef NC_TASK_H
#define NC_TASK_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "result.h"

struct task {
	size_t index;
	struct result *r; /* owned until handed over */
	size_t out_bytes; /* output seen, streamed or kept */
	int got_done;	  /* the DONE frame came */
	int64_t deadline; /* absolute monotonic ns, 0 = none */
	int64_t timeout_ms;
};

/* Where a task's output and host keys go, and its output limit. */
struct task_hooks {
	void *ctx;
	void (*on_hostkey)(void *ctx, size_t index, const char *line);
	/* A worker's notice, one line without its newline; NULL drops it. */
	void (*on_notice)(void *ctx, size_t index, const char *line);
	/* NULL: output is kept in the result. */
	void (*on_output)(void *ctx, size_t index, uint32_t cmd, uint16_t flags,
	    const unsigned char *data, size_t len);
	size_t max_output; /* bytes per device, 0 = no limit */
};

enum task_verdict {
	TASK_OK,
	TASK_PROTOCOL,	 /* malformed frame: the result says so */
	TASK_OVER_LIMIT, /* --max-output reached: stop the worker */
};

/*
 * A new task for device index, started at the monotonic time start (real:
 * its CLOCK_REALTIME twin, shown in results) with a deadline timeout_ms
 * later (0: none); its result counts one attempt. Never NULL.
 */
struct task *task_new(
    size_t index, int64_t timeout_ms, int64_t start, int64_t real);

/*
 * One frame of this task's device (the caller checked f->device). Returns
 * what the collector must do; TASK_PROTOCOL has failed the result
 * ERR_PROTOCOL with the reason. A frame after DONE is a protocol error.
 */
enum task_verdict task_frame(
    struct task *t, const struct frame *f, const struct task_hooks *h);

/*
 * The collector stopped the worker: reason ERR_TIMEOUT ("timed out after
 * N ms") or ERR_INTERRUPTED ("interrupted by SIGINT" for sig, "the run was
 * stopped" for sig 0); other reasons add nothing. The first failure
 * recorded on a result wins.
 */
void task_fail_stopped(struct task *t, enum err_kind reason, int sig);

/*
 * The worker ended (wstatus as from waitpid()) and its stream was read;
 * trunc names a partial last frame, or is NULL. Without a DONE frame, the
 * result says why: reason (as task_fail_stopped()), else the deadline if
 * it passed by now, else how the worker ended.
 */
void task_end(struct task *t, enum err_kind reason, int sig, int wstatus,
    const char *trunc, int64_t now);

/* Hand the result over (finished now) and free the task. */
struct result *task_take(struct task *t);

#endif
