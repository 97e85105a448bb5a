/*
 * ns_session: one SSH connection on the libssh 0.10 server API, driven
 * without blocking. States: WAIT_BANNER (banner_delay running, SSH not
 * started), KEX, READY (auth and channel traffic), CLOSING (our channel
 * closed: we wait for the client to disconnect, or a grace period, so
 * queued output is not lost to an RST), DEAD (to be freed by the server).
 *
 * The session has an ssh_event of its own: libssh flushes a channel write
 * by polling the event the session belongs to, so with one event shared
 * by all sessions a write on session A could run session B's callbacks,
 * and B's disconnect made that nested poll fail and put A into the error
 * state (t1032). ssh_handle_key_exchange() is called once only, as it
 * polls the whole event when called again; key exchange and auth then run
 * from libssh's packet callbacks inside ssh_event_dopoll().
 *
 * Callbacks only record state or feed the CLI; ns_session_tick() moves
 * output into the channel within the client's window and the trickle
 * budget, and ends the session.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "ns_cli.h"
#include "ns_log.h"
#include "ns_session.h"

#define CLOSE_GRACE_MS 5000
#define WRITE_CHUNK 32768

enum sess_state {
	SS_WAIT_BANNER,
	SS_KEX,
	SS_READY,
	SS_CLOSING,
	SS_DEAD,
};

struct ns_session {
	struct ns_device *dev;
	struct ns_stats *stats;
	ssh_bind bind;
	enum sess_state st;
	int fd; /* until ssh_bind_accept_fd(); then libssh's */
	ssh_session ssh;
	ssh_channel chan;
	ssh_event ev;
	int authed;
	int peer_closed;
	char *kbd_user;
	struct ns_cli *cli;
	int64_t now; /* of the poll or tick being handled */
	int64_t wake;
	int64_t close_by;
	int64_t tb_last;
	long tokens;
	struct ssh_server_callbacks_struct scb;
	struct ssh_channel_callbacks_struct ccb;
};

static void begin_ssh(struct ns_session *s);

static void
kill_session(struct ns_session *s)
{
	s->st = SS_DEAD;
}

struct ns_session *
ns_session_new(struct ns_device *dev, int fd, ssh_bind bind,
    struct ns_stats *stats, int64_t now)
{
	struct ns_session *s;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		close(fd);
		return NULL;
	}
	s->dev = dev;
	s->stats = stats;
	s->bind = bind;
	s->fd = fd;
	s->now = now;
	if (++stats->sessions > stats->max_sessions)
		stats->max_sessions = stats->sessions;
	if (dev->banner_delay_ms > 0) {
		s->st = SS_WAIT_BANNER;
		s->wake = now + dev->banner_delay_ms;
	} else {
		begin_ssh(s);
	}
	return s;
}

void
ns_session_free(struct ns_session *s)
{
	if (s->ev != NULL) {
		ssh_event_remove_session(s->ev, s->ssh);
		ssh_event_free(s->ev);
	}
	if (s->ssh != NULL) {
		if (ssh_is_connected(s->ssh))
			ssh_disconnect(s->ssh);
		ssh_free(s->ssh);
	}
	if (s->fd >= 0)
		close(s->fd);
	ns_cli_free(s->cli);
	free(s->kbd_user);
	s->stats->sessions--;
	free(s);
}

int
ns_session_dead(const struct ns_session *s)
{
	return s->st == SS_DEAD;
}

int64_t
ns_session_wake(const struct ns_session *s)
{
	return s->wake;
}

size_t
ns_session_nfds(const struct ns_session *s)
{
	return s->ev == NULL || s->st == SS_DEAD ? 0 : 1;
}

void
ns_session_pollfds(struct ns_session *s, struct pollfd *p, int *timeout)
{
	int flags = ssh_get_poll_flags(s->ssh);

	if (flags & SSH_READ_PENDING)
		*timeout = 0;
	p[0] = (struct pollfd){ssh_get_fd(s->ssh),
	    (short)(POLLIN | (flags & SSH_WRITE_PENDING ? POLLOUT : 0)), 0};
}

