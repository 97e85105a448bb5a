/*
 * transport: libssh2 in non-blocking mode over the fd a connector made.
 * Every wait is a poll() on that fd in the directions libssh2 asks for,
 * against an absolute monotonic deadline the caller computed (the
 * stage's timeout capped by the device's overall deadline). The fd is
 * owned from transport_open() on and closed exactly once, in
 * transport_free(). Borrowed target strings are only read, never kept
 * past transport_close(); the password is read by the
 * keyboard-interactive callback during transport_auth() only.
 * Channels handed out (transport_channels()) come from sshchan.c; the
 * login methods (transport_auth()) are in transport_auth.c, which shares
 * struct transport through transport_impl.h.
 */
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh2.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "knownhosts.h"
#include "sshchan.h"
#include "sshfwd.h"
#include "transport.h"
#include "transport_impl.h"
#include "util.h"

#define CLOSE_MS 500

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

const char *
transport_errmsg(struct transport *t)
{
	return sshchan_errmsg(t->ssh);
}

int
transport_wait(struct transport *t, int64_t deadline)
{
	return sshchan_wait(t->ssh, t->fd, t->tg->under, deadline);
}

/*
 * Use once, in the parent, the OpenSSL algorithms every SSH session needs,
 * so that OpenSSL 3 builds its algorithm caches (provider queries, method
 * stores) here and every forked worker inherits them warm, instead of each
 * child building them again for its single session.
 */
static void
warm_crypto(void)
{
	static const char *const keys[] = {"X25519", "ED25519", "EC", "RSA"};
	const EVP_CIPHER *ciphers[] = {EVP_aes_128_ctr(), EVP_aes_192_ctr(),
	    EVP_aes_256_ctr(), EVP_aes_128_cbc(), EVP_aes_256_cbc(),
	    EVP_des_ede3_cbc()};
	const EVP_MD *mds[] = {
	    EVP_sha1(), EVP_sha256(), EVP_sha384(), EVP_sha512(), EVP_md5()};
	unsigned char key[32] = {0}, iv[16] = {0}, sig[64];
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	EVP_MD_CTX *m = EVP_MD_CTX_new();
	EVP_PKEY *k = NULL;
	EVP_PKEY_CTX *pc;
	size_t siglen = sizeof(sig);

	(void)RAND_bytes(key, sizeof(key));
	for (size_t i = 0; c != NULL && i < sizeof(ciphers) / sizeof(*ciphers);
	     i++)
		(void)EVP_CipherInit_ex(c, ciphers[i], NULL, key, iv, 1);
	for (size_t i = 0; m != NULL && i < sizeof(mds) / sizeof(*mds); i++)
		(void)EVP_DigestInit_ex(m, mds[i], NULL);
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		pc = EVP_PKEY_CTX_new_from_name(NULL, keys[i], NULL);
		EVP_PKEY_CTX_free(pc);
	}
	/* Key agreement and host-key signatures as curve25519/ed25519 do. */
	if ((pc = EVP_PKEY_CTX_new_from_name(NULL, "X25519", NULL)) != NULL &&
	    EVP_PKEY_keygen_init(pc) > 0)
		(void)EVP_PKEY_keygen(pc, &k);
	EVP_PKEY_CTX_free(pc);
	EVP_PKEY_free(k);
	k = NULL;
	if ((pc = EVP_PKEY_CTX_new_from_name(NULL, "ED25519", NULL)) != NULL &&
	    EVP_PKEY_keygen_init(pc) > 0 && EVP_PKEY_keygen(pc, &k) > 0 &&
	    m != NULL && EVP_DigestSignInit(m, NULL, NULL, NULL, k) > 0 &&
	    EVP_DigestSign(m, sig, &siglen, key, sizeof(key)) > 0 &&
	    EVP_DigestVerifyInit(m, NULL, NULL, NULL, k) > 0)
		(void)EVP_DigestVerify(m, sig, siglen, key, sizeof(key));
	EVP_PKEY_CTX_free(pc);
	EVP_PKEY_free(k);
	EVP_MD_CTX_free(m);
	EVP_CIPHER_CTX_free(c);
	secure_zero(key, sizeof(key));
}

int
transport_global_init(int warm)
{
	if (libssh2_init(0) != 0)
		return -1;
	if (warm)
		warm_crypto();
	return 0;
}

