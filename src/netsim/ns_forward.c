/*
 * ns_forward: a direct-tcpip channel pumped from netsim's one poll loop.
 *
 * libssh 0.10 has no server callback for direct-tcpip opens, and the
 * open message is freed when the message callback returns, so the answer
 * cannot wait for a slow connect: the target is connected non-blocking
 * inside the callback and, on loopback, refused or accepted at once (the
 * kernel answers a loopback SYN inside connect()). A connect still in
 * progress is accepted and finished from the loop; if it then fails, the
 * channel is closed. libssh can only refuse with "administratively
 * prohibited", whatever the cause; the log line says which.
 *
 * Client to target: the data callback copies what fits in `up` and
 * leaves the rest in libssh's channel buffer (which then stops growing
 * the client's window); ns_forward_tick() reads that rest later.
 * Target to client: read into `down` only while there is room, sent
 * within the client's window. EOF travels each way once its buffer is
 * drained (SHUT_WR on the target, channel EOF to the client); the channel
 * is closed when both EOFs are through, when the client closes it, or
 * when the target fails.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "ns_forward.h"
#include "ns_link.h"
#include "ns_log.h"

#define BUF_CAP 65536

struct ns_forward {
	struct ns_link link;
	char target[300]; /* "host:port", for the log */
	int fd;		  /* the target socket, -1 once closed */
	int connecting;
	int polled;	  /* fd is in the current poll set */
	short revents;	  /* what the last poll saw on fd */
	char up[BUF_CAP]; /* client to target */
	size_t uplen, upoff;
	char down[BUF_CAP]; /* target to client */
	size_t downlen, downoff;
	int waiting;	/* libssh holds client data we did not take */
	int client_eof; /* the client sent EOF */
	int target_eof; /* the target closed its side (or failed) */
	int shut_wr;	/* we passed the client's EOF on */
	int sent_eof;	/* we passed the target's EOF on */
};

/*
 * The address of a loopback target: an IPv4 literal in 127.0.0.0/8, ::1,
 * or "localhost" (127.0.0.1, resolved without DNS). 0, or -1.
 */
static int
loopback_target(
    const char *host, int port, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (port < 1 || port > 65535)
		return -1;
	if (strcmp(host, "localhost") == 0)
		host = "127.0.0.1";
	if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
		if ((ntohl(in->sin_addr.s_addr) >> 24) != 127)
			return -1;
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)port);
		*len = sizeof(*in);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1 &&
	    IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr)) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*in6);
		return 0;
	}
	return -1;
}

/*
 * Start connecting to ss. The socket, with f->connecting set while the
 * kernel has not answered yet; -1 with errno when refused at once.
 */
static int
start_connect(
    struct ns_forward *f, const struct sockaddr_storage *ss, socklen_t len)
{
	struct pollfd p;
	socklen_t elen = sizeof(int);
	int fd, err = 0, one = 1;

	fd = socket(
	    ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (const struct sockaddr *)ss, len) == 0)
		return fd;
	if (errno != EINPROGRESS)
		goto bad;
	p = (struct pollfd){fd, POLLOUT, 0};
	if (poll(&p, 1, 0) == 0) {
		f->connecting = 1;
		return fd;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) == -1)
		goto bad;
	if (err == 0)
		return fd;
	errno = err;
bad:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

/* ---- callbacks ----------------------------------------------------- */

static int
on_data(
    ssh_session ssh, ssh_channel c, void *data, uint32_t len, int err, void *ud)
{
	struct ns_forward *f = ud;
	size_t room, n;

	(void)ssh;
	(void)c;
	(void)err;
	if (f->fd < 0 || f->shut_wr)
		return (int)len; /* nowhere to go: drop it */
	if (f->upoff > 0 && f->upoff == f->uplen)
		f->upoff = f->uplen = 0;
	room = BUF_CAP - f->uplen;
	n = len < room ? len : room;
	memcpy(f->up + f->uplen, data, n);
	f->uplen += n;
	if (n < len)
		f->waiting = 1;
	return (int)n;
}

static void
on_eof(ssh_session ssh, ssh_channel c, void *ud)
{
	struct ns_forward *f = ud;

	(void)ssh;
	(void)c;
	f->client_eof = 1;
}

static void
on_close(ssh_session ssh, ssh_channel c, void *ud)
{
	struct ns_forward *f = ud;

	(void)ssh;
	(void)c;
	f->client_eof = 1;
	f->link.remote_closed = 1;
}

struct ns_forward *
ns_forward_open(struct ns_conn *conn, ssh_message m)
{
	const char *host = ssh_message_channel_request_open_destination(m);
	int port = ssh_message_channel_request_open_destination_port(m);
	const char *name = conn->dev->hostname;
	struct sockaddr_storage ss;
	struct ns_forward *f;
	ssh_channel c;
	socklen_t len;

	if (host == NULL)
		return NULL;
	if (loopback_target(host, port, &ss, &len) == -1) {
		ns_log("%s: direct-tcpip to %s:%d refused: not a loopback "
		       "address",
		    name, host, port);
		return NULL;
	}
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->link.conn = conn;
	snprintf(f->target, sizeof(f->target), "%s:%d", host, port);
	if ((f->fd = start_connect(f, &ss, len)) == -1) {
		ns_log("%s: direct-tcpip to %s: %s", name, f->target,
		    strerror(errno));
		free(f);
		return NULL;
	}
	if ((c = ssh_message_channel_request_open_reply_accept(m)) == NULL) {
		close(f->fd);
		free(f);
		return NULL;
	}
	f->link.ccb.channel_data_function = on_data;
	f->link.ccb.channel_eof_function = on_eof;
	f->link.ccb.channel_close_function = on_close;
	ns_link_start(&f->link, conn, c, f);
	conn->stats->forwarded++;
	return f;
}