void
ns_session_events(struct ns_session *s, const struct pollfd *p, int64_t now)
{
	s->now = now;
	if (p[0].revents != 0 ||
	    (ssh_get_poll_flags(s->ssh) & SSH_READ_PENDING))
		ssh_event_dopoll(s->ev, 0);
}

/* ---- authentication ---------------------------------------------- */

static int
auth_password(ssh_session ssh, const char *user, const char *pass, void *ud)
{
	struct ns_session *s = ud;
	struct ns_device *d = s->dev;

	(void)ssh;
	if (!(d->auth_methods & SSH_AUTH_METHOD_PASSWORD) ||
	    (d->faults & NS_FAULT_AUTH_FAIL) ||
	    strcmp(user, d->username) != 0 || strcmp(pass, d->password) != 0) {
		s->stats->auth_failures++;
		return SSH_AUTH_DENIED;
	}
	s->authed = 1;
	return SSH_AUTH_SUCCESS;
}

static int
auth_pubkey(ssh_session ssh, const char *user, struct ssh_key_struct *pubkey,
    char state, void *ud)
{
	struct ns_session *s = ud;
	struct ns_device *d = s->dev;
	size_t i;
	int found = 0;

	(void)ssh;
	for (i = 0; i < d->nkeys && !found; i++)
		found =
		    ssh_key_cmp(d->keys[i], pubkey, SSH_KEY_CMP_PUBLIC) == 0;
	if (!found || !(d->auth_methods & SSH_AUTH_METHOD_PUBLICKEY) ||
	    (d->faults & NS_FAULT_AUTH_FAIL) ||
	    strcmp(user, d->username) != 0) {
		if (state != SSH_PUBLICKEY_STATE_NONE)
			s->stats->auth_failures++;
		return SSH_AUTH_DENIED;
	}
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;
	if (state == SSH_PUBLICKEY_STATE_VALID) {
		s->authed = 1;
		return SSH_AUTH_SUCCESS;
	}
	s->stats->auth_failures++;
	return SSH_AUTH_DENIED;
}

/*
 * Messages no callback handled. keyboard-interactive has no server
 * callback in libssh 0.10: one prompt, "Password: ". Returning 1 sends
 * libssh's default refusal.
 */
static int
on_message(ssh_session ssh, ssh_message m, void *ud)
{
	struct ns_session *s = ud;
	struct ns_device *d = s->dev;
	const char *prompts[] = {"Password: "};
	char echo[] = {0};
	const char *ans;

	if (ssh_message_type(m) != SSH_REQUEST_AUTH ||
	    ssh_message_subtype(m) != SSH_AUTH_METHOD_INTERACTIVE)
		return 1;
	if (!(d->auth_methods & SSH_AUTH_METHOD_INTERACTIVE))
		return 1;
	if (!ssh_message_auth_kbdint_is_response(m)) {
		/* The response carries no user name: keep it from here. */
		free(s->kbd_user);
		s->kbd_user = ssh_message_auth_user(m)
		    ? strdup(ssh_message_auth_user(m))
		    : NULL;
		ssh_message_auth_interactive_request(
		    m, "", "", 1, prompts, echo);
		return 0;
	}
	ans = ssh_userauth_kbdint_getnanswers(ssh) == 1
	    ? ssh_userauth_kbdint_getanswer(ssh, 0)
	    : NULL;
	if (ans == NULL || s->kbd_user == NULL ||
	    (d->faults & NS_FAULT_AUTH_FAIL) ||
	    strcmp(s->kbd_user, d->username) != 0 ||
	    strcmp(ans, d->password) != 0) {
		s->stats->auth_failures++;
		return 1;
	}
	s->authed = 1;
	ssh_message_auth_reply_success(m, 0);
	return 0;
}

/* ---- the session channel ----------------------------------------- */