void
transport_global_exit(void)
{
	libssh2_exit();
}

/* The "key=list" names of an algorithms spec and what each sets. */
static const struct {
	const char *key;
	int method[2]; /* LIBSSH2_METHOD_*, -1 when only one */
} alg_keys[] = {
    {"kex", {LIBSSH2_METHOD_KEX, -1}},
    {"hostkey", {LIBSSH2_METHOD_HOSTKEY, -1}},
    {"cipher", {LIBSSH2_METHOD_CRYPT_CS, LIBSSH2_METHOD_CRYPT_SC}},
    {"mac", {LIBSSH2_METHOD_MAC_CS, LIBSSH2_METHOD_MAC_SC}},
};

static int
set_pref(struct transport *t, const int method[2], const char *list)
{
	for (int i = 0; i < 2 && method[i] != -1; i++)
		if (libssh2_session_method_pref(t->ssh, method[i], list) < 0)
			return -1;
	return 0;
}

/*
 * Apply "kex=..;hostkey=..;cipher=..;mac=.." in place over spec (a copy).
 * Sets *have[i] for each key given. Returns 0, or -1 with f filled.
 */
static int
apply_spec(struct transport *t, char *spec, const char *orig, int have[4],
    struct failure *f)
{
	char *item, *save = NULL, *val;
	size_t i;

	for (item = strtok_r(spec, ";", &save); item != NULL;
	     item = strtok_r(NULL, ";", &save)) {
		if ((val = strchr(item, '=')) == NULL)
			goto bad;
		*val++ = '\0';
		for (i = 0; i < sizeof(alg_keys) / sizeof(alg_keys[0]); i++)
			if (strcmp(item, alg_keys[i].key) == 0)
				break;
		if (i == sizeof(alg_keys) / sizeof(alg_keys[0]))
			goto bad;
		have[i] = 1;
		if (set_pref(t, alg_keys[i].method, val) == -1) {
			failure_set(
			    f, ERR_SSH, "no supported algorithm in '%s'", val);
			return -1;
		}
	}
	return 0;
bad:
	failure_set(f, ERR_SSH,
	    "bad algorithms '%s' (want kex=..;hostkey=..;cipher=..;mac=..)",
	    orig);
	return -1;
}

/*
 * Our preferences: the target's algorithms over our cipher list, and,
 * unless the target names host-key types, the types already known for
 * this host first so that the key offered is one we can verify.
 */
static int
set_algorithms(struct transport *t, const char *known_algs, struct failure *f)
{
	const char *spec = t->tg->algorithms;
	int have[4] = {0}, rc = -1;
	char *copy = NULL, *hk = NULL;

	if (spec != NULL) {
		copy = xstrdup(spec);
		if (apply_spec(t, copy, spec, have, f) == -1)
			goto out;
	}
	if (!have[2] && set_pref(t, alg_keys[2].method, default_ciphers) < 0) {
		failure_set(f, ERR_SSH, "cannot set cipher preferences");
		goto out;
	}
	if (!have[1] && known_algs[0] != '\0') {
		hk = xasprintf("%s,%s", known_algs, default_hostkeys);
		if (set_pref(t, alg_keys[1].method, hk) < 0) {
			failure_set(
			    f, ERR_SSH, "cannot set host key preferences");
			goto out;
		}
	}
	rc = 0;
out:
	free(copy);
	free(hk);
	return rc;
}

/*
 * After a failed handshake: did the peer close the connection (EOF or a
 * reset on the socket)? A device that accepts and drops the connection
 * before its banner (overloaded, rate-limiting, an sshd at MaxStartups)
 * closed it, which a retry may cure; a banner or key exchange we cannot
 * use is an SSH failure, which it cannot.
 */
