/*
 * session: one device over libssh2 in non-blocking mode. Every wait is a
 * poll() on the socket in the directions libssh2 asks for, against an
 * absolute monotonic deadline (the stage's timeout capped by the
 * caller's overall deadline); there is no sleep anywhere. Input from the
 * shell accumulates in s->in; a read ends only when the last line of that
 * buffer is the device's prompt (screen.c decides), so prompt-like text
 * inside output cannot end it early. The text logic lives in screen.c,
 * host-key decisions in knownhosts.c. Secrets are copied in, masked in
 * the session log, and wiped when the session is freed.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libssh2.h>

#include "knownhosts.h"
#include "screen.h"
#include "session.h"
#include "util.h"

#define DEF_CONNECT_MS 10000
#define DEF_AUTH_MS 15000
#define DEF_READ_MS 30000
#define DEF_MAX_OUTPUT ((size_t)256 << 20)
#define PTY_COLS 511
#define PTY_ROWS 1000
#define READ_CHUNK 32768
#define PROMPT_TRIES 5

/*
 * The ciphers libssh2 1.10 offers minus those OpenSSL 3's default
 * provider cannot start (blowfish, arcfour, cast128).
 */
static const char default_ciphers[] =
    "aes128-ctr,aes192-ctr,aes256-ctr,aes256-cbc,"
    "rijndael-cbc@lysator.liu.se,aes192-cbc,aes128-cbc,3des-cbc";
static const char default_hostkeys[] =
    "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
    "ssh-ed25519,ssh-rsa,ssh-dss";

struct session {
	const struct platform *pf;
	char *host;
	unsigned port;
	char *username;
	char *password;
	char *secret;
	int fd;
	LIBSSH2_SESSION *ssh;
	LIBSSH2_CHANNEL *ch;
	struct screen_re *prompt_re;
	struct screen_re *secret_re;
	char *prompt;	   /* the exact current prompt line */
	char *base_prompt; /* the prompt without its terminator */
	struct buf in;	   /* bytes read and not yet consumed */
	int64_t deadline;  /* caller's overall deadline, 0 = none */
	int64_t read_ms;
	size_t max_output;
	int ansi;
	int kbd_rounds;
	char fingerprint[80];
	char *new_hostkey;
	struct timings t;
	int logfd;
	struct screen_mask mask;
};

