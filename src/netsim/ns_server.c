/*
 * ns_server: listeners and the event loop of netsim on the libssh 0.10
 * server API. We own the listening sockets and hand each accepted fd to
 * a new ns_session (which gives it to ssh_bind_accept_fd()); a second
 * ssh_bind carries the legacy algorithm set (dh-group14/1-sha1, ssh-rsa,
 * CBC, hmac-sha1) for devices that ask for it.
 *
 * Invariants: sessions are freed only in ns_server_tick(), never while
 * ns_server_poll() dispatches; and accepting happens in ns_server_tick()
 * after the dead sessions were freed, so a new connection never reuses
 * the fd number of a session that is still polled. The sessions array
 * keeps accept order.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

#include "ns_log.h"
#include "ns_server.h"
#include "ns_session.h"

#define ACCEPT_BURST 64 /* connections taken from a listener per tick */

struct listener {
	struct ns_device *dev;
	int ready; /* POLLIN seen: accept in ns_server_tick() */
};

struct ns_server {
	struct ns_device *devs;
	size_t ndevs;
	struct listener *listeners;
	struct ns_session **sess; /* accept order */
	size_t nsess, capsess;
	struct pollfd *pfd; /* ns_server_poll() scratch */
	size_t pfd_cap;
	ssh_bind bind;
	ssh_bind legacy;
	int accept_ready; /* some listener is ready */
	struct ns_stats stats;
};

int64_t
ns_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const struct ns_stats *
ns_server_stats(const struct ns_server *srv)
{
	return &srv->stats;
}

/* The host key at path (made and saved there if absent), or a new one. */
static int
get_key(const char *path, enum ssh_keytypes_e type, int bits, ssh_key *key,
    char *err, size_t errlen)
{
	*key = NULL;
	if (path != NULL && access(path, R_OK) == 0) {
		if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, key) !=
		    SSH_OK) {
			snprintf(err, errlen, "cannot load host key %s", path);
			return -1;
		}
		return 0;
	}
	if (ssh_pki_generate(type, bits, key) != SSH_OK) {
		snprintf(err, errlen, "cannot generate a host key");
		return -1;
	}
	if (path != NULL &&
	    ssh_pki_export_privkey_file(*key, NULL, NULL, NULL, path) !=
		SSH_OK) {
		snprintf(err, errlen, "cannot write host key %s", path);
		ssh_key_free(*key);
		*key = NULL;
		return -1;
	}
	return 0;
}

static int
set_legacy_algorithms(ssh_bind b)
{
	if (ssh_bind_options_set(b, SSH_BIND_OPTIONS_KEY_EXCHANGE,
		"diffie-hellman-group14-sha1,diffie-hellman-group1-sha1") < 0 ||
	    ssh_bind_options_set(
		b, SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS, "ssh-rsa") < 0 ||
	    ssh_bind_options_set(
		b, SSH_BIND_OPTIONS_CIPHERS_C_S, "aes128-cbc,3des-cbc") < 0 ||
	    ssh_bind_options_set(
		b, SSH_BIND_OPTIONS_CIPHERS_S_C, "aes128-cbc,3des-cbc") < 0 ||
	    ssh_bind_options_set(b, SSH_BIND_OPTIONS_HMAC_C_S, "hmac-sha1") <
		0 ||
	    ssh_bind_options_set(b, SSH_BIND_OPTIONS_HMAC_S_C, "hmac-sha1") < 0)
		return -1;
	return 0;
}

/* An ssh_bind holding key; the key is taken over, even on failure. */
static ssh_bind
make_bind(ssh_key key, int legacy)
{
	ssh_bind b;
	bool no = false;
	int verbosity = SSH_LOG_NOLOG;

	if ((b = ssh_bind_new()) == NULL) {
		ssh_key_free(key);
		return NULL;
	}
	/* Else ssh_bind_accept_fd() reads /etc/ssh/libssh_server_config. */
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_LOG_VERBOSITY, &verbosity);
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_BANNER, "Cisco-1.25");
	if (ssh_bind_options_set(b, SSH_BIND_OPTIONS_IMPORT_KEY, key) < 0) {
		ssh_key_free(key);
		ssh_bind_free(b);
		return NULL;
	}
	if (legacy && set_legacy_algorithms(b) == -1) {
		ssh_bind_free(b); /* and the key it holds */
		return NULL;
	}
	return b;
}

