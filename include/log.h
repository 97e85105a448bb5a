/*
 * log: diagnostics on stderr, one write() per line so lines from many
 * processes never interleave. Messages name the device; callers pass
 * failures up without logging them again (the code that saw errno logs).
 */
#ifndef NC_LOG_H
#define NC_LOG_H

enum log_level {
	LOG_ERROR,
	LOG_WARN,
	LOG_INFO,
	LOG_DEBUG,
};

/* Messages above this level are dropped. Default LOG_WARN. */
void log_set_level(enum log_level level);

/* Program name used as the line prefix ("netcollect: "). */
void log_set_progname(const char *name);

/*
 * The caller left a partial line on stderr (the progress line): the next
 * message erases it first ("\r\033[K"), so the message starts its own
 * line. Main thread only.
 */
void log_partial_line(void);

void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/*
 * Print the message and exit(2); in a forked worker child (after
 * log_forked()) _exit(2). For startup errors and broken invariants.
 */
void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/*
 * Mark this process as a child forked to run a worker, right after fork():
 * fatal() then leaves with _exit(). Async-signal-safe.
 */
void log_forked(void);

#endif
