/*
 * sshchan: a struct channel is the first member of struct sshchan, so the
 * ops cast back. Reads never block: "nothing yet" is 0 and the caller
 * waits through sshchan_wait(); libssh2's EOF is only reported once no
 * data of the channel is left, so nothing read before an EOF is lost.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>

#include "sshchan.h"
#include "util.h"

#define PTY_COLS 511
#define PTY_ROWS 1000

struct sshchan {
	struct channel base; /* first: a struct channel * is a sshchan */
	LIBSSH2_SESSION *ssh;
	int fd;
	const struct connector_pump *pump; /* under fd, or NULL */
	LIBSSH2_CHANNEL *ch;
	int exec;
};

const char *
sshchan_errmsg(LIBSSH2_SESSION *ssh)
{
	char *msg = NULL;

	libssh2_session_last_error(ssh, &msg, NULL, 0);
	return msg != NULL && msg[0] != '\0' ? msg : "unknown error";
}

/*
 * Rounds of a pump's run() after one poll: it drains until nothing moves,
 * but a link that never stops moving must not keep us from the session.
 */
#define PUMP_ROUNDS 64

int
sshchan_wait(LIBSSH2_SESSION *ssh, int fd, const struct connector_pump *pump,
    int64_t deadline)
{
	struct pollfd pfd[1 + CONNECTOR_PUMP_FDS];
	size_t n;
	int dir, ms, rc, round;

	for (;;) {
		dir = libssh2_session_block_directions(ssh);
		pfd[0].fd = fd;
		pfd[0].events = 0;
		pfd[0].revents = 0;
		if (dir & LIBSSH2_SESSION_BLOCK_INBOUND)
			pfd[0].events |= POLLIN;
		if (dir & LIBSSH2_SESSION_BLOCK_OUTBOUND)
			pfd[0].events |= POLLOUT;
		if (pfd[0].events == 0)
			pfd[0].events = POLLIN;
		n = pump != NULL
		    ? pump->prepare(pump->ctx, pfd + 1, CONNECTOR_PUMP_FDS)
		    : 0;
		ms = deadline_poll_ms(deadline);
		if (ms == 0)
			return -1;
		rc = poll(pfd, 1 + n, ms);
		if (rc == 0)
			return -1;
		if (rc == -1 && errno != EINTR)
			return -1;
		if (rc == -1)
			continue;
		/*
		 * What the links under the socket moved may be what this
		 * session waits for: poll again rather than return, unless
		 * its own socket is ready already.
		 */
		for (round = 0; pump != NULL && round < PUMP_ROUNDS; round++)
			if (!pump->run(pump->ctx, pfd + 1, n))
				break;
		if (pfd[0].revents != 0)
			return 0;
	}
}

static ssize_t
chan_read(struct channel *c, enum channel_stream stream, char *p, size_t n)
{
	struct sshchan *sc = (struct sshchan *)c;
	int id = stream == CHANNEL_STDERR ? SSH_EXTENDED_DATA_STDERR : 0;
	ssize_t r;
	int zeros = 0;

	for (;;) {
		r = libssh2_channel_read_ex(sc->ch, id, p, n);
		if (r > 0)
			return r;
		if (r != 0 && r != LIBSSH2_ERROR_EAGAIN)
			return CHANNEL_LOST;
		if (libssh2_channel_eof(sc->ch))
			return CHANNEL_EOF;
		/*
		 * 0 without EOF: libssh2 handled a packet that was not ours
		 * (or data waits on the other stream); look again, a few
		 * times, before calling it "nothing yet".
		 */
		if (r == LIBSSH2_ERROR_EAGAIN || ++zeros == 8)
			return 0;
	}
}

static ssize_t
chan_write(struct channel *c, const char *p, size_t n)
{
	struct sshchan *sc = (struct sshchan *)c;
	ssize_t r = libssh2_channel_write(sc->ch, p, n);

	if (r > 0)
		return r;
	return r == 0 || r == LIBSSH2_ERROR_EAGAIN ? 0 : CHANNEL_LOST;
}

