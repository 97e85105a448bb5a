/*
 * session: one device over SSH (libssh2, non-blocking), as a network
 * engineer drives it: connect, handshake, host-key check, auth, pty shell,
 * prompt, paging off, enable, then commands whose cleaned output matches
 * Netmiko's send_command. Every wait is poll() against an absolute
 * monotonic deadline. A session belongs to one thread; create it after
 * fork() (never share one across a fork).
 */
#ifndef NC_SESSION_H
#define NC_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "knownhosts.h"
#include "platform.h"
#include "result.h"

struct session_opts {
	const char *name; /* device name, for the session log only */
	const char *host;
	unsigned port;
	const char *username;
	const char *password;
	const char *secret;
	const char *key_file;
	const char *passphrase;
	int use_agent;
	const struct platform *platform;
	int64_t connect_timeout_ms;	/* default 10 s when 0 */
	int64_t auth_timeout_ms;	/* default 15 s when 0 */
	int64_t read_timeout_ms;	/* per command, default 30 s when 0 */
	int64_t deadline;		/* absolute monotonic ns, 0 = none */
	enum hostkey_mode hostkey_mode; /* DEFAULT means ACCEPT_NEW */
	const char *known_hosts;	/* NULL: ~/.ssh/known_hosts */
	const char *session_log; /* file to write raw reads to, or NULL */
	size_t max_output;	 /* per command, default 256 MiB when 0 */
	const char *algorithms; /* "kex=a,b;hostkey=c;cipher=d;mac=e" or NULL */
};

/*
 * A failure: one kind and one line (without the device name). When
 * session_open() fails, t holds the stages reached, the failing one with
 * the time it took before failing.
 */
struct session_error {
	enum err_kind kind;
	char msg[512];
	struct timings t;
};

struct session;

/*
 * Log in and get the device ready for commands (through enable when the
 * platform has it and the device is in user mode). Returns NULL with err
 * filled on failure; nothing to free then.
 */
struct session *session_open(
    const struct session_opts *opts, struct session_error *err);

/*
 * Run one command and return its cleaned output in *out (malloc'd,
 * NUL-terminated, caller frees) with its length in *outlen. Device error
 * text is output, not failure. Returns 0, or -1 with err filled (the
 * partial output, if any, is still returned in *out).
 */
int session_run(struct session *s, const char *cmd, char **out, size_t *outlen,
    struct session_error *err);

/*
 * In accept-new mode, when the host's key was not known: the line to
 * append to known_hosts ("[host]:port type base64\n" or "host type ..."
 * for port 22). NULL otherwise. Owned by the session.
 */
const char *session_new_hostkey(const struct session *s);

/* Connect/auth/enable durations so far (commands and total left 0). */
void session_timings(const struct session *s, struct timings *t);

/* Say goodbye (exit command), close and free. NULL is fine. */
void session_close(struct session *s);

#endif
