/*
 * sshfwd: two bounded buffers, one each way. "up" holds what the next
 * session wrote to its socket, on its way into the channel; "down" what
 * the channel gave, on its way to the next session's socket. Neither
 * side ever blocks: a full buffer stops reading its source, an EAGAIN
 * from libssh2 or the socket leaves the bytes where they are, and
 * prepare() asks the poll for exactly what would unblock each (so a
 * full buffer never turns into a busy loop, and both directions full at
 * once is only a wait on both fds).
 *
 * libssh2 keeps packets it has decrypted in its own queue, where poll()
 * cannot see them: run() therefore reads the channel until libssh2 says
 * EAGAIN (or the down buffer is full, and then the poll watches the
 * socket instead), never only when the fd said so.
 *
 * EOF travels both ways: the next session closing its end becomes a
 * channel EOF once "up" is empty, the channel's EOF a shutdown of our end
 * once "down" is empty. A failure of the channel or of the jump host's
 * connection breaks the link: our end is closed, so the next session
 * fails at once instead of waiting for its deadline, and broken says why.
 */
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sshchan.h"
#include "sshfwd.h"
#include "util.h"

#define FWD_BUF 65536
/* libssh2_channel_read() may return 0 for a packet not ours: retries. */
#define ZERO_READS 4

struct half {
	char data[FWD_BUF];
	size_t off, len; /* bytes data[off..len) wait */
};

struct sshfwd {
	LIBSSH2_SESSION *ssh;
	int fd; /* the jump host session's socket */
	const struct connector_pump *under;
	LIBSSH2_CHANNEL *ch;
	int sock; /* our end of the socketpair; -1 once closed */
	struct half up, down;
	int sock_eof;  /* the next session closed its end */
	int eof_sent;  /* ... and the channel was told */
	int chan_eof;  /* the far end sent EOF */
	int shut_sent; /* ... and our end was shut for writing */
	size_t nunder; /* pollfds under added in the last prepare */
	char broken[256];
	struct connector_pump pump;
};

static size_t
room(const struct half *h)
{
	return sizeof(h->data) - h->len;
}

static size_t
waiting(const struct half *h)
{
	return h->len - h->off;
}

static void
took(struct half *h, size_t n)
{
	h->off += n;
	if (h->off == h->len)
		h->off = h->len = 0;
}

/* Space at the end of h for reading, moving what waits to the front. */
static char *
space(struct half *h)
{
	if (h->off > 0 && room(h) < FWD_BUF / 4) {
		memmove(h->data, h->data + h->off, h->len - h->off);
		h->len -= h->off;
		h->off = 0;
	}
	return h->data + h->len;
}

static void
close_sock(struct sshfwd *fw)
{
	if (fw->sock != -1)
		close(fw->sock);
	fw->sock = -1;
}

static void
fw_break(struct sshfwd *fw, const char *what)
{
	if (fw->broken[0] == '\0')
		snprintf(fw->broken, sizeof(fw->broken), "%s: %s", what,
		    sshchan_errmsg(fw->ssh));
	close_sock(fw);
}

static size_t
fw_prepare(void *ctx, struct pollfd *p, size_t max)
{
	struct sshfwd *fw = ctx;
	size_t n = 0;
	int dir, want_chan_in, want_chan_out;
	short ev = 0;

	fw->nunder = fw->under != NULL
	    ? fw->under->prepare(fw->under->ctx, p, max > 2 ? max - 2 : 0)
	    : 0;
	n = fw->nunder;
	if (fw->broken[0] != '\0' || n + 2 > max)
		return n;
	dir = libssh2_session_block_directions(fw->ssh);
	want_chan_in = !fw->chan_eof && room(&fw->down) > 0;
	want_chan_out = waiting(&fw->up) > 0 || (fw->sock_eof && !fw->eof_sent);
	if (want_chan_in)
		ev |= POLLIN;
	if (want_chan_in || want_chan_out) {
		if (dir & LIBSSH2_SESSION_BLOCK_INBOUND)
			ev |= POLLIN;
		if (dir & LIBSSH2_SESSION_BLOCK_OUTBOUND)
			ev |= POLLOUT;
		if (ev == 0)
			ev = POLLIN;
	}
	if (ev != 0) {
		p[n++] = (struct pollfd){.fd = fw->fd, .events = ev};
	}
	if (fw->sock != -1) {
		ev = 0;
		if (!fw->sock_eof && room(&fw->up) > 0)
			ev |= POLLIN;
		if (waiting(&fw->down) > 0)
			ev |= POLLOUT;
		if (ev != 0) {
			p[n++] = (struct pollfd){.fd = fw->sock, .events = ev};
		}
	}
	return n;
}

/* Our end of the socketpair into "up". Nonzero when anything moved. */
static int
sock_to_up(struct sshfwd *fw)
{
	ssize_t r;

	if (fw->sock == -1 || fw->sock_eof || room(&fw->up) == 0)
		return 0;
	r = read(fw->sock, space(&fw->up), room(&fw->up));
	if (r > 0) {
		fw->up.len += (size_t)r;
		return 1;
	}
	if (r == -1 && (errno == EAGAIN || errno == EINTR))
		return 0;
	/* EOF, or the next session's end is gone (ECONNRESET). */
	fw->sock_eof = 1;
	return 1;
}