static int
on_data(ssh_session ssh, ssh_channel ch, void *data, uint32_t len, int err,
    void *ud)
{
	struct ns_session *s = ud;

	(void)ssh;
	(void)ch;
	(void)err;
	if (s->cli == NULL)
		return (int)len;
	return (int)ns_cli_input(s->cli, data, len);
}

static void
on_eof(ssh_session ssh, ssh_channel ch, void *ud)
{
	struct ns_session *s = ud;

	(void)ssh;
	(void)ch;
	if (s->cli != NULL)
		ns_cli_eof(s->cli);
	else
		s->peer_closed = 1;
}

static void
on_close(ssh_session ssh, ssh_channel ch, void *ud)
{
	struct ns_session *s = ud;

	(void)ssh;
	(void)ch;
	s->peer_closed = 1;
}

static int
on_pty(ssh_session ssh, ssh_channel ch, const char *term, int w, int h, int pw,
    int ph, void *ud)
{
	struct ns_session *s = ud;

	(void)ssh;
	(void)ch;
	(void)term;
	(void)w;
	(void)h;
	(void)pw;
	(void)ph;
	return (s->dev->faults & NS_FAULT_NO_PTY) ? -1 : 0;
}

static int
on_shell(ssh_session ssh, ssh_channel ch, void *ud)
{
	struct ns_session *s = ud;

	(void)ssh;
	(void)ch;
	if (s->cli != NULL || (s->cli = ns_cli_new(s->dev, s->stats)) == NULL)
		return 1;
	ns_cli_start(s->cli, s->now);
	return 0;
}

static int
on_exec(ssh_session ssh, ssh_channel ch, const char *cmd, void *ud)
{
	struct ns_session *s = ud;

	(void)ssh;
	(void)ch;
	if (s->cli != NULL || (s->cli = ns_cli_new(s->dev, s->stats)) == NULL)
		return 1;
	ns_cli_exec(s->cli, cmd, s->now);
	return 0;
}

static int
on_window(ssh_session ssh, ssh_channel ch, uint32_t bytes, void *ud)
{
	(void)ssh;
	(void)ch;
	(void)bytes;
	(void)ud;
	return 0; /* ns_session_tick() resumes the output after this poll */
}

static ssh_channel
on_channel_open(ssh_session ssh, void *ud)
{
	struct ns_session *s = ud;

	if (!s->authed || s->chan != NULL)
		return NULL;
	if ((s->chan = ssh_channel_new(ssh)) == NULL)
		return NULL;
	memset(&s->ccb, 0, sizeof(s->ccb));
	s->ccb.userdata = s;
	s->ccb.channel_data_function = on_data;
	s->ccb.channel_eof_function = on_eof;
	s->ccb.channel_close_function = on_close;
	s->ccb.channel_pty_request_function = on_pty;
	s->ccb.channel_shell_request_function = on_shell;
	s->ccb.channel_exec_request_function = on_exec;
	s->ccb.channel_write_wontblock_function = on_window;
	ssh_callbacks_init(&s->ccb);
	ssh_set_channel_callbacks(s->chan, &s->ccb);
	return s->chan;
}

/* ---- starting, sending, ending ----------------------------------- */

static void
begin_ssh(struct ns_session *s)
{
	int fd = s->fd;

	if ((s->ssh = ssh_new()) == NULL) {
		kill_session(s);
		return;
	}
	s->fd = -1; /* ssh_free() closes it from now on */
	if (ssh_bind_accept_fd(s->bind, s->ssh, fd) != SSH_OK) {
		ns_log(
		    "%s: accept: %s", s->dev->hostname, ssh_get_error(s->bind));
		kill_session(s);
		return;
	}
	memset(&s->scb, 0, sizeof(s->scb));
	s->scb.userdata = s;
	s->scb.auth_password_function = auth_password;
	s->scb.auth_pubkey_function = auth_pubkey;
	s->scb.channel_open_request_session_function = on_channel_open;
	ssh_callbacks_init(&s->scb);
	ssh_set_server_callbacks(s->ssh, &s->scb);
	ssh_set_message_callback(s->ssh, on_message, s);
	ssh_set_auth_methods(s->ssh, s->dev->auth_methods);
	ssh_set_blocking(s->ssh, 0);
	if (ssh_handle_key_exchange(s->ssh) == SSH_ERROR) {
		kill_session(s);
		return;
	}
	if ((s->ev = ssh_event_new()) == NULL ||
	    ssh_event_add_session(s->ev, s->ssh) != SSH_OK) {
		kill_session(s);
		return;
	}
	s->st = SS_KEX;
}

