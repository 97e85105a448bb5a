/*
 * transport: one SSH session (libssh2, non-blocking) over an fd that a
 * connector made: handshake with our algorithm preferences, the host-key
 * check against known_hosts, user authentication (key file, agent,
 * password, keyboard-interactive), and then channels for a dialogue
 * (a pty shell, or exec channels). Every wait is poll() on the fd
 * against an absolute CLOCK_MONOTONIC deadline; nothing sleeps.
 *
 * Layering: util, result, knownhosts, channel, connector < transport <
 * worker. The transport knows an SSH target, not a device: a jump host
 * or a ProxyCommand target is a transport_target too, so transport.h
 * does not include inventory.h (the worker, above both, maps a device
 * onto a target).
 *
 * A transport belongs to one thread; create it after fork(), never share
 * one across a fork.
 */
#ifndef NC_TRANSPORT_H
#define NC_TRANSPORT_H

#include <stdint.h>

#include "channel.h"
#include "connector.h"
#include "knownhosts.h"
#include "result.h"

struct buf;

/*
 * Where and as whom. The strings are borrowed: they must stay valid
 * until transport_close() (passwords are wiped by their owner, not here).
 */
struct transport_target {
	const char *host; /* name or address; also the known_hosts name */
	unsigned port;	  /* 0 means 22 */
	const char *username;
	const char *password;	      /* or NULL */
	const char *const *key_files; /* tried in this order (n may be 0) */
	size_t nkey_files;
	int skip_missing_keys; /* pass over key files that are not there */
	const char *passphrase;
	int use_agent;
	/* "kex=a,b;hostkey=c;cipher=d;mac=e" replaces lists, or NULL. */
	const char *algorithms;
	enum hostkey_mode hostkey_mode; /* DEFAULT means ACCEPT_NEW */
	const char *known_hosts;	/* NULL: ~/.ssh/known_hosts */
	int64_t deadline; /* the device's overall deadline, 0 = none */
	/* What lies under the fd (a jump host, a ProxyCommand), or NULL. */
	const struct connector_pump *under;
};

struct transport;

/*
 * libssh2's global state and a warm-up of the OpenSSL algorithms every
 * session uses, once per process, before any fork() or thread: with
 * warm set, OpenSSL 3 builds its algorithm caches here and forked
 * workers inherit them instead of each building its own. Returns 0, or
 * -1 when libssh2 cannot start. Pair with transport_global_exit().
 */
int transport_global_init(int warm);
void transport_global_exit(void);

/*
 * Start SSH over fd (taken over: closed by transport_close(), or here on
 * failure): our algorithm preferences, the handshake and the host-key
 * check, all by deadline. Returns NULL with f filled (ssh,
 * connect-timeout, hostkey-unknown, hostkey-changed).
 */
struct transport *transport_open(int fd, const struct transport_target *tg,
    int64_t deadline, struct failure *f);

/*
 * Authenticate by deadline with what the target has, in this order:
 * key files, agent, password, keyboard-interactive (each only if the
 * server offers it). Returns 0, or -1 with f filled (auth).
 */
int transport_auth(struct transport *t, int64_t deadline, struct failure *f);

/*
 * For -v: what the handshake agreed on ("kex curve25519-sha256, host key
 * ssh-ed25519, cipher aes128-ctr, mac hmac-sha2-256, compression none,
 * fingerprint SHA256:..."), after transport_open(); and how the login
 * went ("user admin, server offers publickey,password, tried password,
 * accepted password"), after transport_auth(). Appended to b; no secret
 * is ever part of either.
 */
void transport_trace_kex(const struct transport *t, struct buf *b);
void transport_trace_auth(const struct transport *t, struct buf *b);

/*
 * In accept-new mode, when the host's key was not known: the line to
 * append to known_hosts ("[host]:port type base64\n", or "host ..." for
 * port 22). NULL otherwise. Owned by the transport.
 */
const char *transport_new_hostkey(const struct transport *t);

/*
 * The channels of this authenticated session (a vt100 pty shell of
 * 511x1000, or exec channels), valid until transport_close(). Every
 * channel must be closed before the transport.
 */
const struct channel_source *transport_channels(struct transport *t);

/*
 * Through this authenticated session (a jump host), a direct-tcpip
 * channel to host:port pumped to a socketpair: returns the fd for the
 * next session (the caller owns it and hands it to transport_open()), or
 * -1 with f filled (ssh, connect-timeout). At most one per transport;
 * closed by transport_close(), which must come after the next session's.
 */
int transport_forward(struct transport *t, const char *host, unsigned port,
    int64_t deadline, struct failure *f);

/*
 * The pump the session over transport_forward()'s fd must wait with
 * (target.under): it moves that forward and everything under it.
 */
const struct connector_pump *transport_pump(struct transport *t);

/* Why the forward broke (owned by t), or NULL while it holds. */
const char *transport_broken(const struct transport *t);

/*
 * Say goodbye (SSH disconnect), free and close the fd; bounded by half a
 * second and the target's deadline. NULL is fine.
 */
void transport_close(struct transport *t);

#endif
