/*
 * tunnel: the way to a device through jump hosts (ProxyJump) and a
 * ProxyCommand, as a chain of links. The first link is TCP, or the
 * ProxyCommand's stdin/stdout; each jump host is a full SSH session
 * (transport: KEX, its host key checked against known_hosts like any
 * device's, its own auth) over the link before it, which then opens a
 * direct-tcpip channel to the next hop (or the device), pumped to a
 * socketpair (sshfwd); the device's session runs over the last one. The
 * pumps run inside every wait of the sessions above them (tunnel_pump()
 * moves the whole chain), so one device is one thread of control and
 * every wait is one poll() on a deadline.
 *
 * A failed hop fails the device with its own kind, jump, naming the hop
 * as "jump host LABEL (hop I of N): cause"; a hop's host key that changed or is
 * unknown keeps its hostkey-* kind, with the hop named the same way.
 *
 * Layering: connector, transport < tunnel < worker. Knows targets, not
 * devices. One thread; create after fork().
 */
#ifndef NC_TUNNEL_H
#define NC_TUNNEL_H

#include <stddef.h>
#include <stdint.h>

#include "connector.h"
#include "result.h"
#include "transport.h"

/* One jump host. The strings are borrowed until tunnel_close(). */
struct tunnel_hop {
	struct transport_target tg; /* its under is set by the tunnel */
	const char *label;	    /* the hop as the route names it */
	int64_t connect_ms;	    /* TCP, handshake and host key */
	int64_t auth_ms;
};

struct tunnel_spec {
	const struct tunnel_hop *hops; /* in connection order */
	size_t nhops;
	const char
	    *proxy_command; /* reaches hops[0] (or the device), or NULL */
	const char *host;   /* the device */
	unsigned port;
	int64_t connect_ms; /* the device's TCP connect, when no hop */
	int64_t deadline;   /* the device's overall deadline, 0 = none */
};

struct tunnel;

/*
 * Open every link up to the device: returns the fd the device's session
 * runs over (handed to transport_open(), which owns it, with
 * tunnel_pump() as its target's under), *tp set; or -1 with f filled
 * (jump, hostkey-*, or the TCP kinds when there is no hop and no
 * ProxyCommand) and *tp set all the same, to a tunnel that only answers
 * tunnel_new_hostkey() (the keys of the hops reached before the failure)
 * and tunnel_close(). With no hop and no ProxyCommand this is a plain
 * connector_tcp().
 */
int tunnel_open(
    const struct tunnel_spec *spec, struct tunnel **tp, struct failure *f);

/* What the device's session waits with (NULL for plain TCP). */
const struct connector_pump *tunnel_pump(struct tunnel *t);

/* Hop i's host key learnt in accept-new mode (a known_hosts line), or NULL. */
const char *tunnel_new_hostkey(const struct tunnel *t, size_t i);

/*
 * After the device's session failed with f (not after tunnel_open()
 * failed: it said why already): when a link under it broke
 * (a hop's connection or channel, the ProxyCommand ended), f becomes a
 * jump failure naming it; a ProxyCommand still running that wrote to
 * its stderr has that line added to f. Otherwise f stays.
 */
void tunnel_explain(struct tunnel *t, struct failure *f);

/*
 * Close every link, last hop first (the device's session must be closed
 * already), and end the ProxyCommand. NULL is fine.
 */
void tunnel_close(struct tunnel *t);

#endif