static void seterr(struct session_error *err, enum err_kind kind,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
seterr(struct session_error *err, enum err_kind kind, const char *fmt, ...)
{
	va_list ap;

	err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

/* libssh2's last error text, for messages. */
static const char *
ssh_errmsg(struct session *s)
{
	char *msg = NULL;

	libssh2_session_last_error(s->ssh, &msg, NULL, 0);
	return msg != NULL && msg[0] != '\0' ? msg : "unknown error";
}

static int64_t
stage_deadline(struct session *s, int64_t ms)
{
	return deadline_min(mono_ns() + ms * NS_PER_MS, s->deadline);
}

/*
 * Wait until libssh2 can make progress or the deadline passes. Returns
 * 0, or -1 on timeout.
 */
static int
wait_socket(struct session *s, int64_t deadline)
{
	struct pollfd pfd;
	int dir, ms, rc;

	for (;;) {
		dir = libssh2_session_block_directions(s->ssh);
		pfd.fd = s->fd;
		pfd.events = 0;
		if (dir & LIBSSH2_SESSION_BLOCK_INBOUND)
			pfd.events |= POLLIN;
		if (dir & LIBSSH2_SESSION_BLOCK_OUTBOUND)
			pfd.events |= POLLOUT;
		if (pfd.events == 0)
			pfd.events = POLLIN;
		ms = deadline_poll_ms(deadline);
		if (ms == 0)
			return -1;
		rc = poll(&pfd, 1, ms);
		if (rc > 0)
			return 0;
		if (rc == 0)
			return -1;
		if (errno != EINTR)
			return -1;
	}
}

static void
log_raw(struct session *s, const char *p, size_t n)
{
	struct buf out;

	if (s->logfd < 0)
		return;
	buf_init(&out);
	screen_mask_feed(&s->mask, p, n, &out);
	if (out.len > 0 && write_all(s->logfd, out.data, out.len) == -1) {
		close(s->logfd);
		s->logfd = -1;
	}
	buf_free(&out);
}

/*
 * Read what the channel has into s->in, waiting until the deadline for at
 * least one byte. Returns bytes read (> 0), -1 on timeout, -2 when the
 * device closed the session (err filled for -2).
 */
static int
read_some(struct session *s, int64_t deadline, struct session_error *err)
{
	ssize_t n;
	size_t total = 0;
	char *p;

	for (;;) {
		p = buf_reserve(&s->in, READ_CHUNK);
		n = libssh2_channel_read(s->ch, p, READ_CHUNK);
		if (n > 0) {
			log_raw(s, p, (size_t)n);
			s->in.len += (size_t)n;
			s->in.data[s->in.len] = '\0';
			total += (size_t)n;
			if (total >= 4 * READ_CHUNK)
				return (int)total;
			continue;
		}
		if (n == LIBSSH2_ERROR_EAGAIN || n == 0) {
			if (libssh2_channel_eof(s->ch)) {
				if (total > 0)
					return (int)total;
				seterr(err, ERR_CLOSED,
				    "device closed the session");
				return -2;
			}
			if (n == 0 && total == 0)
				continue;
			if (total > 0)
				return (int)total;
			if (wait_socket(s, deadline) == -1)
				return -1;
			continue;
		}
		if (total > 0)
			return (int)total;
		seterr(err, ERR_CLOSED, "connection lost: %s", ssh_errmsg(s));
		return -2;
	}
}

/* Write all of p to the shell. Returns 0, -1 on timeout, -2 closed. */
static int
send_raw(struct session *s, const char *p, size_t len, int64_t deadline,
    struct session_error *err)
{
	ssize_t n;

	while (len > 0) {
		n = libssh2_channel_write(s->ch, p, len);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n == LIBSSH2_ERROR_EAGAIN || n == 0) {
			if (wait_socket(s, deadline) == -1)
				return -1;
			continue;
		}
		seterr(err, ERR_CLOSED, "connection lost while sending: %s",
		    ssh_errmsg(s));
		return -2;
	}
	return 0;
}

static int
send_line(struct session *s, const char *line, int64_t deadline,
    struct session_error *err)
{
	int rc;

	if ((rc = send_raw(s, line, strlen(line), deadline, err)) != 0)
		return rc;
	return send_raw(s, "\n", 1, deadline, err);
}

/* Non-blocking connect to one address. Returns fd, or -1 with errno. */
static int
connect_one(const struct addrinfo *ai, int64_t deadline)
{
	struct pollfd pfd;
	socklen_t elen = sizeof(int);
	int fd, rc, soerr = 0, ms;

	fd = socket(ai->ai_family,
	    ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
	if (fd == -1)
		return -1;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno != EINPROGRESS)
		goto fail;
	pfd.fd = fd;
	pfd.events = POLLOUT;
	for (;;) {
		ms = deadline_poll_ms(deadline);
		if (ms == 0) {
			errno = ETIMEDOUT;
			goto fail;
		}
		rc = poll(&pfd, 1, ms);
		if (rc > 0)
			break;
		if (rc == 0) {
			errno = ETIMEDOUT;
			goto fail;
		}
		if (errno != EINTR)
			goto fail;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &elen) == -1)
		goto fail;
	if (soerr != 0) {
		errno = soerr;
		goto fail;
	}
	return fd;
fail:
	rc = errno;
	close(fd);
	errno = rc;
	return -1;
}