size_t
ns_forward_nfds(const struct ns_forward *f)
{
	return f->fd >= 0 ? 1 : 0;
}

/*
 * Nothing to wait for (a full buffer, a drained EOF) means no entry at
 * all: a hung-up socket would otherwise wake every poll.
 */
int
ns_forward_pollfd(struct ns_forward *f, struct pollfd *p)
{
	short ev = 0;

	f->polled = 0;
	f->revents = 0;
	if (f->fd < 0)
		return 0;
	if (f->connecting || f->upoff < f->uplen)
		ev |= POLLOUT;
	if (!f->connecting && !f->target_eof && f->downlen < BUF_CAP)
		ev |= POLLIN;
	if (ev == 0)
		return 0;
	*p = (struct pollfd){f->fd, ev, 0};
	f->polled = 1;
	return 1;
}

int
ns_forward_events(struct ns_forward *f, const struct pollfd *p)
{
	if (!f->polled)
		return 0;
	f->revents = p->revents;
	f->polled = 0;
	return 1;
}

enum ns_chan_state
ns_forward_state(const struct ns_forward *f)
{
	return f->link.st;
}

void
ns_forward_drop(struct ns_forward *f)
{
	if (f == NULL)
		return;
	if (f->fd >= 0)
		close(f->fd);
	ns_link_detach(&f->link);
	free(f);
}

void
ns_forward_free(struct ns_forward *f)
{
	ssh_channel c;

	if (f == NULL)
		return;
	c = f->link.ch;
	ns_forward_drop(f);
	ssh_channel_free(c);
}

/* ---- pumping ------------------------------------------------------- */

static void
close_target(struct ns_forward *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	f->target_eof = 1;
}

static void
close_channel(struct ns_forward *f)
{
	close_target(f);
	ns_link_close(&f->link);
}

/* The connect finished (revents says so): connected, or failed. */
static int
finish_connect(struct ns_forward *f)
{
	socklen_t len = sizeof(int);
	int err = 0;

	if (!(f->revents & (POLLOUT | POLLERR | POLLHUP)))
		return 0;
	if (getsockopt(f->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		err = errno;
	if (err != 0) {
		ns_log("%s: direct-tcpip to %s: %s",
		    f->link.conn->dev->hostname, f->target, strerror(err));
		return -1;
	}
	f->connecting = 0;
	return 0;
}

/* Take from libssh the client data on_data left there. */
static void
read_waiting(struct ns_forward *f)
{
	size_t room;
	int n;

	if (f->upoff > 0 && f->upoff == f->uplen)
		f->upoff = f->uplen = 0;
	room = BUF_CAP - f->uplen;
	if (!f->waiting || room == 0)
		return;
	n = ssh_channel_read_nonblocking(
	    f->link.ch, f->up + f->uplen, (uint32_t)room, 0);
	if (n > 0)
		f->uplen += (size_t)n;
	if (n <= 0 || (size_t)n < room)
		f->waiting = 0;
}

/* Client to target; -1 when the target failed. */
static int
pump_up(struct ns_forward *f)
{
	ssize_t n;

	read_waiting(f);
	while (f->upoff < f->uplen) {
		n = write(f->fd, f->up + f->upoff, f->uplen - f->upoff);
		if (n == -1)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		f->upoff += (size_t)n;
		read_waiting(f);
	}
	if (f->client_eof && !f->waiting && !f->shut_wr) {
		shutdown(f->fd, SHUT_WR);
		f->shut_wr = 1;
	}
	return 0;
}

/* Target to client; -1 when the channel failed. */
static int
pump_down(struct ns_forward *f)
{
	ssize_t n;
	int rc;

	if (f->downoff > 0 && f->downoff == f->downlen)
		f->downoff = f->downlen = 0;
	if (f->fd >= 0 && !f->target_eof && f->downlen < BUF_CAP &&
	    (f->revents & (POLLIN | POLLHUP | POLLERR))) {
		n = read(f->fd, f->down + f->downlen, BUF_CAP - f->downlen);
		if (n > 0)
			f->downlen += (size_t)n;
		else if (n == 0 || (errno != EAGAIN && errno != EINTR))
			f->target_eof = 1;
	}
	while (f->downoff < f->downlen) {
		rc = ns_link_send(
		    &f->link, 0, f->down + f->downoff, f->downlen - f->downoff);
		if (rc == -1)
			return -1;
		if (rc == 0)
			break;
		f->downoff += (size_t)rc;
	}
	if (f->target_eof && f->downoff == f->downlen && !f->sent_eof) {
		ssh_channel_send_eof(f->link.ch);
		f->sent_eof = 1;
	}
	return 0;
}

int64_t
ns_forward_tick(struct ns_forward *f, int64_t now)
{
	(void)now;
	if (!ns_link_settle(&f->link))
		return 0;
	if (f->link.remote_closed) {
		close_channel(f);
		return 0;
	}
	if (f->connecting && finish_connect(f) == -1) {
		close_channel(f);
		return 0;
	}
	if (f->connecting)
		return 0;
	if (!f->shut_wr && pump_up(f) == -1)
		close_target(f);
	if (pump_down(f) == -1) {
		close_channel(f);
		return 0;
	}
	f->revents = 0;
	if (f->sent_eof && (f->shut_wr || f->fd < 0))
		close_channel(f);
	return 0;
}
