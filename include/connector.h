/*
 * connector: the step before SSH, which yields a connected, non-blocking,
 * close-on-exec fd that a transport then runs KEX, host-key checking and
 * auth over. The transport never cares where the fd leads: a TCP
 * connection (every address of a name, IPv4 or IPv6), a ProxyCommand's
 * stdin/stdout (here), or one end of a socketpair pumped to a jump host's
 * direct-tcpip channel (sshfwd, chained by tunnel). What lies under a
 * socket and must keep moving while the session over it waits is a
 * connector_pump.
 *
 * Layering: below sshchan, transport and worker; knows nothing of
 * devices. Safe after fork() and in threads (getaddrinfo is
 * thread-safe, the ProxyCommand is started with posix_spawn).
 */
#ifndef NC_CONNECTOR_H
#define NC_CONNECTOR_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "result.h"

/*
 * What else must keep moving while a session waits: the links under its
 * socket (a jump host's direct-tcpip channel pumped into it, a
 * ProxyCommand's stderr). Its fds join every poll of the session, and
 * after each poll it runs until it moves nothing more. A session with
 * nothing under its socket but the kernel has none (NULL).
 */
struct connector_pump {
	void *ctx;
	/* Put at most max pollfds into p (events set): how many. */
	size_t (*prepare)(void *ctx, struct pollfd *p, size_t max);
	/*
	 * Move what can move without blocking (p[0..n) as prepare filled
	 * them, revents set by the poll). Nonzero when anything moved.
	 */
	int (*run)(void *ctx, const struct pollfd *p, size_t n);
};

/* Most pollfds a pump may add (two per jump host, and a ProxyCommand). */
#define CONNECTOR_PUMP_FDS 40

/*
 * TCP to host (a name or an address) and port: every address
 * getaddrinfo gives, in order, until one connects or deadline (absolute
 * monotonic ns, 0 = none) passes. TCP_NODELAY is set. Returns the fd,
 * or -1 with f filled: dns, refused, unreachable or connect-timeout.
 */
int connector_tcp(
    const char *host, unsigned port, int64_t deadline, struct failure *f);

struct connector_proxy;

/*
 * Start a ProxyCommand (/bin/sh -c cmd, started as shcmd.h says) with one
 * end of a socketpair as its stdin and stdout and a pipe as its stderr.
 * Returns our end of the socketpair, for the SSH session, with *px set;
 * or -1 with f filled (internal). The session waits with
 * connector_proxy_pump(), which keeps the last of its stderr.
 */
int connector_proxy(
    const char *cmd, struct connector_proxy **px, struct failure *f);
const struct connector_pump *connector_proxy_pump(struct connector_proxy *px);

/*
 * After a failure of the session over it: what the command says. When it
 * has ended (waiting for that until deadline at most), "ProxyCommand
 * exited 255: <the last line of its stderr>" (or "killed by signal N")
 * and 1; when it runs on but wrote to stderr, that last line and 0; else
 * nothing ("") and 0. The line's control bytes are escaped.
 */
int connector_proxy_status(
    struct connector_proxy *px, int64_t deadline, char *why, size_t whylen);

/*
 * End it: SIGTERM, and SIGKILL if it has not gone within a second; then
 * reap it and close our fds. NULL is fine.
 */
void connector_proxy_close(struct connector_proxy *px);

#endif