static int
tcp_connect(struct session *s, int64_t deadline, struct session_error *err)
{
	struct addrinfo hints, *res = NULL, *ai;
	char portstr[16];
	int rc, fd = -1, lasterr = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG;
	snprintf(portstr, sizeof(portstr), "%u", s->port);
	rc = getaddrinfo(s->host, portstr, &hints, &res);
	if (rc == EAI_ADDRFAMILY || rc == EAI_NONAME || rc == EAI_FAMILY) {
		/* AI_ADDRCONFIG hides loopback-only families; try without. */
		hints.ai_flags = 0;
		rc = getaddrinfo(s->host, portstr, &hints, &res);
	}
	if (rc != 0) {
		seterr(err, ERR_DNS, "cannot resolve %s: %s", s->host,
		    rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = connect_one(ai, deadline);
		if (fd != -1)
			break;
		lasterr = errno;
		if (lasterr == ETIMEDOUT)
			break;
	}
	freeaddrinfo(res);
	if (fd != -1) {
		int one = 1;

		/* Small interactive writes: Nagle would add delayed-ACK waits. */
		(void)setsockopt(
		    fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		s->fd = fd;
		return 0;
	}
	switch (lasterr) {
	case ECONNREFUSED:
		seterr(err, ERR_REFUSED, "connection to %s port %u refused",
		    s->host, s->port);
		break;
	case EHOSTUNREACH:
	case ENETUNREACH:
	case EHOSTDOWN:
	case ENETDOWN:
		seterr(err, ERR_UNREACHABLE, "%s port %u unreachable: %s",
		    s->host, s->port, strerror(lasterr));
		break;
	case ETIMEDOUT:
		seterr(err, ERR_CONNECT_TIMEOUT,
		    "connection to %s port %u timed out", s->host, s->port);
		break;
	default:
		seterr(err, ERR_UNREACHABLE, "cannot connect to %s port %u: %s",
		    s->host, s->port, strerror(lasterr));
		break;
	}
	return -1;
}

/* Apply "kex=..;hostkey=..;cipher=..;mac=.." over our defaults. */
static int
set_algorithms(struct session *s, const char *spec, const char *known_algs,
    struct session_error *err)
{
	char *copy = NULL, *item, *save = NULL, *val, *hk = NULL;
	const char *cipher = default_ciphers;
	int rc = -1, have_hk = 0;

	if (spec != NULL) {
		copy = xstrdup(spec);
		for (item = strtok_r(copy, ";", &save); item != NULL;
		     item = strtok_r(NULL, ";", &save)) {
			int type;

			if ((val = strchr(item, '=')) == NULL)
				goto bad;
			*val++ = '\0';
			if (strcmp(item, "kex") == 0)
				type = LIBSSH2_METHOD_KEX;
			else if (strcmp(item, "hostkey") == 0) {
				type = LIBSSH2_METHOD_HOSTKEY;
				have_hk = 1;
			} else if (strcmp(item, "cipher") == 0) {
				cipher = NULL;
				if (libssh2_session_method_pref(s->ssh,
					LIBSSH2_METHOD_CRYPT_CS, val) < 0 ||
				    libssh2_session_method_pref(s->ssh,
					LIBSSH2_METHOD_CRYPT_SC, val) < 0)
					goto unsupported;
				continue;
			} else if (strcmp(item, "mac") == 0) {
				if (libssh2_session_method_pref(s->ssh,
					LIBSSH2_METHOD_MAC_CS, val) < 0 ||
				    libssh2_session_method_pref(
					s->ssh, LIBSSH2_METHOD_MAC_SC, val) < 0)
					goto unsupported;
				continue;
			} else
				goto bad;
			if (libssh2_session_method_pref(s->ssh, type, val) < 0)
				goto unsupported;
		}
	}
	if (cipher != NULL &&
	    (libssh2_session_method_pref(
		 s->ssh, LIBSSH2_METHOD_CRYPT_CS, cipher) < 0 ||
		libssh2_session_method_pref(
		    s->ssh, LIBSSH2_METHOD_CRYPT_SC, cipher) < 0)) {
		seterr(err, ERR_SSH, "cannot set cipher preferences");
		goto out;
	}
	if (!have_hk && known_algs != NULL && known_algs[0] != '\0') {
		/* Ask first for a key type we can verify. */
		hk = xasprintf("%s,%s", known_algs, default_hostkeys);
		if (libssh2_session_method_pref(
			s->ssh, LIBSSH2_METHOD_HOSTKEY, hk) < 0) {
			seterr(err, ERR_SSH, "cannot set host key preferences");
			goto out;
		}
	}
	rc = 0;
	goto out;
bad:
	seterr(err, ERR_SSH,
	    "bad algorithms '%s' (want kex=..;hostkey=..;cipher=..;mac=..)",
	    spec);
	goto out;
unsupported:
	seterr(err, ERR_SSH, "no supported algorithm in '%s'", val);
out:
	free(copy);
	free(hk);
	return rc;
}

static int
handshake(struct session *s, int64_t deadline, struct session_error *err)
{
	int rc;

	while ((rc = libssh2_session_handshake(s->ssh, s->fd)) ==
	    LIBSSH2_ERROR_EAGAIN) {
		if (wait_socket(s, deadline) == -1) {
			seterr(err, ERR_CONNECT_TIMEOUT,
			    "SSH handshake with %s port %u timed out", s->host,
			    s->port);
			return -1;
		}
	}
	if (rc != 0) {
		seterr(err, ERR_SSH, "SSH handshake failed: %s", ssh_errmsg(s));
		return -1;
	}
	return 0;
}

static int
check_hostkey(struct session *s, struct knownhosts *kh,
    const struct session_opts *o, struct session_error *err)
{
	const char *key;
	size_t keylen;
	int type;
	enum hostkey_mode mode = o->hostkey_mode;
	char known_fp[80];

	key = libssh2_session_hostkey(s->ssh, &keylen, &type);
	if (key == NULL) {
		seterr(
		    err, ERR_SSH, "no host key from server: %s", ssh_errmsg(s));
		return -1;
	}
	knownhosts_fingerprint(
	    key, keylen, s->fingerprint, sizeof(s->fingerprint));
	if (mode == HOSTKEY_OFF || kh == NULL)
		return 0;
	switch (knownhosts_check(kh, s->host, s->port, key, keylen, type,
	    known_fp, sizeof(known_fp))) {
	case KH_MATCH:
		return 0;
	case KH_MISMATCH:
		seterr(err, ERR_HOSTKEY_CHANGED,
		    "host key for %s port %u changed: known %s, offered %s %s",
		    s->host, s->port, known_fp,
		    knownhosts_type_name(type) ? knownhosts_type_name(type)
					       : "?",
		    s->fingerprint);
		return -1;
	case KH_NOTFOUND:
		if (mode == HOSTKEY_STRICT) {
			seterr(err, ERR_HOSTKEY_UNKNOWN,
			    "host key for %s port %u is not known (%s %s)",
			    s->host, s->port,
			    knownhosts_type_name(type)
				? knownhosts_type_name(type)
				: "?",
			    s->fingerprint);
			return -1;
		}
		s->new_hostkey =
		    knownhosts_line(s->host, s->port, key, keylen, type);
		return 0;
	case KH_FAILURE:
		break;
	}
	seterr(err, ERR_SSH, "cannot check host key of type %d", type);
	return -1;
}

static LIBSSH2_USERAUTH_KBDINT_RESPONSE_FUNC(kbd_answer)
{
	struct session *s = *abstract;
	int i;

	(void)name;
	(void)name_len;
	(void)instruction;
	(void)instruction_len;
	s->kbd_rounds++;
	/* Every prompt gets the password: devices ask "Password:" only. */
	(void)prompts;
	for (i = 0; i < num_prompts; i++) {
		responses[i].text = strdup(s->password ? s->password : "");
		responses[i].length =
		    responses[i].text ? (unsigned)strlen(responses[i].text) : 0;
	}
}

static int
has_method(const char *list, const char *m)
{
	size_t n = strlen(m);
	const char *p = list;

	while ((p = strstr(p, m)) != NULL) {
		if ((p == list || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/* Wait for auth progress; -1 with err set on timeout. */
static int
auth_wait(struct session *s, int64_t deadline, struct session_error *err)
{
	if (wait_socket(s, deadline) == -1) {
		seterr(err, ERR_AUTH, "authentication timed out");
		return -1;
	}
	return 0;
}

static int
auth_publickey(struct session *s, const struct session_opts *o,
    int64_t deadline, struct session_error *err)
{
	int rc;

	if (access(o->key_file, R_OK) == -1) {
		seterr(err, ERR_AUTH, "bad key file %s: %s", o->key_file,
		    strerror(errno));
		return -1;
	}
	while ((rc = libssh2_userauth_publickey_fromfile_ex(s->ssh, s->username,
		    (unsigned)strlen(s->username), NULL, o->key_file,
		    o->passphrase)) == LIBSSH2_ERROR_EAGAIN)
		if (auth_wait(s, deadline, err) == -1)
			return -1;
	if (rc == 0)
		return 0;
	if (rc == LIBSSH2_ERROR_FILE ||
	    rc == LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED) {
		if (o->passphrase != NULL && o->passphrase[0] != '\0')
			seterr(err, ERR_AUTH,
			    "wrong passphrase or bad key file %s", o->key_file);
		else
			seterr(err, ERR_AUTH,
			    "bad key file %s (or it needs a passphrase): %s",
			    o->key_file, ssh_errmsg(s));
		return -1;
	}
	if (rc == LIBSSH2_ERROR_AUTHENTICATION_FAILED ||
	    rc == LIBSSH2_ERROR_PUBLICKEY_UNRECOGNIZED)
		return 1;
	seterr(err, ERR_AUTH, "publickey auth failed: %s", ssh_errmsg(s));
	return -1;
}

static int
auth_agent(struct session *s, int64_t deadline, struct session_error *err)
{
	LIBSSH2_AGENT *ag;
	struct libssh2_agent_publickey *id = NULL, *prev = NULL;
	int rc, result = 1;

	if ((ag = libssh2_agent_init(s->ssh)) == NULL)
		return 1;
	if (libssh2_agent_connect(ag) != 0 ||
	    libssh2_agent_list_identities(ag) != 0)
		goto out;
	while (libssh2_agent_get_identity(ag, &id, prev) == 0) {
		while ((rc = libssh2_agent_userauth(ag, s->username, id)) ==
		    LIBSSH2_ERROR_EAGAIN)
			if (auth_wait(s, deadline, err) == -1) {
				result = -1;
				goto out;
			}
		if (rc == 0) {
			result = 0;
			goto out;
		}
		prev = id;
	}
out:
	libssh2_agent_disconnect(ag);
	libssh2_agent_free(ag);
	return result;
}

static int
authenticate(
    struct session *s, const struct session_opts *o, struct session_error *err)
{
	int64_t deadline = stage_deadline(
	    s, o->auth_timeout_ms > 0 ? o->auth_timeout_ms : DEF_AUTH_MS);
	unsigned ulen = (unsigned)strlen(s->username);
	char *list = NULL, tried[128] = "";
	int rc, r;

	for (;;) {
		list = libssh2_userauth_list(s->ssh, s->username, ulen);
		if (list != NULL)
			break;
		if (libssh2_userauth_authenticated(s->ssh))
			return 0;
		if (libssh2_session_last_errno(s->ssh) !=
		    LIBSSH2_ERROR_EAGAIN) {
			seterr(err, ERR_AUTH, "cannot list auth methods: %s",
			    ssh_errmsg(s));
			return -1;
		}
		if (auth_wait(s, deadline, err) == -1)
			return -1;
	}
	list = xstrdup(list);
	r = -2;
	if (o->key_file != NULL && has_method(list, "publickey")) {
		strcat(tried, "publickey");
		if ((r = auth_publickey(s, o, deadline, err)) <= 0)
			goto out;
	}
	if (o->use_agent && has_method(list, "publickey")) {
		strcat(tried, tried[0] ? ",agent" : "agent");
		if ((r = auth_agent(s, deadline, err)) <= 0)
			goto out;
	}
	if (s->password != NULL && has_method(list, "password")) {
		strcat(tried, tried[0] ? ",password" : "password");
		while ((rc = libssh2_userauth_password_ex(s->ssh, s->username,
			    ulen, s->password, (unsigned)strlen(s->password),
			    NULL)) == LIBSSH2_ERROR_EAGAIN)
			if (auth_wait(s, deadline, err) == -1) {
				r = -1;
				goto out;
			}
		if (rc == 0) {
			r = 0;
			goto out;
		}
		r = 1;
	}
	if (s->password != NULL && has_method(list, "keyboard-interactive")) {
		strcat(tried,
		    tried[0] ? ",keyboard-interactive"
			     : "keyboard-interactive");
		while ((rc = libssh2_userauth_keyboard_interactive_ex(
			    s->ssh, s->username, ulen, kbd_answer)) ==
		    LIBSSH2_ERROR_EAGAIN)
			if (auth_wait(s, deadline, err) == -1) {
				r = -1;
				goto out;
			}
		if (rc == 0) {
			r = 0;
			goto out;
		}
		r = 1;
	}
	if (r == -2)
		seterr(err, ERR_AUTH,
		    "no common auth method (server offers: %s)", list);
	else
		seterr(err, ERR_AUTH, "auth rejected for user %s (tried %s)",
		    s->username, tried);
	r = -1;
out:
	free(list);
	return r == 0 ? 0 : -1;
}

static int
open_shell(struct session *s, int64_t deadline, struct session_error *err)
{
	int rc;

	for (;;) {
		s->ch = libssh2_channel_open_session(s->ssh);
		if (s->ch != NULL)
			break;
		if (libssh2_session_last_errno(s->ssh) !=
		    LIBSSH2_ERROR_EAGAIN) {
			seterr(err, ERR_SSH, "cannot open channel: %s",
			    ssh_errmsg(s));
			return -1;
		}
		if (wait_socket(s, deadline) == -1)
			goto timeout;
	}
	while ((rc = libssh2_channel_request_pty_ex(s->ch, "vt100", 5, NULL, 0,
		    PTY_COLS, PTY_ROWS, 0, 0)) == LIBSSH2_ERROR_EAGAIN)
		if (wait_socket(s, deadline) == -1)
			goto timeout;
	if (rc != 0) {
		seterr(err, ERR_SSH, "pty request refused: %s", ssh_errmsg(s));
		return -1;
	}
	while ((rc = libssh2_channel_shell(s->ch)) == LIBSSH2_ERROR_EAGAIN)
		if (wait_socket(s, deadline) == -1)
			goto timeout;
	if (rc != 0) {
		seterr(
		    err, ERR_SSH, "shell request refused: %s", ssh_errmsg(s));
		return -1;
	}
	return 0;
timeout:
	seterr(err, ERR_PROMPT, "timed out opening the shell");
	return -1;
}

static void
set_prompt(struct session *s, char *line)
{
	size_t n = strlen(line);

	free(s->prompt);
	free(s->base_prompt);
	s->prompt = line;
	/* Netmiko's base prompt: trailing blanks and the terminator off. */
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	s->base_prompt = xstrndup(line, n > 1 ? n - 1 : n);
}

/*
 * Read until the last line matches the prompt pattern. Returns 0, -1 on
 * timeout, -2 closed.
 */
static int
read_to_pattern(struct session *s, int64_t deadline, struct session_error *err)
{
	int rc;

	while (!screen_last_line_matches(
	    s->prompt_re, s->in.data, s->in.len, s->ansi)) {
		if ((rc = read_some(s, deadline, err)) < 0)
			return rc;
	}
	return 0;
}

/*
 * Find the prompt without trusting banners: wait for a prompt-shaped last
 * line, then press Enter and require that same line to come back alone
 * at the end. A banner line ending in '#' that happened to end a read is
 * replaced by the real prompt on the next round.
 */
static int
find_prompt(struct session *s, int64_t deadline, struct session_error *err)
{
	char *cand;
	int tries, rc;

	if ((rc = read_to_pattern(s, deadline, err)) < 0)
		goto fail;
	for (tries = 0; tries < PROMPT_TRIES; tries++) {
		cand = screen_last_line_dup(s->in.data, s->in.len, s->ansi);
		buf_reset(&s->in);
		if ((rc = send_raw(s, "\n", 1, deadline, err)) < 0) {
			free(cand);
			goto fail;
		}
		for (;;) {
			if ((rc = read_some(s, deadline, err)) < 0) {
				free(cand);
				goto fail;
			}
			if (screen_ends_with_prompt(
				s->in.data, s->in.len, cand, s->ansi) &&
			    s->in.len > strlen(cand)) {
				buf_reset(&s->in);
				set_prompt(s, cand);
				return 0;
			}
			if (screen_last_line_matches(
				s->prompt_re, s->in.data, s->in.len, s->ansi) &&
			    memchr(s->in.data, '\n', s->in.len) != NULL)
				break;
		}
		free(cand);
	}
	seterr(err, ERR_PROMPT, "prompt keeps changing: '%s'",
	    s->in.len < 60 ? s->in.data : "...");
	return -1;
fail:
	if (rc == -1)
		seterr(err, ERR_PROMPT, "no prompt found%s%.60s%s",
		    s->in.len ? " (last: '" : "",
		    s->in.len
			? s->in.data + screen_last_line(s->in.data, s->in.len)
			: "",
		    s->in.len ? "')" : "");
	return -1;
}

/*
 * Nonzero when the buffer ends at the current prompt, or at a mode
 * variant of it ("R1(config)#"), which then becomes the prompt.
 */
static int
at_prompt(struct session *s)
{
	char *line;
	size_t bl;

	if (screen_ends_with_prompt(s->in.data, s->in.len, s->prompt, s->ansi))
		return 1;
	if (s->base_prompt[0] == '\0' ||
	    !screen_last_line_matches(
		s->prompt_re, s->in.data, s->in.len, s->ansi))
		return 0;
	line = screen_last_line_dup(s->in.data, s->in.len, s->ansi);
	bl = strlen(s->base_prompt);
	if (strncmp(line, s->base_prompt, bl) == 0 && line[bl] == '(' &&
	    strchr(line + bl, ')') != NULL &&
	    screen_last_line(s->in.data, s->in.len) > 0) {
		/* The hostname part stays the base prompt. */
		free(s->prompt);
		s->prompt = line;
		return 1;
	}
	free(line);
	return 0;
}

/*
 * Send cmd and read until the prompt ends the buffer, answering pagers.
 * On success the raw bytes (echo .. prompt) are in s->in.
 */
static int
exchange(struct session *s, const char *cmd, int64_t deadline,
    struct session_error *err)
{
	ssize_t pager;
	size_t erase_at = 0, n;
	int rc, erase_pending = 0;

	buf_reset(&s->in);
	if ((rc = send_line(s, cmd, deadline, err)) < 0)
		goto fail;
	for (;;) {
		if (erase_pending && s->in.len > erase_at) {
			n = screen_pager_erase_len(
			    s->in.data + erase_at, s->in.len - erase_at);
			if (n > 0) {
				memmove(s->in.data + erase_at,
				    s->in.data + erase_at + n,
				    s->in.len - erase_at - n);
				s->in.len -= n;
				s->in.data[s->in.len] = '\0';
			}
			erase_pending = 0;
		}
		if (s->in.len > 0 && at_prompt(s))
			return 0;
		pager = screen_pager_at_end(s->in.data, s->in.len);
		if (pager >= 0) {
			s->in.len = (size_t)pager;
			s->in.data[s->in.len] = '\0';
			erase_at = s->in.len;
			erase_pending = 1;
			if ((rc = send_raw(s, " ", 1, deadline, err)) < 0)
				goto fail;
		}
		if (s->in.len > s->max_output) {
			seterr(err, ERR_OUTPUT_LIMIT,
			    "output of '%s' exceeds %zu bytes", cmd,
			    s->max_output);
			return -1;
		}
		if ((rc = read_some(s, deadline, err)) < 0)
			goto fail;
	}
fail:
	if (rc == -1)
		seterr(err, ERR_READ_TIMEOUT,
		    "no prompt after '%s' within the read timeout", cmd);
	return -1;
}

/* Is the last line a "% Access denied"-style refusal or a re-prompt? */
static int
enable_refused(const char *p, size_t n)
{
	return memmem(p, n, "% Access denied", 15) != NULL ||
	    memmem(p, n, "% Bad secret", 12) != NULL ||
	    memmem(p, n, "% Bad passwords", 15) != NULL ||
	    memmem(p, n, "% Error in authentication", 25) != NULL;
}

static int
enable(struct session *s, int64_t deadline, struct session_error *err)
{
	const struct platform *pf = s->pf;
	size_t plen = strlen(s->prompt);
	int rc, sent_secret = 0;

	while (plen > 0 && s->prompt[plen - 1] == ' ')
		plen--;
	if (pf->enable_cmd == NULL || plen == 0 ||
	    s->prompt[plen - 1] == pf->priv_char)
		return 0;
	buf_reset(&s->in);
	if ((rc = send_line(s, pf->enable_cmd, deadline, err)) < 0)
		goto fail;
	for (;;) {
		if ((rc = read_some(s, deadline, err)) < 0)
			goto fail;
		if (sent_secret && enable_refused(s->in.data, s->in.len))
			goto denied;
		if (s->secret_re != NULL &&
		    screen_last_line_matches(
			s->secret_re, s->in.data, s->in.len, s->ansi)) {
			if (sent_secret)
				goto denied; /* asked again: wrong */
			if (s->secret == NULL || s->secret[0] == '\0') {
				seterr(err, ERR_ENABLE,
				    "enable failed: device asks for a secret "
				    "and none was given");
				return -1;
			}
			buf_reset(&s->in);
			if ((rc = send_line(s, s->secret, deadline, err)) < 0)
				goto fail;
			sent_secret = 1;
			continue;
		}
		if (screen_last_line_matches(
			s->prompt_re, s->in.data, s->in.len, s->ansi) &&
		    memchr(s->in.data, '\n', s->in.len) != NULL) {
			char *line = screen_last_line_dup(
			    s->in.data, s->in.len, s->ansi);
			size_t ll = strlen(line);

			while (ll > 0 && line[ll - 1] == ' ')
				ll--;
			if (ll > 0 && line[ll - 1] == pf->priv_char) {
				set_prompt(s, line);
				buf_reset(&s->in);
				return 0;
			}
			free(line);
			if (enable_refused(s->in.data, s->in.len) ||
			    sent_secret)
				goto denied;
			seterr(err, ERR_ENABLE,
			    "enable failed: still unprivileged after '%s'",
			    pf->enable_cmd);
			return -1;
		}
	}
denied:
	seterr(err, ERR_ENABLE, "enable failed: wrong secret");
	return -1;
fail:
	if (rc == -1)
		seterr(err, ERR_ENABLE, "enable failed: no answer in time");
	return -1;
}

static void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	/*
	 * Freeing the session frees its channel too, which first says
	 * goodbye to the peer; in non-blocking mode it can ask to be called
	 * again. Bounded: once out of time (or on any other error, after
	 * which libssh2 has freed nothing) the connection is cut, so every
	 * further send or receive fails at once, libssh2 stops waiting for
	 * the peer, and the next call frees everything.
	 */
	if (s->ssh != NULL) {
		int64_t deadline =
		    deadline_min(mono_ns() + 500 * NS_PER_MS, s->deadline);
		int rc, tries = 0;

		while ((rc = libssh2_session_free(s->ssh)) != 0) {
			if (rc == LIBSSH2_ERROR_EAGAIN && s->fd != -1 &&
			    wait_socket(s, deadline) == 0)
				continue;
			if (s->fd != -1)
				shutdown(s->fd, SHUT_RDWR);
			/* Never hang here: leak rather than loop forever. */
			if (++tries == 100)
				break;
		}
	}
	if (s->fd != -1)
		close(s->fd);
	if (s->logfd != -1) {
		struct buf out;

		buf_init(&out);
		screen_mask_flush(&s->mask, &out);
		if (out.len > 0)
			(void)write_all(s->logfd, out.data, out.len);
		buf_free(&out);
		close(s->logfd);
	}
	screen_mask_free(&s->mask);
	screen_re_free(s->prompt_re);
	screen_re_free(s->secret_re);
	free(s->host);
	free(s->username);
	free_secret(s->password);
	free_secret(s->secret);
	free(s->prompt);
	free(s->base_prompt);
	free(s->new_hostkey);
	buf_free(&s->in);
	free(s);
}

static char *
default_known_hosts(void)
{
	const char *home = getenv("HOME");

	if (home == NULL || home[0] == '\0')
		return NULL;
	return xasprintf("%s/.ssh/known_hosts", home);
}

struct session *
session_open(const struct session_opts *o, struct session_error *err)
{
	struct session *s;
	struct knownhosts *kh = NULL;
	char known_algs[256] = "", rerr[256], *khpath = NULL;
	int64_t t0, t1 = 0, deadline;

	err->kind = ERR_NONE;
	err->msg[0] = '\0';
	err->t = (struct timings){0};
	t0 = mono_ns();
	s = xcalloc(1, sizeof(*s));
	s->fd = -1;
	s->logfd = -1;
	buf_init(&s->in);
	screen_mask_init(&s->mask);
	s->pf = o->platform != NULL ? o->platform : platform_find("generic");
	s->host = xstrdup(o->host);
	s->port = o->port ? o->port : 22;
	s->username = xstrdup(o->username ? o->username : "");
	s->password = o->password ? xstrdup(o->password) : NULL;
	s->secret = o->secret ? xstrdup(o->secret) : NULL;
	s->deadline = o->deadline;
	s->read_ms = o->read_timeout_ms > 0 ? o->read_timeout_ms : DEF_READ_MS;
	s->max_output = o->max_output > 0 ? o->max_output : DEF_MAX_OUTPUT;
	s->ansi = s->pf->strip_ansi;
	screen_mask_add(&s->mask, s->password);
	screen_mask_add(&s->mask, s->secret);
	screen_mask_add(&s->mask, o->passphrase);

	s->prompt_re = screen_re_new(s->pf->prompt_re, rerr, sizeof(rerr));
	if (s->prompt_re == NULL) {
		seterr(err, ERR_PROMPT, "%s", rerr);
		goto fail;
	}
	if (s->pf->enable_prompt_re != NULL) {
		s->secret_re =
		    screen_re_new(s->pf->enable_prompt_re, rerr, sizeof(rerr));
		if (s->secret_re == NULL) {
			seterr(err, ERR_ENABLE, "%s", rerr);
			goto fail;
		}
	}
	if (o->session_log != NULL) {
		s->logfd = open(o->session_log,
		    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (s->logfd == -1) {
			seterr(err, ERR_INTERNAL, "session log %s: %s",
			    o->session_log, strerror(errno));
			goto fail;
		}
	}

	/* TCP connect, handshake, host key. */
	deadline = stage_deadline(s,
	    o->connect_timeout_ms > 0 ? o->connect_timeout_ms : DEF_CONNECT_MS);
	if (tcp_connect(s, deadline, err) == -1)
		goto fail;
	s->ssh = libssh2_session_init_ex(NULL, NULL, NULL, s);
	if (s->ssh == NULL) {
		seterr(err, ERR_INTERNAL, "cannot create an SSH session");
		goto fail;
	}
	libssh2_session_set_blocking(s->ssh, 0);
	if (o->hostkey_mode != HOSTKEY_OFF) {
		khpath = o->known_hosts ? xstrdup(o->known_hosts)
					: default_known_hosts();
		kh = knownhosts_load_for(
		    s->ssh, khpath, s->host, s->port, rerr, sizeof(rerr));
		if (kh == NULL) {
			seterr(err, ERR_SSH, "%s", rerr);
			goto fail;
		}
		knownhosts_known_algs(
		    kh, s->host, s->port, known_algs, sizeof(known_algs));
	}
	if (set_algorithms(s, o->algorithms, known_algs, err) == -1)
		goto fail;
	if (handshake(s, deadline, err) == -1)
		goto fail;
	if (check_hostkey(s, kh, o, err) == -1)
		goto fail;
	t1 = mono_ns();
	s->t.connect = t1 - t0;

	if (authenticate(s, o, err) == -1)
		goto fail;
	t0 = mono_ns();
	s->t.auth = t0 - t1;

	/* Shell, prompt, enable, paging off. */
	deadline = stage_deadline(s, s->read_ms);
	if (open_shell(s, deadline, err) == -1 ||
	    find_prompt(s, deadline, err) == -1 ||
	    enable(s, deadline, err) == -1)
		goto fail;
	if (s->pf->width_cmd != NULL &&
	    exchange(s, s->pf->width_cmd, deadline, err) == -1)
		goto fail;
	if (s->pf->paging_off != NULL &&
	    exchange(s, s->pf->paging_off, deadline, err) == -1)
		goto fail;
	buf_reset(&s->in);
	s->t.enable = mono_ns() - t0;
	knownhosts_free(kh);
	free(khpath);
	return s;
fail:
	/* The stage that failed gets the time it took before failing. */
	if (s->t.connect == 0)
		s->t.connect = mono_ns() - t0;
	else if (s->t.auth == 0)
		s->t.auth = mono_ns() - t1;
	else
		s->t.enable = mono_ns() - t0;
	err->t = s->t;
	knownhosts_free(kh);
	free(khpath);
	session_free(s);
	return NULL;
}

int
session_run(struct session *s, const char *cmd, char **out, size_t *outlen,
    struct session_error *err)
{
	int64_t deadline = stage_deadline(s, s->read_ms);
	int rc;

	err->kind = ERR_NONE;
	err->msg[0] = '\0';
	rc = exchange(s, cmd, deadline, err);
	*out = screen_clean(s->in.data ? s->in.data : "", s->in.len, cmd,
	    s->base_prompt, s->ansi, outlen);
	buf_reset(&s->in);
	return rc;
}

const char *
session_new_hostkey(const struct session *s)
{
	return s->new_hostkey;
}

void
session_timings(const struct session *s, struct timings *t)
{
	memset(t, 0, sizeof(*t));
	t->connect = s->t.connect;
	t->auth = s->t.auth;
	t->enable = s->t.enable;
}

void
session_close(struct session *s)
{
	struct session_error err;
	int64_t deadline;
	int rc;

	if (s == NULL)
		return;
	/* Best effort and bounded: say goodbye, do not wait for replies. */
	deadline = deadline_min(mono_ns() + 500 * NS_PER_MS, s->deadline);
	if (s->ch != NULL && s->pf->exit_cmd != NULL)
		(void)send_line(s, s->pf->exit_cmd, deadline, &err);
	if (s->ssh != NULL)
		while ((rc = libssh2_session_disconnect(s->ssh, "bye")) ==
		    LIBSSH2_ERROR_EAGAIN)
			if (wait_socket(s, deadline) == -1)
				break;
	session_free(s);
}
