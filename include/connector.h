/*
 * connector: the step before SSH, which yields a connected, non-blocking,
 * close-on-exec fd that a transport then runs KEX, host-key checking and
 * auth over. The transport never cares where the fd leads, so the
 * connect step can be swapped: today a TCP connection; next one end of a
 * socketpair whose other end the worker pumps to a direct-tcpip channel
 * of a jump host (ProxyJump), or a ProxyCommand's stdin/stdout.
 *
 * Layering: below transport and worker; knows nothing of devices.
 * Safe after fork() and in threads (getaddrinfo is thread-safe).
 */
#ifndef NC_CONNECTOR_H
#define NC_CONNECTOR_H

#include <stdint.h>

#include "result.h"

/*
 * TCP to host (a name or an address) and port: every address
 * getaddrinfo gives, in order, until one connects or deadline (absolute
 * monotonic ns, 0 = none) passes. TCP_NODELAY is set. Returns the fd,
 * or -1 with f filled: dns, refused, unreachable or connect-timeout.
 */
int connector_tcp(
    const char *host, unsigned port, int64_t deadline, struct failure *f);

#endif
