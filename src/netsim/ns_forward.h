/*
 * ns_forward: a direct-tcpip channel, which makes every device a jump
 * host: the target must be on loopback (127.0.0.0/8, ::1, "localhost"),
 * is connected without blocking, and bytes are pumped both ways within
 * the client's window, with EOF and close passed on in each direction.
 */
#ifndef NS_FORWARD_H
#define NS_FORWARD_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

#include "ns_conn.h"

struct ns_forward;

/*
 * Answer the direct-tcpip open request m on conn. Returns the accepted
 * forward (counted in stats->forwarded), or NULL when the target is not
 * loopback or cannot be connected (logged; the caller lets libssh send
 * its refusal).
 */
struct ns_forward *ns_forward_open(struct ns_conn *conn, ssh_message m);
/* At most how many pollfd entries it needs: 1 while the target is open. */
size_t ns_forward_nfds(const struct ns_forward *f);
/* Fill *p if the target socket is to be polled now; 1 if so, else 0. */
int ns_forward_pollfd(struct ns_forward *f, struct pollfd *p);
/* What poll() saw in *p, if it was filled; returns 1 if so, else 0. */
int ns_forward_events(struct ns_forward *f, const struct pollfd *p);
/* Move bytes, pass EOF and close on; the next deadline (always 0). */
int64_t ns_forward_tick(struct ns_forward *f, int64_t now);
enum ns_chan_state ns_forward_state(const struct ns_forward *f);
/* Free a forward closed both ways (NS_CH_DONE), its ssh_channel too. */
void ns_forward_free(struct ns_forward *f);
/* The connection is going away: close the target, free, send nothing. */
void ns_forward_drop(struct ns_forward *f);

#endif
