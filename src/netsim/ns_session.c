/*
 * ns_session: one SSH connection on the libssh 0.10 server API, driven
 * without blocking. States: WAIT_BANNER (banner_delay running, SSH not
 * started), KEX, READY (auth and channels), CLOSING (no channel left
 * open: we wait for the client to disconnect or open another channel,
 * or a grace period, so queued output is not lost to an RST), DEAD (to
 * be freed by the server).
 *
 * The session has an ssh_event of its own: libssh flushes a channel write
 * by polling the event the session belongs to, so with one event shared
 * by all sessions a write on session A could run session B's callbacks,
 * and B's disconnect made that nested poll fail and put A into the error
 * state (t1032). ssh_handle_key_exchange() is called once only, as it
 * polls the whole event when called again; key exchange and auth then run
 * from libssh's packet callbacks inside ssh_event_dopoll().
 *
 * A connection carries any number of channels (up to CHANNELS_MAX):
 * session channels (ns_chan: a shell or an exec each) and direct-tcpip
 * channels (ns_forward). Callbacks, here and there, only record state;
 * ns_session_tick() runs the channels, frees those closed both ways, and
 * ends the session. Channels are kept in arrays in opening order and
 * walked by index, since a nested libssh poll may append to them.
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

#include "ns_chan.h"
#include "ns_conn.h"
#include "ns_forward.h"
#include "ns_log.h"
#include "ns_session.h"

#define CLOSE_GRACE_MS 5000
#define CHANNELS_MAX 64

enum sess_state {
	SS_WAIT_BANNER,
	SS_KEX,
	SS_READY,
	SS_CLOSING,
	SS_DEAD,
};

struct ns_session {
	struct ns_conn conn;
	ssh_bind bind;
	enum sess_state st;
	int fd; /* until ssh_bind_accept_fd(); then libssh's */
	ssh_event ev;
	char *kbd_user;
	struct ns_chan **chans;
	size_t nchans;
	struct ns_forward **fwds;
	size_t nfwds;
	int had_channel;
	int64_t wake;
	int64_t close_by;
	struct ssh_server_callbacks_struct scb;
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
	s->conn.dev = dev;
	s->conn.stats = stats;
	s->conn.now = now;
	s->bind = bind;
	s->fd = fd;
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
	size_t i;

	/* Nothing is sent on them: a dropped connection must look dropped. */
	for (i = 0; i < s->nchans; i++)
		ns_chan_drop(s->chans[i]);
	free(s->chans);
	for (i = 0; i < s->nfwds; i++)
		ns_forward_drop(s->fwds[i]);
	free(s->fwds);
	if (s->ev != NULL) {
		ssh_event_remove_session(s->ev, s->conn.ssh);
		ssh_event_free(s->ev);
	}
	if (s->conn.ssh != NULL) {
		if (ssh_is_connected(s->conn.ssh))
			ssh_disconnect(s->conn.ssh);
		ssh_free(s->conn.ssh);
	}
	if (s->fd >= 0)
		close(s->fd);
	free(s->kbd_user);
	s->conn.stats->sessions--;
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
	size_t n = 1, i;

	if (s->ev == NULL || s->st == SS_DEAD)
		return 0;
	for (i = 0; i < s->nfwds; i++)
		n += ns_forward_nfds(s->fwds[i]);
	return n;
}

/*
 * ssh_get_poll_flags() says which events libssh's poll handle waits for
 * (SSH_READ_PENDING is "wants POLLIN", nearly always), not that input is
 * buffered: libssh handles every whole packet it reads at once. Taking it
 * for buffered input made every poll return at once while any client was
 * connected (t1038).
 */
size_t
ns_session_pollfds(struct ns_session *s, struct pollfd *p)
{
	ssh_session ssh = s->conn.ssh;
	int flags;
	size_t n = 1, i;

	if (s->ev == NULL || s->st == SS_DEAD)
		return 0;
	flags = ssh_get_poll_flags(ssh);
	p[0] = (struct pollfd){ssh_get_fd(ssh),
	    (short)(POLLIN | (flags & SSH_WRITE_PENDING ? POLLOUT : 0)), 0};
	for (i = 0; i < s->nfwds; i++)
		n += (size_t)ns_forward_pollfd(s->fwds[i], &p[n]);
	return n;
}

size_t
ns_session_events(struct ns_session *s, const struct pollfd *p, int64_t now)
{
	size_t n = 1, i, nf = s->nfwds;

	if (s->ev == NULL || s->st == SS_DEAD)
		return 0;
	s->conn.now = now;
	/* Before the libssh poll, which may open channels. */
	for (i = 0; i < nf; i++)
		n += (size_t)ns_forward_events(s->fwds[i], &p[n]);
	if (p[0].revents != 0)
		ssh_event_dopoll(s->ev, 0);
	return n;
}