static int
peer_closed(struct transport *t, int rc)
{
	char c;
	ssize_t n;

	if (rc != LIBSSH2_ERROR_BANNER_RECV &&
	    rc != LIBSSH2_ERROR_SOCKET_RECV &&
	    rc != LIBSSH2_ERROR_SOCKET_DISCONNECT)
		return 0;
	n = recv(t->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
	return n == 0 || (n == -1 && (errno == ECONNRESET || errno == EPIPE));
}

static int
handshake(struct transport *t, int64_t deadline, struct failure *f)
{
	int rc;

	while ((rc = libssh2_session_handshake(t->ssh, t->fd)) ==
	    LIBSSH2_ERROR_EAGAIN) {
		if (transport_wait(t, deadline) == -1) {
			failure_timeout(f, ERR_CONNECT_TIMEOUT,
			    "SSH handshake with %s port %u timed out", t->host,
			    t->port);
			return -1;
		}
	}
	if (rc != 0 && peer_closed(t, rc)) {
		failure_set(f, ERR_CLOSED,
		    "%s port %u closed the connection before the SSH banner",
		    t->host, t->port);
		return -1;
	}
	if (rc != 0) {
		failure_set(f, ERR_SSH, "SSH handshake failed: %s",
		    transport_errmsg(t));
		return -1;
	}
	return 0;
}

static int
check_hostkey(struct transport *t, struct knownhosts *kh, struct failure *f)
{
	const char *key;
	size_t keylen;
	int type;
	char known_fp[80];

	key = libssh2_session_hostkey(t->ssh, &keylen, &type);
	if (key == NULL) {
		failure_set(f, ERR_SSH, "no host key from server: %s",
		    transport_errmsg(t));
		return -1;
	}
	knownhosts_fingerprint(
	    key, keylen, t->fingerprint, sizeof(t->fingerprint));
	if (kh == NULL)
		return 0;
	switch (knownhosts_check(kh, t->host, t->port, key, keylen, type,
	    known_fp, sizeof(known_fp))) {
	case KH_MATCH:
		return 0;
	case KH_MISMATCH:
		failure_set(f, ERR_HOSTKEY_CHANGED,
		    "host key for %s port %u changed: known %s, offered %s %s",
		    t->host, t->port, known_fp,
		    knownhosts_type_name(type) ? knownhosts_type_name(type)
					       : "?",
		    t->fingerprint);
		return -1;
	case KH_NOTFOUND:
		if (t->tg->hostkey_mode == HOSTKEY_STRICT) {
			failure_set(f, ERR_HOSTKEY_UNKNOWN,
			    "host key for %s port %u is not known (%s %s)",
			    t->host, t->port,
			    knownhosts_type_name(type)
				? knownhosts_type_name(type)
				: "?",
			    t->fingerprint);
			return -1;
		}
		t->new_hostkey =
		    knownhosts_line(t->host, t->port, key, keylen, type);
		return 0;
	case KH_FAILURE:
		break;
	}
	failure_set(f, ERR_SSH, "cannot check host key of type %d", type);
	return -1;
}

static char *
default_known_hosts(void)
{
	const char *home = getenv("HOME");

	if (home == NULL || home[0] == '\0')
		return NULL;
	return xasprintf("%s/.ssh/known_hosts", home);
}

/* The known_hosts lines that can concern this host; NULL when off. */
static int
load_known(struct transport *t, struct knownhosts **kh, char *algs,
    size_t algslen, struct failure *f)
{
	char rerr[256], *path;

	*kh = NULL;
	algs[0] = '\0';
	if (t->tg->hostkey_mode == HOSTKEY_OFF)
		return 0;
	path = t->tg->known_hosts ? xstrdup(t->tg->known_hosts)
				  : default_known_hosts();
	*kh = knownhosts_load_for(
	    t->ssh, path, t->host, t->port, rerr, sizeof(rerr));
	free(path);
	if (*kh == NULL) {
		failure_set(f, ERR_SSH, "%s", rerr);
		return -1;
	}
	knownhosts_known_algs(*kh, t->host, t->port, algs, algslen);
	return 0;
}

static void
transport_free(struct transport *t)
{
	if (t == NULL)
		return;
	/*
	 * Freeing the session frees its channels too, which first says
	 * goodbye to the peer; in non-blocking mode it can ask to be called
	 * again. Bounded: once out of time (or on any other error, after
	 * which libssh2 has freed nothing) the connection is cut, so every
	 * further send or receive fails at once, libssh2 stops waiting for
	 * the peer, and the next call frees everything.
	 */
	if (t->ssh != NULL) {
		int64_t deadline = deadline_min(
		    mono_ns() + CLOSE_MS * NS_PER_MS, t->tg->deadline);
		int rc, tries = 0;

		while ((rc = libssh2_session_free(t->ssh)) != 0) {
			if (rc == LIBSSH2_ERROR_EAGAIN &&
			    transport_wait(t, deadline) == 0)
				continue;
			shutdown(t->fd, SHUT_RDWR);
			/* Never hang here: leak rather than loop forever. */
			if (++tries == 100)
				break;
		}
	}
	close(t->fd);
	free(t->new_hostkey);
	free(t->offered);
	free(t);
}

static struct channel *open_shell(
    void *ctx, int64_t deadline, struct failure *f);
static struct channel *open_exec(
    void *ctx, const char *cmd, int64_t deadline, struct failure *f);

struct transport *
transport_open(int fd, const struct transport_target *tg, int64_t deadline,
    struct failure *f)
{
	struct transport *t = xcalloc(1, sizeof(*t));
	struct knownhosts *kh = NULL;
	char known_algs[256];

	t->tg = tg;
	t->fd = fd;
	t->host = tg->host;
	t->port = tg->port ? tg->port : 22;
	t->username = tg->username ? tg->username : "";
	t->src = (struct channel_source){t, open_shell, open_exec};
	t->ssh = libssh2_session_init_ex(NULL, NULL, NULL, t);
	if (t->ssh == NULL) {
		failure_set(f, ERR_INTERNAL, "cannot create an SSH session");
		goto fail;
	}
	libssh2_session_set_blocking(t->ssh, 0);
	if (load_known(t, &kh, known_algs, sizeof(known_algs), f) == -1 ||
	    set_algorithms(t, known_algs, f) == -1 ||
	    handshake(t, deadline, f) == -1 || check_hostkey(t, kh, f) == -1)
		goto fail;
	knownhosts_free(kh);
	return t;
fail:
	knownhosts_free(kh);
	transport_free(t);
	return NULL;
}

void
transport_trace_kex(const struct transport *t, struct buf *b)
{
	static const struct {
		const char *what;
		int method;
	} m[] = {
	    {"kex", LIBSSH2_METHOD_KEX},
	    {"host key", LIBSSH2_METHOD_HOSTKEY},
	    {"cipher", LIBSSH2_METHOD_CRYPT_CS},
	    {"mac", LIBSSH2_METHOD_MAC_CS},
	    {"compression", LIBSSH2_METHOD_COMP_CS},
	};
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		v = libssh2_session_methods(t->ssh, m[i].method);
		buf_appendf(b, "%s%s %s", i ? ", " : "", m[i].what,
		    v != NULL ? v : "?");
	}
	if (t->fingerprint[0] != '\0')
		buf_appendf(b, ", fingerprint %s", t->fingerprint);
}

