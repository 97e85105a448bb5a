/*
 * retry: --retries and --retry-wait. Which failures a new connection may
 * cure, how long to wait before it, and the wait itself. A retry is a new
 * connection to a device that failed before its first command was sent;
 * kinds that say the device answered and said no (auth, hostkey-*,
 * device-error, ...) are never retried.
 *
 * Pure, except retry_pause() (which only waits); safe after fork() and
 * from several threads, not in a signal handler.
 */
#ifndef NC_RETRY_H
#define NC_RETRY_H

#include <stdint.h>

#include "result.h"
#include "util.h"

/* The most --retries accepts. */
#define RETRY_MAX 100
/* The longest one wait grows to, whatever --retry-wait and the attempt. */
#define RETRY_MAX_WAIT_MS INT64_C(60000)

/* --retries N: "0" to RETRY_MAX in decimal. Returns 0, or -1. */
int retry_parse(const char *arg, unsigned *n);

/*
 * Nonzero for the kinds a new connection may cure: refused,
 * connect-timeout, closed, timeout and dns (a device restarting, a
 * listener at its limit, a name server's hiccup).
 */
int retry_may_help(enum err_kind kind);

/*
 * The wait after failed attempt n (1-based) before attempt n + 1: base_ms
 * doubled for each earlier retry (base, 2 base, 4 base, ...), at most
 * RETRY_MAX_WAIT_MS. base_ms > 0.
 */
int64_t retry_wait_ms(int64_t base_ms, unsigned n);

/* The sum of the waits of retries retries (0 for none). */
int64_t retry_total_wait_ms(int64_t base_ms, unsigned retries);

/*
 * The stderr line of a retry, appended to b without the program name or
 * a newline: "R3: refused: connection to 10.0.0.3 port 22 refused (attempt
 * 1 of 3); retrying in 1.0 s". attempt failed, of 1 + --retries; the
 * wait in seconds, at least one decimal. Device name and message are
 * escaped for a terminal.
 */
void retry_notice(struct buf *b, const char *device, enum err_kind kind,
    const char *msg, unsigned attempt, unsigned attempts, int64_t wait_ms);

/*
 * Wait ms milliseconds in poll() (no fd), to an absolute monotonic
 * deadline, whatever signals interrupt it.
 */
void retry_pause(int64_t ms);

#endif
