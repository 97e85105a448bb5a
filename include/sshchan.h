/*
 * sshchan: the libssh2 plumbing under the transport: waiting on a
 * session's fd in the directions libssh2 asks for, its error text, and
 * struct channel (channel.h) over a LIBSSH2_CHANNEL: a pty shell or an
 * exec channel of an authenticated session.
 *
 * Layering: channel < sshchan < transport. Non-blocking sessions only;
 * one thread per session.
 */
#ifndef NC_SSHCHAN_H
#define NC_SSHCHAN_H

#include <stdint.h>

#include <libssh2.h>

#include "channel.h"
#include "connector.h"
#include "result.h"

/*
 * Wait until libssh2 can make progress on ssh (over fd) or deadline
 * (absolute monotonic ns, 0 = none) passes, running pump (or NULL)
 * meanwhile. Returns 0, or -1 when the deadline passed. It may return 0
 * early: the caller retries its call, which says EAGAIN again.
 */
int sshchan_wait(LIBSSH2_SESSION *ssh, int fd,
    const struct connector_pump *pump, int64_t deadline);

/* libssh2's last error text on ssh (owned by libssh2), never NULL. */
const char *sshchan_errmsg(LIBSSH2_SESSION *ssh);

/*
 * A shell on a vt100 pty of 511x1000 (Netmiko's size), by deadline, or
 * NULL with f filled (ssh; prompt when out of time). The channel is freed
 * with the session; its close() only forgets it.
 */
struct channel *sshchan_shell(LIBSSH2_SESSION *ssh, int fd,
    const struct connector_pump *pump, int64_t deadline, struct failure *f);

/*
 * An exec channel running cmd (no pty), or NULL with f filled. Its
 * close() closes and frees the channel (bounded by the deadline given).
 */
struct channel *sshchan_exec(LIBSSH2_SESSION *ssh, int fd,
    const struct connector_pump *pump, const char *cmd, int64_t deadline,
    struct failure *f);

#endif