const char *
transport_new_hostkey(const struct transport *t)
{
	return t->new_hostkey;
}

const struct channel_source *
transport_channels(struct transport *t)
{
	return &t->src;
}

static struct channel *
open_shell(void *ctx, int64_t deadline, struct failure *f)
{
	struct transport *t = ctx;

	return sshchan_shell(t->ssh, t->fd, t->tg->under, deadline, f);
}

static struct channel *
open_exec(void *ctx, const char *cmd, int64_t deadline, struct failure *f)
{
	struct transport *t = ctx;

	return sshchan_exec(t->ssh, t->fd, t->tg->under, cmd, deadline, f);
}

int
transport_forward(struct transport *t, const char *host, unsigned port,
    int64_t deadline, struct failure *f)
{
	int sock;

	t->fwd = sshfwd_open(
	    t->ssh, t->fd, t->tg->under, host, port, deadline, &sock, f);
	return t->fwd != NULL ? sock : -1;
}

const struct connector_pump *
transport_pump(struct transport *t)
{
	return t->fwd != NULL ? sshfwd_pump(t->fwd) : t->tg->under;
}

const char *
transport_broken(const struct transport *t)
{
	return t->fwd != NULL ? sshfwd_broken(t->fwd) : NULL;
}

void
transport_close(struct transport *t)
{
	int64_t deadline;

	if (t == NULL)
		return;
	/* Best effort and bounded: say goodbye, do not wait for replies. */
	deadline =
	    deadline_min(mono_ns() + CLOSE_MS * NS_PER_MS, t->tg->deadline);
	sshfwd_free(t->fwd, deadline);
	t->fwd = NULL;
	while (
	    libssh2_session_disconnect(t->ssh, "bye") == LIBSSH2_ERROR_EAGAIN)
		if (transport_wait(t, deadline) == -1)
			break;
	transport_free(t);
}