/* ---- authentication ---------------------------------------------- */

static int
auth_password(ssh_session ssh, const char *user, const char *pass, void *ud)
{
	struct ns_session *s = ud;
	struct ns_device *d = s->conn.dev;

	(void)ssh;
	if (!(d->auth_methods & SSH_AUTH_METHOD_PASSWORD) ||
	    (d->faults & NS_FAULT_AUTH_FAIL) ||
	    strcmp(user, d->username) != 0 || strcmp(pass, d->password) != 0) {
		s->conn.stats->auth_failures++;
		return SSH_AUTH_DENIED;
	}
	s->conn.authed = 1;
	return SSH_AUTH_SUCCESS;
}

static int
auth_pubkey(ssh_session ssh, const char *user, struct ssh_key_struct *pubkey,
    char state, void *ud)
{
	struct ns_session *s = ud;
	struct ns_device *d = s->conn.dev;
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
			s->conn.stats->auth_failures++;
		return SSH_AUTH_DENIED;
	}
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;
	if (state == SSH_PUBLICKEY_STATE_VALID) {
		s->conn.authed = 1;
		return SSH_AUTH_SUCCESS;
	}
	s->conn.stats->auth_failures++;
	return SSH_AUTH_DENIED;
}

/* keyboard-interactive: one prompt, "Password: ". */
static int
kbdint(struct ns_session *s, ssh_message m)
{
	struct ns_device *d = s->conn.dev;
	const char *prompts[] = {"Password: "};
	char echo[] = {0};
	const char *ans;

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
	ans = ssh_userauth_kbdint_getnanswers(s->conn.ssh) == 1
	    ? ssh_userauth_kbdint_getanswer(s->conn.ssh, 0)
	    : NULL;
	if (ans == NULL || s->kbd_user == NULL ||
	    (d->faults & NS_FAULT_AUTH_FAIL) ||
	    strcmp(s->kbd_user, d->username) != 0 ||
	    strcmp(ans, d->password) != 0) {
		s->conn.stats->auth_failures++;
		return 1;
	}
	s->conn.authed = 1;
	ssh_message_auth_reply_success(m, 0);
	return 0;
}

/* ---- channels ------------------------------------------------------ */

static int
room_for_channel(const struct ns_session *s)
{
	return s->conn.authed && s->nchans + s->nfwds < CHANNELS_MAX;
}

/* Append p to the array *a of *n entries; 0 or -1. */
static int
append(void ***a, size_t *n, void *p)
{
	void **na;

	if ((na = realloc(*a, (*n + 1) * sizeof(*na))) == NULL)
		return -1;
	na[(*n)++] = p;
	*a = na;
	return 0;
}

static void
channel_opened(struct ns_session *s)
{
	s->had_channel = 1;
	if (s->st == SS_CLOSING)
		s->st = SS_READY;
}

/* direct-tcpip: returning 1 lets libssh refuse the channel. */
static int
forward(struct ns_session *s, ssh_message m)
{
	struct ns_forward *f;

	if (!room_for_channel(s) || (f = ns_forward_open(&s->conn, m)) == NULL)
		return 1;
	if (append((void ***)&s->fwds, &s->nfwds, f) == -1) {
		ns_forward_free(f); /* accepted, then closed */
		return 0;
	}
	channel_opened(s);
	return 0;
}

/*
 * Messages no server callback handled: keyboard-interactive (libssh
 * 0.10 has no callback for it) and direct-tcpip opens. Returning 1 sends
 * libssh's default refusal.
 */
static int
on_message(ssh_session ssh, ssh_message m, void *ud)
{
	struct ns_session *s = ud;

	(void)ssh;
	if (ssh_message_type(m) == SSH_REQUEST_AUTH &&
	    ssh_message_subtype(m) == SSH_AUTH_METHOD_INTERACTIVE)
		return kbdint(s, m);
	if (ssh_message_type(m) == SSH_REQUEST_CHANNEL_OPEN &&
	    ssh_message_subtype(m) == SSH_CHANNEL_DIRECT_TCPIP)
		return forward(s, m);
	return 1;
}

static ssh_channel
on_channel_open(ssh_session ssh, void *ud)
{
	struct ns_session *s = ud;
	struct ns_chan *ch;

	(void)ssh;
	if (!room_for_channel(s) || (ch = ns_chan_new(&s->conn)) == NULL)
		return NULL;
	if (append((void ***)&s->chans, &s->nchans, ch) == -1) {
		ns_chan_free(ch);
		return NULL;
	}
	channel_opened(s);
	return ns_chan_channel(ch);
}