/* How much of want the trickle budget allows now (0: wait a ms). */
static size_t
trickle_budget(struct ns_session *s, size_t want, int64_t now)
{
	long rate = s->dev->trickle;

	s->tokens += rate * (now - s->tb_last);
	if (s->tokens > rate * 20)
		s->tokens = rate * 20;
	s->tb_last = now;
	if ((long)want > s->tokens)
		want = (size_t)s->tokens;
	if (want == 0)
		s->wake = now + 1;
	return want;
}

/* Send what the shell produced, within the window and trickle budget. */
static void
write_output(struct ns_session *s, int64_t now)
{
	const char *p;
	size_t len, n;
	uint32_t win;
	int rc;

	p = ns_cli_output(s->cli, &len);
	while (len > 0) {
		win = ssh_channel_window_size(s->chan);
		n = len < WRITE_CHUNK ? len : WRITE_CHUNK;
		if (n > win)
			n = win;
		if (s->dev->trickle > 0 && (n = trickle_budget(s, n, now)) == 0)
			return;
		if (n == 0)
			return;
		rc = ssh_channel_write(s->chan, p, (uint32_t)n);
		if (rc == SSH_ERROR) {
			kill_session(s);
			return;
		}
		if (rc == 0)
			return;
		s->tokens -= rc;
		ns_cli_consumed(s->cli, (size_t)rc);
		p = ns_cli_output(s->cli, &len);
	}
}

static void
start_closing(struct ns_session *s, int64_t now)
{
	s->st = SS_CLOSING;
	s->close_by = now + CLOSE_GRACE_MS;
	s->wake = s->close_by;
}

/* Run the shell and send its output; end the channel when it ends. */
static void
pump(struct ns_session *s, int64_t now)
{
	size_t len, before;
	int64_t w;

	s->wake = 0;
	for (;;) {
		w = ns_cli_step(s->cli, now);
		if (w != 0)
			s->wake = w;
		ns_cli_output(s->cli, &before);
		if (before == 0)
			break;
		write_output(s, now);
		if (s->st == SS_DEAD)
			return;
		ns_cli_output(s->cli, &len);
		if (len > 0 || len == before)
			break;
	}
	ns_cli_output(s->cli, &len);
	if (len > 0)
		return;
	switch (ns_cli_ended(s->cli)) {
	case NS_CLI_RUNNING:
		return;
	case NS_CLI_EXIT:
		ssh_channel_request_send_exit_status(s->chan, 0);
		ssh_channel_send_eof(s->chan);
		ssh_channel_close(s->chan);
		start_closing(s, now);
		return;
	case NS_CLI_DROP:
		kill_session(s);
		return;
	}
}

int64_t
ns_session_tick(struct ns_session *s, int64_t now)
{
	s->now = now;
	if (s->st == SS_WAIT_BANNER && now >= s->wake) {
		s->wake = 0;
		begin_ssh(s);
	}
	if (s->st == SS_KEX)
		s->st = SS_READY;
	if (s->ssh != NULL && s->st != SS_DEAD &&
	    (ssh_get_status(s->ssh) & (SSH_CLOSED | SSH_CLOSED_ERROR)))
		kill_session(s);
	if (s->st == SS_READY && s->chan != NULL && s->peer_closed) {
		ssh_channel_close(s->chan);
		start_closing(s, now);
	}
	if (s->st == SS_READY && s->cli != NULL)
		pump(s, now);
	if (s->st == SS_CLOSING && now >= s->close_by)
		kill_session(s);
	return s->st == SS_DEAD ? 0 : s->wake;
}
