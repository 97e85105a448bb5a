/*
 * ns_session: one accepted SSH connection to a simulated device, from
 * the banner delay through key exchange, authentication and its channels
 * (shells, execs, forwards) to the close. The server owns the list of sessions and the poll loop;
 * a session only reacts: to what poll() saw on its fds (libssh callbacks
 * run then, and only record state) and to ns_session_tick(), where the
 * work happens. A session is never freed inside a libssh callback.
 */
#ifndef NS_SESSION_H
#define NS_SESSION_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

#include "ns_device.h"

struct ns_session;

/*
 * Serve the accepted, non-blocking socket fd (now owned by the session)
 * as dev, with bind's host keys and algorithms; count into stats. dev,
 * bind and stats must outlive the session. NULL on memory exhaustion
 * (fd is closed then). A session that fails to start is dead, not NULL.
 */
struct ns_session *ns_session_new(struct ns_device *dev, int fd, ssh_bind bind,
    struct ns_stats *stats, int64_t now);
/* At most how many pollfd entries it needs now (0 while it waits). */
size_t ns_session_nfds(const struct ns_session *s);
/*
 * Fill p with the fds to poll (the connection, then the forwarded
 * targets that wait for something); returns how many, at most
 * ns_session_nfds().
 */
size_t ns_session_pollfds(struct ns_session *s, struct pollfd *p);
/*
 * Take what poll() reported in the entries ns_session_pollfds() filled
 * (returns how many) and run the connection's libssh callbacks.
 */
size_t ns_session_events(
    struct ns_session *s, const struct pollfd *p, int64_t now);
/* Timers, key exchange, output, closing; returns the next deadline or 0. */
int64_t ns_session_tick(struct ns_session *s, int64_t now);
/* The next deadline set so far, or 0. */
int64_t ns_session_wake(const struct ns_session *s);
/* 1 once the session is over and must be freed. */
int ns_session_dead(const struct ns_session *s);
/* Disconnect (if still connected) and free everything s owns. */
void ns_session_free(struct ns_session *s);

#endif