static int
make_binds(struct ns_server *srv, const char *host_key, int need_legacy,
    char *err, size_t errlen)
{
	ssh_key key, rsa;
	char rsapath[4096];

	if (get_key(host_key, SSH_KEYTYPE_ED25519, 0, &key, err, errlen) == -1)
		return -1;
	if ((srv->bind = make_bind(key, 0)) == NULL) {
		snprintf(err, errlen, "cannot set up the SSH server");
		return -1;
	}
	if (!need_legacy)
		return 0;
	if (host_key != NULL)
		snprintf(rsapath, sizeof(rsapath), "%s.rsa", host_key);
	if (get_key(host_key ? rsapath : NULL, SSH_KEYTYPE_RSA, 2048, &rsa, err,
		errlen) == -1)
		return -1;
	if ((srv->legacy = make_bind(rsa, 1)) == NULL) {
		snprintf(err, errlen, "cannot set up legacy SSH");
		return -1;
	}
	return 0;
}

struct ns_server *
ns_server_new(struct ns_device *devs, size_t n, const char *host_key, char *err,
    size_t errlen)
{
	struct ns_server *srv;
	size_t i;
	int need_legacy = 0;

	if ((srv = calloc(1, sizeof(*srv))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	srv->devs = devs;
	srv->ndevs = n;
	if ((srv->listeners = calloc(n ? n : 1, sizeof(*srv->listeners))) ==
	    NULL) {
		snprintf(err, errlen, "out of memory");
		goto bad;
	}
	for (i = 0; i < n; i++) {
		srv->listeners[i].dev = &devs[i];
		need_legacy |= devs[i].legacy;
	}
	if (make_binds(srv, host_key, need_legacy, err, errlen) == -1)
		goto bad;
	return srv;
bad:
	ns_server_free(srv);
	return NULL;
}

/* The socket address of d (loopback only; checked by ns_device_ready). */
static int
device_sockaddr(
    const struct ns_device *d, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, d->address, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)d->port);
		*len = sizeof(*in);
		return 0;
	}
	if (inet_pton(AF_INET6, d->address, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)d->port);
		*len = sizeof(*in6);
		return 0;
	}
	return -1;
}

static int
listen_one(struct ns_device *d, char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, one = 1, v6;

	if (device_sockaddr(d, &ss, &len) == -1) {
		snprintf(
		    err, errlen, "%s: bad address %s", d->hostname, d->address);
		return -1;
	}
	v6 = ss.ss_family == AF_INET6;
	fd =
	    socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		snprintf(err, errlen, "%s: socket: %s", d->hostname,
		    strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (v6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, len) == -1 ||
	    listen(fd, 1024) == -1) {
		snprintf(err, errlen, "%s: bind %s%s%s:%u: %s", d->hostname,
		    v6 ? "[" : "", d->address, v6 ? "]" : "", d->port,
		    strerror(errno));
		close(fd);
		return -1;
	}
	getsockname(fd, (struct sockaddr *)&ss, &len);
	d->port = ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
			   : ((struct sockaddr_in *)&ss)->sin_port);
	d->lfd = fd;
	return 0;
}

int
ns_server_listen(struct ns_server *srv, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < srv->ndevs; i++)
		if (listen_one(&srv->devs[i], err, errlen) == -1)
			return -1;
	return 0;
}

/*
 * A listener is readable: note it, accept in ns_server_tick() (see the
 * invariants above).
 */
static void
mark_listener(struct ns_server *srv, int lfd)
{
	size_t i;

	for (i = 0; i < srv->ndevs; i++) {
		if (srv->devs[i].lfd == lfd) {
			srv->listeners[i].ready = 1;
			srv->accept_ready = 1;
			return;
		}
	}
}

/* Room for need pollfd entries. */
static void
pfd_reserve(struct ns_server *srv, size_t need)
{
	if (need <= srv->pfd_cap)
		return;
	srv->pfd_cap = need * 2;
	srv->pfd = realloc(srv->pfd, srv->pfd_cap * sizeof(*srv->pfd));
	if (srv->pfd == NULL)
		abort();
}

