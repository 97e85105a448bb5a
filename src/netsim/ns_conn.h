/*
 * ns_conn: what the channels of one SSH connection share with it (the
 * session owns it; channels keep a pointer for their lifetime), and the
 * life of a channel as the session sees it.
 */
#ifndef NS_CONN_H
#define NS_CONN_H

#include <stdint.h>

#include <libssh/libssh.h>

#include "ns_device.h"

struct ns_conn {
	struct ns_device *dev;
	struct ns_stats *stats;
	ssh_session ssh;
	int authed;
	int64_t now; /* of the poll or tick being handled */
};

enum ns_chan_state {
	NS_CH_OPEN,   /* in use */
	NS_CH_CLOSED, /* we sent close; the client's is still to come */
	NS_CH_DONE,   /* closed both ways: free it */
	NS_CH_DROP,   /* a fault: drop the whole connection now */
	NS_CH_ERROR,  /* the connection failed under this channel */
};

#endif
