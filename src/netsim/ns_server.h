/*
 * server: the SSH side of netsim. One ssh_event polls every listener and
 * every session; sessions are driven by libssh callbacks plus
 * server_tick(), which runs timers and moves output into channels.
 */
#ifndef NETSIM_SERVER_H
#define NETSIM_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include <libssh/libssh.h>

#include "ns_device.h"

struct server;

/*
 * Create the server for devs (not copied; must outlive it): host keys
 * (loaded from or saved to host_key when not NULL), binds, event. NULL
 * with a message in err on failure.
 */
struct server *server_new(struct device *devs, size_t n, const char *host_key,
    char *err, size_t errlen);
/* Bind and listen on every device's address; port 0 gets a free port. */
int server_listen(struct server *srv, char *err, size_t errlen);
/*
 * One poll() over the listeners, every session and extra_fd (the signal
 * pipe), up to timeout ms; runs the libssh callbacks of the sessions that
 * have input. Returns nonzero when extra_fd is readable.
 */
int server_poll(struct server *srv, int extra_fd, int timeout);
/* Run timers, key exchanges, output; return the next deadline or 0. */
int64_t server_tick(struct server *srv, int64_t now);
void server_free(struct server *srv);

#endif