/*
 * Reading one stream makes libssh2 read the socket and queue what came
 * for the other: after "nothing on stdout, nothing on stderr" the bytes
 * may sit in libssh2's queue with none left on the socket. Polling then
 * would wait for the peer, which has said everything (t3017, 1 run in
 * about 100 under load). Queued data the caller reads is "ready" now.
 */
static int
chan_wait(struct channel *c, int64_t deadline)
{
	struct sshchan *sc = (struct sshchan *)c;

	/*
	 * 1: any stream (exec reads both); 0: stdout, all a shell reads.
	 * Not while libssh2 waits to send (a window adjust): that is a
	 * real wait, for POLLOUT, not a spin.
	 */
	if (!(libssh2_session_block_directions(sc->ssh) &
		LIBSSH2_SESSION_BLOCK_OUTBOUND) &&
	    libssh2_poll_channel_read(sc->ch, sc->exec) == 1)
		return 0;
	return sshchan_wait(sc->ssh, sc->fd, sc->pump, deadline);
}

static int
chan_exit_status(struct channel *c, int64_t deadline)
{
	struct sshchan *sc = (struct sshchan *)c;
	char *sig = NULL;
	size_t siglen = 0;
	int rc;

	/* exit-status may follow EOF: it is certain once the peer closed. */
	while (
	    (rc = libssh2_channel_wait_closed(sc->ch)) == LIBSSH2_ERROR_EAGAIN)
		if (sshchan_wait(sc->ssh, sc->fd, sc->pump, deadline) == -1)
			return -1;
	if (rc != 0)
		return -1;
	if (libssh2_channel_get_exit_signal(
		sc->ch, &sig, &siglen, NULL, NULL, NULL, NULL) == 0 &&
	    sig != NULL) {
		libssh2_free(sc->ssh, sig);
		return -1;
	}
	return libssh2_channel_get_exit_status(sc->ch);
}

static const char *
chan_error(struct channel *c)
{
	struct sshchan *sc = (struct sshchan *)c;

	return sshchan_errmsg(sc->ssh);
}

static void
chan_close(struct channel *c, int64_t deadline)
{
	struct sshchan *sc = (struct sshchan *)c;
	int rc;

	/*
	 * A shell channel goes with the session (transport_close). An exec
	 * channel is closed now, so the next command's channel does not
	 * pile up on it; if that takes too long the session frees it.
	 */
	if (sc->exec) {
		while ((rc = libssh2_channel_close(sc->ch)) ==
		    LIBSSH2_ERROR_EAGAIN)
			if (sshchan_wait(sc->ssh, sc->fd, sc->pump, deadline) ==
			    -1)
				break;
		if (rc == 0)
			while ((rc = libssh2_channel_free(sc->ch)) ==
			    LIBSSH2_ERROR_EAGAIN)
				if (sshchan_wait(sc->ssh, sc->fd, sc->pump,
					deadline) == -1)
					break;
	}
	free(sc);
}

static const struct channel_ops ssh_channel_ops = {
    .read = chan_read,
    .write = chan_write,
    .wait = chan_wait,
    .exit_status = chan_exit_status,
    .error = chan_error,
    .close = chan_close,
};

/*
 * A new session channel, or NULL: *timed_out tells a deadline from a
 * refusal (then sshchan_errmsg() says why).
 */
static LIBSSH2_CHANNEL *
new_channel(LIBSSH2_SESSION *ssh, int fd, const struct connector_pump *pump,
    int64_t deadline, int *timed_out)
{
	LIBSSH2_CHANNEL *ch;

	*timed_out = 0;
	for (;;) {
		if ((ch = libssh2_channel_open_session(ssh)) != NULL)
			return ch;
		if (libssh2_session_last_errno(ssh) != LIBSSH2_ERROR_EAGAIN)
			return NULL;
		if (sshchan_wait(ssh, fd, pump, deadline) == -1) {
			*timed_out = 1;
			return NULL;
		}
	}
}