static int
up_to_chan(struct sshfwd *fw)
{
	ssize_t w;
	int rc;

	if (waiting(&fw->up) > 0) {
		w = libssh2_channel_write(
		    fw->ch, fw->up.data + fw->up.off, waiting(&fw->up));
		if (w > 0) {
			took(&fw->up, (size_t)w);
			return 1;
		}
		if (w != 0 && w != LIBSSH2_ERROR_EAGAIN)
			fw_break(
			    fw, "the channel through the jump host failed");
		return 0;
	}
	if (fw->sock_eof && !fw->eof_sent) {
		rc = libssh2_channel_send_eof(fw->ch);
		if (rc == 0) {
			fw->eof_sent = 1;
			return 1;
		}
		if (rc != LIBSSH2_ERROR_EAGAIN)
			fw_break(
			    fw, "the channel through the jump host failed");
	}
	return 0;
}

static int
chan_to_down(struct sshfwd *fw)
{
	ssize_t r;
	int zeros;

	if (fw->chan_eof || room(&fw->down) == 0)
		return 0;
	for (zeros = 0; zeros < ZERO_READS; zeros++) {
		r = libssh2_channel_read(
		    fw->ch, space(&fw->down), room(&fw->down));
		if (r > 0) {
			fw->down.len += (size_t)r;
			return 1;
		}
		if (r != 0 && r != LIBSSH2_ERROR_EAGAIN) {
			fw_break(fw, "connection to the jump host lost");
			return 0;
		}
		if (libssh2_channel_eof(fw->ch)) {
			fw->chan_eof = 1;
			return 1;
		}
		if (r == LIBSSH2_ERROR_EAGAIN)
			break;
	}
	return 0;
}

static int
down_to_sock(struct sshfwd *fw)
{
	ssize_t w;

	if (fw->sock == -1)
		return 0;
	if (waiting(&fw->down) > 0) {
		w = send(fw->sock, fw->down.data + fw->down.off,
		    waiting(&fw->down), MSG_NOSIGNAL);
		if (w > 0) {
			took(&fw->down, (size_t)w);
			return 1;
		}
		if (w == -1 && (errno == EAGAIN || errno == EINTR))
			return 0;
		/* The next session is gone: what it would get is moot. */
		fw->down.off = fw->down.len = 0;
		return 1;
	}
	if (fw->chan_eof && !fw->shut_sent) {
		(void)shutdown(fw->sock, SHUT_WR);
		fw->shut_sent = 1;
		return 1;
	}
	return 0;
}

static int
fw_run(void *ctx, const struct pollfd *p, size_t n)
{
	struct sshfwd *fw = ctx;
	int moved, any = 0;

	if (fw->under != NULL)
		any = fw->under->run(
		    fw->under->ctx, p, fw->nunder < n ? fw->nunder : n);
	do {
		if (fw->broken[0] != '\0')
			break;
		moved = sock_to_up(fw);
		moved |= up_to_chan(fw);
		moved |= chan_to_down(fw);
		moved |= down_to_sock(fw);
		any |= moved;
	} while (moved);
	return any;
}

struct sshfwd *
sshfwd_open(LIBSSH2_SESSION *ssh, int fd, const struct connector_pump *under,
    const char *host, unsigned port, int64_t deadline, int *sock,
    struct failure *f)
{
	struct sshfwd *fw;
	LIBSSH2_CHANNEL *ch;
	int sv[2];

	*sock = -1;
	for (;;) {
		/* The originator is us, as ssh -W says: no address of ours. */
		ch = libssh2_channel_direct_tcpip_ex(
		    ssh, host, (int)port, "127.0.0.1", 0);
		if (ch != NULL)
			break;
		if (libssh2_session_last_errno(ssh) != LIBSSH2_ERROR_EAGAIN) {
			failure_set(f, ERR_SSH,
			    "cannot open a channel to %s port %u: %s", host,
			    port, sshchan_errmsg(ssh));
			return NULL;
		}
		if (sshchan_wait(ssh, fd, under, deadline) == -1) {
			failure_timeout(f, ERR_CONNECT_TIMEOUT,
			    "opening a channel to %s port %u timed out", host,
			    port);
			return NULL;
		}
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0,
		sv) == -1) {
		failure_set(f, ERR_INTERNAL, "socketpair: %s", strerror(errno));
		while (libssh2_channel_free(ch) == LIBSSH2_ERROR_EAGAIN)
			if (sshchan_wait(ssh, fd, under, deadline) == -1)
				break;
		return NULL;
	}
	fw = xcalloc(1, sizeof(*fw));
	fw->ssh = ssh;
	fw->fd = fd;
	fw->under = under;
	fw->ch = ch;
	fw->sock = sv[0];
	fw->pump = (struct connector_pump){fw, fw_prepare, fw_run};
	*sock = sv[1];
	return fw;
}

const struct connector_pump *
sshfwd_pump(struct sshfwd *fw)
{
	return &fw->pump;
}

const char *
sshfwd_broken(const struct sshfwd *fw)
{
	return fw->broken[0] != '\0' ? fw->broken : NULL;
}

void
sshfwd_free(struct sshfwd *fw, int64_t deadline)
{
	int rc;

	if (fw == NULL)
		return;
	close_sock(fw);
	/*
	 * A broken link's session is gone: freeing the channel would only
	 * wait. Otherwise close it politely, bounded; what is left goes
	 * with the session.
	 */
	if (fw->broken[0] == '\0') {
		while ((rc = libssh2_channel_close(fw->ch)) ==
		    LIBSSH2_ERROR_EAGAIN)
			if (sshchan_wait(
				fw->ssh, fw->fd, fw->under, deadline) == -1)
				break;
		if (rc == 0)
			while (libssh2_channel_free(fw->ch) ==
			    LIBSSH2_ERROR_EAGAIN)
				if (sshchan_wait(fw->ssh, fw->fd, fw->under,
					deadline) == -1)
					break;
	}
	free(fw);
}
