/*
 * connector: TCP, non-blocking from birth. Each address is tried with a
 * non-blocking connect() and a poll() for writability against the one
 * deadline; a timeout ends the attempt (the next address would have no
 * time left), any other error moves on to the next address and the last
 * error names the failure.
 */
#include <sys/socket.h>

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "connector.h"
#include "util.h"

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
	hints.ai_flags = AI_ADDRCONFIG;
	snprintf(portstr, sizeof(portstr), "%u", port);
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