static struct sshchan *
wrap(LIBSSH2_SESSION *ssh, int fd, const struct connector_pump *pump,
    LIBSSH2_CHANNEL *ch, int exec)
{
	struct sshchan *sc = xcalloc(1, sizeof(*sc));

	sc->pump = pump;
	sc->base.ops = &ssh_channel_ops;
	sc->ssh = ssh;
	sc->fd = fd;
	sc->ch = ch;
	sc->exec = exec;
	return sc;
}

enum request {
	REQ_PTY,
	REQ_SHELL,
	REQ_EXEC,
};

/* Run one channel request to the end: 0, -1 deadline, -2 refused. */
static int
request(
    struct sshchan *sc, enum request which, const char *cmd, int64_t deadline)
{
	int rc = 0;

	for (;;) {
		switch (which) {
		case REQ_PTY:
			rc = libssh2_channel_request_pty_ex(sc->ch, "vt100", 5,
			    NULL, 0, PTY_COLS, PTY_ROWS, 0, 0);
			break;
		case REQ_SHELL:
			rc = libssh2_channel_shell(sc->ch);
			break;
		case REQ_EXEC:
			rc = libssh2_channel_exec(sc->ch, cmd);
			break;
		}
		if (rc != LIBSSH2_ERROR_EAGAIN)
			return rc == 0 ? 0 : -2;
		if (sshchan_wait(sc->ssh, sc->fd, sc->pump, deadline) == -1)
			return -1;
	}
}

struct channel *
sshchan_shell(LIBSSH2_SESSION *ssh, int fd, const struct connector_pump *pump,
    int64_t deadline, struct failure *f)
{
	LIBSSH2_CHANNEL *ch;
	struct sshchan *sc;
	int timed_out, rc;

	if ((ch = new_channel(ssh, fd, pump, deadline, &timed_out)) == NULL) {
		if (timed_out)
			failure_timeout(
			    f, ERR_PROMPT, "timed out opening the shell");
		else
			failure_set(f, ERR_SSH, "cannot open channel: %s",
			    sshchan_errmsg(ssh));
		return NULL;
	}
	sc = wrap(ssh, fd, pump, ch, 0);
	if ((rc = request(sc, REQ_PTY, NULL, deadline)) == -2)
		failure_set(
		    f, ERR_SSH, "pty request refused: %s", sshchan_errmsg(ssh));
	else if (rc == 0 && (rc = request(sc, REQ_SHELL, NULL, deadline)) == -2)
		failure_set(f, ERR_SSH, "shell request refused: %s",
		    sshchan_errmsg(ssh));
	if (rc == -1)
		failure_timeout(f, ERR_PROMPT, "timed out opening the shell");
	if (rc == 0)
		return &sc->base;
	chan_close(&sc->base, deadline);
	return NULL;
}

struct channel *
sshchan_exec(LIBSSH2_SESSION *ssh, int fd, const struct connector_pump *pump,
    const char *cmd, int64_t deadline, struct failure *f)
{
	LIBSSH2_CHANNEL *ch;
	struct sshchan *sc;
	int timed_out, rc;

	if ((ch = new_channel(ssh, fd, pump, deadline, &timed_out)) == NULL) {
		if (timed_out)
			failure_timeout(f, ERR_READ_TIMEOUT,
			    "timed out opening a channel for '%s'", cmd);
		else
			failure_set(f, ERR_SSH, "cannot open channel: %s",
			    sshchan_errmsg(ssh));
		return NULL;
	}
	sc = wrap(ssh, fd, pump, ch, 1);
	if ((rc = request(sc, REQ_EXEC, cmd, deadline)) == 0)
		return &sc->base;
	if (rc == -1)
		failure_set(
		    f, ERR_READ_TIMEOUT, "timed out starting '%s'", cmd);
	else
		failure_set(f, ERR_SSH, "exec request for '%s' refused: %s",
		    cmd, sshchan_errmsg(ssh));
	chan_close(&sc->base, deadline);
	return NULL;
}
