/*
 * sshfwd: a direct-tcpip channel of one SSH session (a jump host's)
 * pumped to one end of a socketpair, so that the next SSH session, which
 * libssh2 1.10 can only run over a socket, runs over the other end.
 *
 * The pump has no thread and no loop of its own: it is a connector_pump
 * that every wait of the next session runs (sshchan_wait), so bytes move
 * whenever that session waits, and only then. It covers the links under
 * its own session too (its pump includes theirs), so the last forward of
 * a chain of jump hosts moves the whole chain.
 *
 * Layering: connector, sshchan < sshfwd < transport. One thread; the
 * forward lives inside the session it was opened on and must be freed
 * before that session.
 */
#ifndef NC_SSHFWD_H
#define NC_SSHFWD_H

#include <stdint.h>

#include <libssh2.h>

#include "connector.h"
#include "result.h"

struct sshfwd;

/*
 * Ask ssh (an authenticated session over fd, with under below fd, or
 * NULL) for a direct-tcpip channel to host:port, by deadline, and make
 * the socketpair: *sock is the end for the next session (non-blocking,
 * close-on-exec, owned by the caller). Returns the forward, or NULL with
 * f filled (ssh: the hop refused or could not connect; connect-timeout).
 */
struct sshfwd *sshfwd_open(LIBSSH2_SESSION *ssh, int fd,
    const struct connector_pump *under, const char *host, unsigned port,
    int64_t deadline, int *sock, struct failure *f);

/* The pump the next session waits with: this forward and all under it. */
const struct connector_pump *sshfwd_pump(struct sshfwd *fw);

/*
 * Why the link broke (the jump host's connection lost, its channel
 * failed), owned by fw; NULL while it holds. The far end closing the
 * channel is not a break: the next session sees its own EOF.
 */
const char *sshfwd_broken(const struct sshfwd *fw);

/*
 * Close the channel (waiting at most until deadline) and our end of the
 * socketpair, and free. NULL is fine.
 */
void sshfwd_free(struct sshfwd *fw, int64_t deadline);

#endif