int
ns_server_poll(struct ns_server *srv, int extra_fd, int timeout)
{
	size_t n = 0, need = srv->ndevs + 1, nl, i;
	int extra_ready = 0;

	for (i = 0; i < srv->nsess; i++)
		need += ns_session_nfds(srv->sess[i]);
	pfd_reserve(srv, need);
	for (i = 0; i < srv->ndevs; i++)
		if (srv->devs[i].lfd >= 0)
			srv->pfd[n++] =
			    (struct pollfd){srv->devs[i].lfd, POLLIN, 0};
	srv->pfd[n++] = (struct pollfd){extra_fd, POLLIN, 0};
	nl = n;
	for (i = 0; i < srv->nsess; i++)
		n += ns_session_pollfds(srv->sess[i], &srv->pfd[n]);
	if (poll(srv->pfd, n, timeout) == -1 && errno != EINTR)
		return 0;
	for (i = 0; i < nl; i++) {
		if (srv->pfd[i].revents == 0)
			continue;
		if (srv->pfd[i].fd == extra_fd)
			extra_ready = 1;
		else
			mark_listener(srv, srv->pfd[i].fd);
	}
	for (i = 0, n = nl; i < srv->nsess; i++)
		n += ns_session_events(srv->sess[i], &srv->pfd[n], ns_now_ms());
	return extra_ready;
}

static void
add_session(struct ns_server *srv, struct ns_session *s)
{
	struct ns_session **ns;

	if (srv->nsess == srv->capsess) {
		srv->capsess = srv->capsess ? srv->capsess * 2 : 64;
		ns = realloc(srv->sess, srv->capsess * sizeof(*ns));
		if (ns == NULL)
			abort();
		srv->sess = ns;
	}
	srv->sess[srv->nsess++] = s;
}

/* Take the waiting connections of l (a burst at most). */
static void
accept_pending(struct ns_server *srv, struct listener *l, int64_t now)
{
	struct ns_session *s;
	int fd, i, one = 1, lfd = l->dev->lfd;

	l->ready = 0;
	for (i = 0; i < ACCEPT_BURST; i++) {
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd == -1) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				ns_log("%s: accept: %s", l->dev->hostname,
				    strerror(errno));
			break;
		}
		srv->stats.connections++;
		/*
		 * Without TCP_NODELAY, Nagle plus the client's delayed ACK
		 * cost ~40 ms on each small auth reply.
		 */
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (l->dev->faults & NS_FAULT_DROP_ON_CONNECT) {
			close(fd);
			continue;
		}
		if (l->dev->failed < l->dev->fail_first) {
			l->dev->failed++;
			close(fd);
			continue;
		}
		s = ns_session_new(l->dev, fd,
		    l->dev->legacy ? srv->legacy : srv->bind, &srv->stats, now);
		if (s != NULL)
			add_session(srv, s);
	}
}

static int64_t
earlier(int64_t a, int64_t b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	return a < b ? a : b;
}

int64_t
ns_server_tick(struct ns_server *srv, int64_t now)
{
	size_t i, j, first_new;
	int64_t next_wake = 0, w;

	for (i = j = 0; i < srv->nsess; i++) {
		w = ns_session_tick(srv->sess[i], now);
		if (ns_session_dead(srv->sess[i])) {
			ns_session_free(srv->sess[i]);
			continue;
		}
		next_wake = earlier(next_wake, w);
		srv->sess[j++] = srv->sess[i];
	}
	srv->nsess = j;
	if (!srv->accept_ready)
		return next_wake;
	srv->accept_ready = 0;
	first_new = srv->nsess;
	for (i = 0; i < srv->ndevs; i++)
		if (srv->listeners[i].ready)
			accept_pending(srv, &srv->listeners[i], now);
	/* New sessions may wait for a banner delay. */
	for (i = first_new; i < srv->nsess; i++)
		next_wake = earlier(next_wake, ns_session_wake(srv->sess[i]));
	return next_wake;
}

void
ns_server_end_sessions(struct ns_server *srv)
{
	size_t i;

	for (i = 0; i < srv->nsess; i++)
		ns_session_free(srv->sess[i]);
	srv->nsess = 0;
}

void
ns_server_free(struct ns_server *srv)
{
	size_t i;

	if (srv == NULL)
		return;
	ns_server_end_sessions(srv);
	free(srv->sess);
	for (i = 0; i < srv->ndevs; i++) {
		if (srv->devs[i].lfd < 0)
			continue;
		close(srv->devs[i].lfd);
		srv->devs[i].lfd = -1;
	}
	free(srv->pfd);
	if (srv->bind != NULL)
		ssh_bind_free(srv->bind);
	if (srv->legacy != NULL)
		ssh_bind_free(srv->legacy);
	free(srv->listeners);
	free(srv);
}
