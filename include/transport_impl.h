/*
 * transport_impl: what transport.c (the session: handshake, host key,
 * channels, forwarding) and transport_auth.c (the login methods) share.
 * Private to those two files; everyone else sees include/transport.h.
 */
#ifndef NC_TRANSPORT_IMPL_H
#define NC_TRANSPORT_IMPL_H

#include <stdint.h>

#include <libssh2.h>

#include "transport.h"

struct transport {
	const struct transport_target *tg;
	const char *host;
	unsigned port;
	const char *username;
	int fd;
	LIBSSH2_SESSION *ssh;
	struct libssh2_agent_publickey *agent_id; /* identity being tried */
	LIBSSH2_AGENT *agent;
	char fingerprint[80];
	char *new_hostkey;
	char *offered;	    /* the server's auth methods, for the trace */
	char tried[128];    /* our methods tried, in order */
	const char *method; /* the one that got in, or NULL */
	struct channel_source src;
	struct sshfwd *fwd;   /* transport_forward()'s, or NULL */
	const char *key_file; /* the key file being tried */
};

/* libssh2's last error on t's session, as text. */
const char *transport_errmsg(struct transport *t);

/*
 * Wait until t's socket is ready in the directions libssh2 asks for (the
 * pump under it runs too): 0, or -1 at the deadline.
 */
int transport_wait(struct transport *t, int64_t deadline);

#endif
