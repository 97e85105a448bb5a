/*
 * sig: self-pipe delivery of SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGCHLD
 * to a poll() loop (a SIGHUP ignored at install, as under nohup, is left
 * ignored).
 * The handlers only count the signal in a sig_atomic_t and write one byte
 * to a non-blocking, close-on-exec pipe; everything else happens in the
 * loop. One process-wide instance, owned by whoever called sig_install()
 * (the collector, for the length of collect_run()). Not for use from
 * threads other than the installing one, except sig_block_all() which is
 * thread-safe.
 */
#ifndef NC_SIG_H
#define NC_SIG_H

#include <signal.h>

/*
 * Create the self-pipe and install the handlers, remembering the previous
 * dispositions. Return 0, or -1 with errno (logged by the caller).
 */
int sig_install(void);

/* Restore the previous handlers and close the self-pipe. */
void sig_uninstall(void);

/* The self-pipe's read end, for poll(); -1 when not installed. */
int sig_fd(void);

/* Empty the self-pipe (after poll() reported it readable). */
void sig_drain(void);

/* How many times signo (one of those above) arrived since install. */
unsigned long sig_count(int signo);

/* "SIGINT", "SIGHUP"... (messages) for those and SIGPIPE, else "signal". */
const char *sig_name(int signo);

/*
 * Block every signal in the calling thread, saving the old mask in *old
 * (around fork(), and in worker threads). Safe in any thread.
 */
void sig_block_all(sigset_t *old);

/* Restore a mask saved by sig_block_all(). */
void sig_restore_mask(const sigset_t *old);

/*
 * In a child just after fork(), with signals still blocked: default
 * dispositions for every signal we handle, the self-pipe closed, then the
 * mask restored to old. Async-signal-safe.
 */
void sig_child_reset(const sigset_t *old);

#endif
