/*
 * ns_link: what every kind of channel (a session channel, a direct-tcpip
 * forward) shares: its libssh channel and callbacks, its state as the
 * session sees it, whether the client's close has arrived, and output
 * sent within the client's window. A link is embedded in its channel's
 * struct and lives as long as it.
 */
#ifndef NS_LINK_H
#define NS_LINK_H

#include <stddef.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include "ns_conn.h"

struct ns_link {
	struct ns_conn *conn;
	ssh_channel ch;
	struct ssh_channel_callbacks_struct ccb;
	enum ns_chan_state st;
	int remote_closed; /* the client's close arrived */
};

/*
 * Start using ch for conn: the state is NS_CH_OPEN and l->ccb (its data,
 * EOF, close... functions set by the caller) is installed with userdata
 * as their argument; a window opening needs no callback of the caller's,
 * as the next tick sends.
 */
void ns_link_start(
    struct ns_link *l, struct ns_conn *conn, ssh_channel ch, void *userdata);

/*
 * The start of a tick: a closed link whose close the client has answered
 * is done. 1 while the link is open, else 0.
 */
int ns_link_settle(struct ns_link *l);

/* Send close: NS_CH_DONE if the client's close came already, else CLOSED. */
void ns_link_close(struct ns_link *l);

/*
 * Send up to len bytes of p on stdout (or stderr) within the client's
 * window: the bytes sent (0 while the window is shut), or -1 when the
 * connection failed.
 */
int ns_link_send(struct ns_link *l, int is_stderr, const char *p, size_t len);

/* No callback of the caller's runs after this (the channel stays). */
void ns_link_detach(struct ns_link *l);

#endif
