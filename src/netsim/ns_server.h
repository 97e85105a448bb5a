/*
 * ns_server: the SSH side of netsim. One process, one poll() over every
 * listener, every session and the caller's signal pipe; sessions are
 * driven by libssh callbacks plus ns_server_tick(), which runs timers,
 * moves output into channels, frees finished sessions and accepts.
 */
#ifndef NS_SERVER_H
#define NS_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "ns_device.h"

struct ns_server;

/*
 * Create the server for devs (not copied; must outlive it): host keys
 * (loaded from or saved to host_key when not NULL; an RSA key beside it,
 * "host_key.rsa", when a device is legacy), SSH settings. NULL with a
 * message in err on failure.
 */
struct ns_server *ns_server_new(struct ns_device *devs, size_t n,
    const char *host_key, char *err, size_t errlen);
/*
 * Bind and listen on every device's address; port 0 gets a free port,
 * written back to the device. 0, or -1 with a message naming the device.
 */
int ns_server_listen(struct ns_server *srv, char *err, size_t errlen);
/*
 * One poll() over the listeners, every session and extra_fd (the signal
 * pipe), up to timeout ms; runs the libssh callbacks of the sessions that
 * have input. Returns nonzero when extra_fd is readable.
 */
int ns_server_poll(struct ns_server *srv, int extra_fd, int timeout);
/* Run timers, key exchanges, output, accepts; the next deadline or 0. */
int64_t ns_server_tick(struct ns_server *srv, int64_t now);
/* The counters so far (owned by srv). */
const struct ns_stats *ns_server_stats(const struct ns_server *srv);
/* Disconnect and free every session; the counters stay. */
void ns_server_end_sessions(struct ns_server *srv);
/* End every session, close the listeners, free srv (NULL is fine). */
void ns_server_free(struct ns_server *srv);
/* CLOCK_MONOTONIC in ms: the time base of every deadline. */
int64_t ns_now_ms(void);

#endif