/* ---- starting and ending ------------------------------------------- */

static void
begin_ssh(struct ns_session *s)
{
	int fd = s->fd;

	if ((s->conn.ssh = ssh_new()) == NULL) {
		kill_session(s);
		return;
	}
	s->fd = -1; /* ssh_free() closes it from now on */
	if (ssh_bind_accept_fd(s->bind, s->conn.ssh, fd) != SSH_OK) {
		ns_log("%s: accept: %s", s->conn.dev->hostname,
		    ssh_get_error(s->bind));
		kill_session(s);
		return;
	}
	memset(&s->scb, 0, sizeof(s->scb));
	s->scb.userdata = s;
	s->scb.auth_password_function = auth_password;
	s->scb.auth_pubkey_function = auth_pubkey;
	s->scb.channel_open_request_session_function = on_channel_open;
	ssh_callbacks_init(&s->scb);
	ssh_set_server_callbacks(s->conn.ssh, &s->scb);
	ssh_set_message_callback(s->conn.ssh, on_message, s);
	ssh_set_auth_methods(s->conn.ssh, s->conn.dev->auth_methods);
	ssh_set_blocking(s->conn.ssh, 0);
	if (ssh_handle_key_exchange(s->conn.ssh) == SSH_ERROR) {
		kill_session(s);
		return;
	}
	if ((s->ev = ssh_event_new()) == NULL ||
	    ssh_event_add_session(s->ev, s->conn.ssh) != SSH_OK) {
		kill_session(s);
		return;
	}
	s->st = SS_KEX;
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

/* A channel's state, for the session: 1 if still open, -1 to end. */
static int
open_or_fatal(struct ns_session *s, enum ns_chan_state st)
{
	switch (st) {
	case NS_CH_OPEN:
		return 1;
	case NS_CH_CLOSED:
	case NS_CH_DONE:
		return 0;
	case NS_CH_DROP:
	case NS_CH_ERROR:
		kill_session(s);
		return -1;
	}
	return 0;
}

/* Run every channel; free those done; count those still open. */
static size_t
tick_channels(struct ns_session *s, int64_t now)
{
	size_t i, j, open = 0;
	int o;

	for (i = 0; i < s->nchans && s->st != SS_DEAD; i++) {
		s->wake = earlier(s->wake, ns_chan_tick(s->chans[i], now));
		if ((o = open_or_fatal(s, ns_chan_state(s->chans[i]))) > 0)
			open++;
	}
	for (i = 0; i < s->nfwds && s->st != SS_DEAD; i++) {
		ns_forward_tick(s->fwds[i], now);
		if ((o = open_or_fatal(s, ns_forward_state(s->fwds[i]))) > 0)
			open++;
	}
	for (i = j = 0; i < s->nchans; i++) {
		if (ns_chan_state(s->chans[i]) == NS_CH_DONE)
			ns_chan_free(s->chans[i]);
		else
			s->chans[j++] = s->chans[i];
	}
	s->nchans = j;
	for (i = j = 0; i < s->nfwds; i++) {
		if (ns_forward_state(s->fwds[i]) == NS_CH_DONE)
			ns_forward_free(s->fwds[i]);
		else
			s->fwds[j++] = s->fwds[i];
	}
	s->nfwds = j;
	return open;
}

int64_t
ns_session_tick(struct ns_session *s, int64_t now)
{
	size_t open;

	s->conn.now = now;
	if (s->st == SS_WAIT_BANNER && now >= s->wake) {
		s->wake = 0;
		begin_ssh(s);
	}
	if (s->st == SS_KEX)
		s->st = SS_READY;
	if (s->conn.ssh != NULL && s->st != SS_DEAD &&
	    (ssh_get_status(s->conn.ssh) & (SSH_CLOSED | SSH_CLOSED_ERROR)))
		kill_session(s);
	if (s->st != SS_READY && s->st != SS_CLOSING)
		return s->st == SS_DEAD ? 0 : s->wake;
	s->wake = 0;
	open = tick_channels(s, now);
	if (s->st == SS_DEAD)
		return 0;
	if (open > 0 || !s->had_channel) {
		s->st = SS_READY;
		return s->wake;
	}
	if (s->st == SS_READY) {
		s->st = SS_CLOSING;
		s->close_by = now + CLOSE_GRACE_MS;
	}
	if (now >= s->close_by) {
		kill_session(s);
		return 0;
	}
	return earlier(s->wake, s->close_by);
}
