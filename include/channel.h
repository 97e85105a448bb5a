/*
 * channel: the byte pipe a dialogue talks through, as an interface with
 * no SSH in it. transport.c implements it over libssh2 channels; the unit
 * tests implement it with a scripted fake device. A channel source opens
 * channels: one interactive shell on a pty, or one exec channel per
 * command. Every call is non-blocking; the only wait is wait(), bounded
 * by an absolute CLOCK_MONOTONIC deadline.
 *
 * Layering: channel sits below dialogue (which only uses it) and below
 * transport (which implements it); it knows nothing of devices.
 * A channel belongs to one thread; create it after fork().
 */
#ifndef NC_CHANNEL_H
#define NC_CHANNEL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "result.h"
#include "util.h"

enum channel_stream {
	CHANNEL_STDOUT = 0,
	CHANNEL_STDERR = 1,
};

/* Returns of read() and write() and of the helpers below. */
#define CHANNEL_EOF (-1)     /* peer sent EOF: nothing more on this stream */
#define CHANNEL_LOST (-2)    /* connection lost; error() says why */
#define CHANNEL_TIMEOUT (-3) /* the deadline passed first (helpers only) */

struct channel;

struct channel_ops {
	/*
	 * Up to n bytes of stream into p, without blocking: > 0 bytes, 0
	 * when nothing is there yet, CHANNEL_EOF when the peer sent EOF or
	 * closed and nothing is left on that stream, CHANNEL_LOST.
	 */
	ssize_t (*read)(
	    struct channel *c, enum channel_stream stream, char *p, size_t n);
	/* Take up to n bytes: > 0 taken, 0 would block, CHANNEL_LOST. */
	ssize_t (*write)(struct channel *c, const char *p, size_t n);
	/*
	 * Wait until read or write may progress, or until deadline (0 =
	 * none). Returns 0, or -1 when the deadline passed.
	 */
	int (*wait)(struct channel *c, int64_t deadline);
	/*
	 * After EOF: the exit status the command reported, waiting for it
	 * until deadline. -1 when none came (killed by a signal, the
	 * peer's choice, or too late).
	 */
	int (*exit_status)(struct channel *c, int64_t deadline);
	/* Why the last CHANNEL_LOST happened (owned by c). */
	const char *(*error)(struct channel *c);
	/* Close and free; waits at most until deadline. */
	void (*close)(struct channel *c, int64_t deadline);
};

/* Implementations put this first in their own struct. */
struct channel {
	const struct channel_ops *ops;
};

/*
 * What opens channels (the transport of one logged-in SSH session, or a
 * fake). Each returns NULL with f filled on failure.
 */
struct channel_source {
	void *ctx;
	/* An interactive shell on a pty. */
	struct channel *(*shell)(
	    void *ctx, int64_t deadline, struct failure *f);
	/* A channel running cmd, no pty. */
	struct channel *(*exec)(
	    void *ctx, const char *cmd, int64_t deadline, struct failure *f);
};

/*
 * Write all n bytes by deadline. Returns 0, CHANNEL_TIMEOUT or
 * CHANNEL_LOST.
 */
int channel_write_all(
    struct channel *c, const char *p, size_t n, int64_t deadline);

/*
 * Append to b what stream has, waiting until deadline for at least one
 * byte; reads at most about max bytes in one call. Returns the number of
 * bytes appended (> 0), CHANNEL_EOF, CHANNEL_LOST or CHANNEL_TIMEOUT.
 * Bytes that arrived before an EOF or a loss are returned first.
 */
ssize_t channel_read_some(struct channel *c, enum channel_stream stream,
    struct buf *b, size_t max, int64_t deadline);

#endif
