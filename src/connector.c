/*
 * connector: TCP, non-blocking from birth. Each address is tried with a
 * non-blocking connect() and a poll() for writability against the one
 * deadline; a timeout ends the attempt (the next address would have no
 * time left), any other error moves on to the next address and the last
 * error names the failure.
 *
 * A ProxyCommand is a child with a socketpair as its stdin and stdout (a
 * socket, since libssh2 calls send() and recv() on its fd) and a pipe as
 * its stderr, which the proxy's pump drains into a bounded tail so the
 * child never blocks on it. Its end is watched through a pidfd, so that
 * waiting for it is a poll() on a deadline like every other wait.
 */
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "connector.h"
#include "escape.h"
#include "shcmd.h"
#include "util.h"

#define ERR_TAIL 4096	   /* bytes of the command's stderr kept */
#define EXIT_GRACE_MS 100  /* for it to end by itself at the end */
#define TERM_GRACE_MS 1000 /* from SIGTERM to SIGKILL */

/* Wait for a non-blocking connect to finish. Returns 0 or -1 (errno). */
static int
wait_connected(int fd, int64_t deadline)
{
	struct pollfd pfd = {.fd = fd, .events = POLLOUT};
	socklen_t elen = sizeof(int);
	int rc, soerr = 0, ms;

	for (;;) {
		ms = deadline_poll_ms(deadline);
		if (ms == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		rc = poll(&pfd, 1, ms);
		if (rc > 0)
			break;
		if (rc == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (errno != EINTR)
			return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &elen) == -1)
		return -1;
	if (soerr != 0) {
		errno = soerr;
		return -1;
	}
	return 0;
}

/* Non-blocking connect to one address. Returns fd, or -1 with errno. */
static int
connect_one(const struct addrinfo *ai, int64_t deadline)
{
	int fd, saved;

	fd = socket(ai->ai_family,
	    ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
	if (fd == -1)
		return -1;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno == EINPROGRESS && wait_connected(fd, deadline) == 0)
		return fd;
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

static int
resolve(
    const char *host, unsigned port, struct addrinfo **res, struct failure *f)
{
	struct addrinfo hints;
	char portstr[16];
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(portstr, sizeof(portstr), "%u", port);
	/*
	 * An address needs no lookup, and AI_ADDRCONFIG would ask the kernel
	 * for the interfaces' addresses (a netlink socket) on every device.
	 */
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	if (getaddrinfo(host, portstr, &hints, res) == 0)
		return 0;
	hints.ai_flags = AI_ADDRCONFIG;
	rc = getaddrinfo(host, portstr, &hints, res);
	if (rc == EAI_ADDRFAMILY || rc == EAI_NONAME || rc == EAI_FAMILY) {
		/* AI_ADDRCONFIG hides loopback-only families; try without. */
		hints.ai_flags = 0;
		rc = getaddrinfo(host, portstr, &hints, res);
	}
	if (rc != 0) {
		failure_set(f, ERR_DNS, "cannot resolve %s: %s", host,
		    rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return -1;
	}
	return 0;
}

static void
connect_failed(const char *host, unsigned port, int lasterr, struct failure *f)
{
	switch (lasterr) {
	case ECONNREFUSED:
		failure_set(f, ERR_REFUSED, "connection to %s port %u refused",
		    host, port);
		break;
	case EHOSTUNREACH:
	case ENETUNREACH:
	case EHOSTDOWN:
	case ENETDOWN:
		failure_set(f, ERR_UNREACHABLE, "%s port %u unreachable: %s",
		    host, port, strerror(lasterr));
		break;
	case ETIMEDOUT:
		failure_timeout(f, ERR_CONNECT_TIMEOUT,
		    "connection to %s port %u timed out", host, port);
		break;
	default:
		failure_set(f, ERR_UNREACHABLE,
		    "cannot connect to %s port %u: %s", host, port,
		    strerror(lasterr));
		break;
	}
}

int
connector_tcp(
    const char *host, unsigned port, int64_t deadline, struct failure *f)
{
	struct addrinfo *res = NULL, *ai;
	int fd = -1, lasterr = 0, one = 1;

	if (resolve(host, port, &res, f) == -1)
		return -1;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = connect_one(ai, deadline);
		if (fd != -1)
			break;
		lasterr = errno;
		if (lasterr == ETIMEDOUT)
			break;
	}
	freeaddrinfo(res);
	if (fd == -1) {
		connect_failed(host, port, lasterr, f);
		return -1;
	}
	/* Small interactive writes: Nagle would add delayed-ACK waits. */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

struct connector_proxy {
	pid_t pid;
	int pidfd; /* -1 when it could not be had */
	int sock;  /* our end of its stdin/stdout (the session owns it) */
	int err;   /* its stderr; -1 at EOF */
	char tail[ERR_TAIL];
	size_t ntail;
	int reaped;
	int status;
	struct connector_pump pump;
};

/* Read what its stderr has, keeping the last ERR_TAIL bytes. */
static int
drain_stderr(struct connector_proxy *px)
{
	char chunk[4096];
	ssize_t r;
	size_t keep;
	int moved = 0;

	while (px->err != -1) {
		r = read(px->err, chunk, sizeof(chunk));
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1 && errno == EAGAIN)
			break;
		if (r <= 0) {
			close(px->err);
			px->err = -1;
			return 1;
		}
		moved = 1;
		if ((size_t)r >= ERR_TAIL) {
			memcpy(px->tail, chunk + r - ERR_TAIL, ERR_TAIL);
			px->ntail = ERR_TAIL;
			continue;
		}
		keep = px->ntail + (size_t)r > ERR_TAIL ? ERR_TAIL - (size_t)r
							: px->ntail;
		memmove(px->tail, px->tail + px->ntail - keep, keep);
		memcpy(px->tail + keep, chunk, (size_t)r);
		px->ntail = keep + (size_t)r;
	}
	return moved;
}

static size_t
proxy_prepare(void *ctx, struct pollfd *p, size_t max)
{
	struct connector_proxy *px = ctx;

	if (px->err == -1 || max == 0)
		return 0;
	p[0] = (struct pollfd){.fd = px->err, .events = POLLIN};
	return 1;
}

static int
proxy_run(void *ctx, const struct pollfd *p, size_t n)
{
	(void)p;
	(void)n;
	return drain_stderr(ctx);
}

int
connector_proxy(
    const char *cmd, struct connector_proxy **pxp, struct failure *f)
{
	struct connector_proxy *px;
	int sv[2] = {-1, -1}, perr[2] = {-1, -1}, fds[3];
	char why[256];

	*pxp = NULL;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1 ||
	    pipe2(perr, O_CLOEXEC) == -1) {
		failure_set(
		    f, ERR_INTERNAL, "ProxyCommand: %s", strerror(errno));
		goto fail;
	}
	fds[0] = fds[1] = sv[1];
	fds[2] = perr[1];
	px = xcalloc(1, sizeof(*px));
	if (shcmd_spawn(cmd, NULL, fds, &px->pid, why, sizeof(why)) == -1) {
		free(px);
		failure_set(f, ERR_INTERNAL, "ProxyCommand: %s", why);
		goto fail;
	}
	close(sv[1]);
	close(perr[1]);
	px->sock = sv[0];
	px->err = perr[0];
	px->pidfd = pidfd_open(px->pid, 0);
	fd_set_nonblock(px->sock);
	fd_set_nonblock(px->err);
	px->pump = (struct connector_pump){px, proxy_prepare, proxy_run};
	*pxp = px;
	return px->sock;
fail:
	for (int i = 0; i < 2; i++) {
		if (sv[i] != -1)
			close(sv[i]);
		if (perr[i] != -1)
			close(perr[i]);
	}
	return -1;
}

const struct connector_pump *
connector_proxy_pump(struct connector_proxy *px)
{
	return &px->pump;
}

/* Reap it if it has ended, waiting for that until deadline. 1 if so. */
static int
reap(struct connector_proxy *px, int64_t deadline)
{
	struct pollfd pfd;
	pid_t r;
	int ms;

	while (!px->reaped) {
		r = waitpid(px->pid, &px->status, WNOHANG);
		if (r == px->pid || (r == -1 && errno != EINTR)) {
			px->reaped = 1;
			break;
		}
		if (r == -1)
			continue;
		if (px->pidfd == -1 || (ms = deadline_poll_ms(deadline)) == 0)
			return 0;
		pfd = (struct pollfd){.fd = px->pidfd, .events = POLLIN};
		if (poll(&pfd, 1, ms) == 0)
			return 0;
	}
	return 1;
}

/* The last non-empty line of its stderr, escaped, into why. */
static void
last_line(const struct connector_proxy *px, char *why, size_t whylen)
{
	size_t end = px->ntail, start;
	struct buf b;

	while (
	    end > 0 && (px->tail[end - 1] == '\n' || px->tail[end - 1] == '\r'))
		end--;
	start = end;
	while (start > 0 && px->tail[start - 1] != '\n')
		start--;
	buf_init(&b);
	escape_line(&b, px->tail + start, end - start);
	snprintf(why, whylen, "%s", b.data != NULL ? b.data : "");
	buf_free(&b);
}

int
connector_proxy_status(
    struct connector_proxy *px, int64_t deadline, char *why, size_t whylen)
{
	char line[256];

	drain_stderr(px);
	last_line(px, line, sizeof(line));
	if (!reap(px, deadline)) {
		snprintf(why, whylen, "%s", line);
		return 0;
	}
	drain_stderr(px);
	last_line(px, line, sizeof(line));
	if (WIFSIGNALED(px->status))
		snprintf(why, whylen, "ProxyCommand killed by signal %d%s%s",
		    WTERMSIG(px->status), line[0] ? ": " : "", line);
	else
		snprintf(why, whylen, "ProxyCommand exited %d%s%s",
		    WEXITSTATUS(px->status), line[0] ? ": " : "", line);
	return 1;
}

void
connector_proxy_close(struct connector_proxy *px)
{
	if (px == NULL)
		return;
	/* With its stdin closed (the session is over) it may go by itself. */
	if (!reap(px, mono_ns() + EXIT_GRACE_MS * NS_PER_MS)) {
		kill(px->pid, SIGTERM);
		if (!reap(px, mono_ns() + TERM_GRACE_MS * NS_PER_MS)) {
			kill(px->pid, SIGKILL);
			while (
			    waitpid(px->pid, NULL, 0) == -1 && errno == EINTR)
				;
		}
	}
	if (px->pidfd != -1)
		close(px->pidfd);
	if (px->err != -1)
		close(px->err);
	free(px);
}
