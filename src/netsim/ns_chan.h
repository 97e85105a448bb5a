/*
 * ns_chan: one "session" channel of a connection: a shell on a pty (the
 * simulated CLI), or an exec request, which the CLI answers on network
 * platforms and ns_exec (a bash) answers on Linux: stdout, stderr on the
 * extended-data stream, and the exit status. The channel writes within
 * the client's window and the device's trickle budget, and ends itself.
 */
#ifndef NS_CHAN_H
#define NS_CHAN_H

#include <stdint.h>

#include <libssh/libssh.h>

#include "ns_conn.h"

struct ns_chan;

/*
 * A new session channel on conn (not copied; must outlive it), its
 * callbacks set; NULL on failure. The channel is ns_chan_channel(ch),
 * to be accepted by libssh.
 */
struct ns_chan *ns_chan_new(struct ns_conn *conn);
ssh_channel ns_chan_channel(const struct ns_chan *ch);
/* Run the shell or the command, send its output, end the channel. */
int64_t ns_chan_tick(struct ns_chan *ch, int64_t now);
enum ns_chan_state ns_chan_state(const struct ns_chan *ch);
/* Free a channel closed both ways (NS_CH_DONE), its ssh_channel too. */
void ns_chan_free(struct ns_chan *ch);
/*
 * The connection is going away: free our state, send nothing; ssh_free()
 * frees the ssh_channel.
 */
void ns_chan_drop(struct ns_chan *ch);

#endif
