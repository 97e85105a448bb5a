/*
 * server: listeners and SSH sessions on the libssh 0.10 server API, all
 * in one non-blocking event loop. We own the listening sockets and hand
 * each accepted fd to ssh_bind_accept_fd(); a second ssh_bind carries the
 * legacy algorithm set (dh-group14/1-sha1, ssh-rsa, CBC, hmac-sha1) for
 * devices that ask for it. Sessions are never freed inside a libssh
 * callback: callbacks only record state and server_tick(), called after
 * every poll, does the work (key exchange steps, timers, output, close).
 * After our side closes a channel we wait for the client to disconnect
 * (or a grace period) so queued output is not lost to an RST.
 *
 * Each session has an ssh_event of its own and server_poll() runs one
 * poll() over the listeners and every session's socket. A shared event is
 * wrong here: libssh flushes a channel write by polling the event the
 * session belongs to, so with one event for all, a write on session A
 * could run session B's callbacks, and B's disconnect made that nested
 * poll fail and put A into the error state (healthy devices dropped
 * whenever another client left).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
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

#include "ns_cli.h"
#include "ns_server.h"

#define CLOSE_GRACE_MS 5000
#define WRITE_CHUNK 32768

enum sess_state {
	SS_WAIT_BANNER, /* banner_delay running: SSH not started */
	SS_KEX,		/* key exchange in progress */
	SS_READY,	/* auth and channel traffic */
	SS_CLOSING,	/* our channel closed; waiting for the client */
	SS_DEAD,	/* to be freed by server_tick() */
};

struct listener {
	struct server *srv;
	struct device *dev;
	int ready; /* POLLIN seen: accept in server_tick() */
};

struct session {
	struct session *next, *prev;
	struct server *srv;
	struct device *dev;
	enum sess_state st;
	int fd;
	ssh_session ssh;
	ssh_channel chan;
	ssh_event ev; /* this session's own event */
	int authed;
	int exec;
	int peer_closed;
	char *kbd_user;
	struct cli *cli;
	int64_t wake;
	int64_t close_by;
	int64_t tb_last;
	long tokens;
	struct ssh_server_callbacks_struct scb;
	struct ssh_channel_callbacks_struct ccb;
};

struct server {
	struct device *devs;
	size_t ndevs;
	struct listener *listeners;
	struct pollfd *pfd;	   /* server_poll() scratch */
	struct session **pfd_sess; /* session of each pfd entry, or NULL */
	size_t pfd_cap;
	ssh_bind bind;
	ssh_bind legacy;
	struct session *head;
	int accept_ready; /* some listener is ready */
};

/* One diagnostic line on stderr, written with a single write(). */
static void
logmsg(const char *fmt, const char *a, const char *b)
{
	char line[512];
	int n;

	n = snprintf(line, sizeof(line) - 1, fmt, a, b);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	(void)!write(2, line, (size_t)n);
}

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

static ssh_bind
make_bind(ssh_key key, int legacy)
{
	ssh_bind b;
	bool no = false;
	int verbosity = SSH_LOG_NOLOG;

	if ((b = ssh_bind_new()) == NULL)
		return NULL;
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_LOG_VERBOSITY, &verbosity);
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_BANNER, "Cisco-1.25");
	if (ssh_bind_options_set(b, SSH_BIND_OPTIONS_IMPORT_KEY, key) < 0)
		goto bad;
	if (legacy &&
	    (ssh_bind_options_set(b, SSH_BIND_OPTIONS_KEY_EXCHANGE,
		 "diffie-hellman-group14-sha1,diffie-hellman-group1-sha1") <
		    0 ||
		ssh_bind_options_set(
		    b, SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS, "ssh-rsa") < 0 ||
		ssh_bind_options_set(b, SSH_BIND_OPTIONS_CIPHERS_C_S,
		    "aes128-cbc,3des-cbc") < 0 ||
		ssh_bind_options_set(b, SSH_BIND_OPTIONS_CIPHERS_S_C,
		    "aes128-cbc,3des-cbc") < 0 ||
		ssh_bind_options_set(
		    b, SSH_BIND_OPTIONS_HMAC_C_S, "hmac-sha1") < 0 ||
		ssh_bind_options_set(
		    b, SSH_BIND_OPTIONS_HMAC_S_C, "hmac-sha1") < 0))
		goto bad;
	return b;
bad:
	ssh_bind_free(b);
	return NULL;
}

struct server *
server_new(struct device *devs, size_t n, const char *host_key, char *err,
    size_t errlen)
{
	struct server *srv;
	ssh_key key = NULL, rsa = NULL;
	char rsapath[4096];
	size_t i;
	int need_legacy = 0;

	if ((srv = calloc(1, sizeof(*srv))) == NULL)
		return NULL;
	srv->devs = devs;
	srv->ndevs = n;
	if ((srv->listeners = calloc(n ? n : 1, sizeof(*srv->listeners))) ==
	    NULL)
		goto bad;
	for (i = 0; i < n; i++)
		need_legacy |= devs[i].legacy;
	if (get_key(host_key, SSH_KEYTYPE_ED25519, 0, &key, err, errlen) == -1)
		goto bad;
	if ((srv->bind = make_bind(key, 0)) == NULL) {
		snprintf(err, errlen, "cannot set up the SSH server");
		goto bad;
	}
	key = NULL; /* the bind owns it now */
	if (need_legacy) {
		if (host_key != NULL)
			snprintf(rsapath, sizeof(rsapath), "%s.rsa", host_key);
		if (get_key(host_key ? rsapath : NULL, SSH_KEYTYPE_RSA, 2048,
			&rsa, err, errlen) == -1)
			goto bad;
		if ((srv->legacy = make_bind(rsa, 1)) == NULL) {
			snprintf(err, errlen, "cannot set up legacy SSH");
			goto bad;
		}
		rsa = NULL;
	}
	return srv;
bad:
	ssh_key_free(key);
	ssh_key_free(rsa);
	server_free(srv);
	return NULL;
}

static void mark_listener(struct server *srv, int lfd);

int
server_poll(struct server *srv, int extra_fd, int timeout)
{
	struct session *s;
	size_t n = 0, need = srv->ndevs + 1, i;
	int extra_ready = 0, flags;

	for (s = srv->head; s != NULL; s = s->next)
		need++;
	if (need > srv->pfd_cap) {
		srv->pfd_cap = need * 2;
		srv->pfd = realloc(srv->pfd, srv->pfd_cap * sizeof(*srv->pfd));
		srv->pfd_sess = realloc(
		    srv->pfd_sess, srv->pfd_cap * sizeof(*srv->pfd_sess));
		if (srv->pfd == NULL || srv->pfd_sess == NULL)
			abort();
	}
	for (i = 0; i < srv->ndevs; i++) {
		if (srv->devs[i].lfd < 0)
			continue;
		srv->pfd[n] = (struct pollfd){srv->devs[i].lfd, POLLIN, 0};
		srv->pfd_sess[n++] = NULL;
	}
	srv->pfd[n] = (struct pollfd){extra_fd, POLLIN, 0};
	srv->pfd_sess[n++] = NULL;
	for (s = srv->head; s != NULL; s = s->next) {
		if (s->ev == NULL || s->st == SS_DEAD)
			continue;
		flags = ssh_get_poll_flags(s->ssh);
		/* Bytes libssh already read must be handled without waiting. */
		if (flags & SSH_READ_PENDING)
			timeout = 0;
		srv->pfd[n] = (struct pollfd){ssh_get_fd(s->ssh),
		    (short)(POLLIN | (flags & SSH_WRITE_PENDING ? POLLOUT : 0)),
		    0};
		srv->pfd_sess[n++] = s;
	}
	if (poll(srv->pfd, n, timeout) == -1 && errno != EINTR)
		return 0;
	for (i = 0; i < n; i++) {
		s = srv->pfd_sess[i];
		if (s == NULL) {
			if (srv->pfd[i].revents == 0)
				continue;
			if (srv->pfd[i].fd == extra_fd)
				extra_ready = 1;
			else
				mark_listener(srv, srv->pfd[i].fd);
			continue;
		}
		if (srv->pfd[i].revents != 0 ||
		    (ssh_get_poll_flags(s->ssh) & SSH_READ_PENDING))
			ssh_event_dopoll(s->ev, 0);
	}
	return extra_ready;
}

/* ---- sessions ---------------------------------------------------- */

static void
session_kill(struct session *s)
{
	s->st = SS_DEAD;
}

static int
auth_password(ssh_session ssh, const char *user, const char *pass, void *ud)
{
	struct session *s = ud;
	struct device *d = s->dev;

	(void)ssh;
	if (!(d->auth_methods & SSH_AUTH_METHOD_PASSWORD) ||
	    (d->faults & FAULT_AUTH_FAIL) || strcmp(user, d->username) != 0 ||
	    strcmp(pass, d->password) != 0) {
		stats.auth_failures++;
		return SSH_AUTH_DENIED;
	}
	s->authed = 1;
	return SSH_AUTH_SUCCESS;
}

static int
auth_pubkey(ssh_session ssh, const char *user, struct ssh_key_struct *pubkey,
    char state, void *ud)
{
	struct session *s = ud;
	struct device *d = s->dev;
	size_t i;
	int found = 0;

	(void)ssh;
	for (i = 0; i < d->nkeys && !found; i++)
		found =
		    ssh_key_cmp(d->keys[i], pubkey, SSH_KEY_CMP_PUBLIC) == 0;
	if (!found || !(d->auth_methods & SSH_AUTH_METHOD_PUBLICKEY) ||
	    (d->faults & FAULT_AUTH_FAIL) || strcmp(user, d->username) != 0) {
		if (state != SSH_PUBLICKEY_STATE_NONE)
			stats.auth_failures++;
		return SSH_AUTH_DENIED;
	}
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;
	if (state == SSH_PUBLICKEY_STATE_VALID) {
		s->authed = 1;
		return SSH_AUTH_SUCCESS;
	}
	stats.auth_failures++;
	return SSH_AUTH_DENIED;
}

/* keyboard-interactive: libssh 0.10 has no server callback for it. */
static int
on_message(ssh_session ssh, ssh_message m, void *ud)
{
	struct session *s = ud;
	struct device *d = s->dev;
	const char *prompts[] = {"Password: "};
	char echo[] = {0};
	const char *ans;

	if (ssh_message_type(m) != SSH_REQUEST_AUTH ||
	    ssh_message_subtype(m) != SSH_AUTH_METHOD_INTERACTIVE)
		return 1;
	if (!(d->auth_methods & SSH_AUTH_METHOD_INTERACTIVE))
		return 1;
	if (!ssh_message_auth_kbdint_is_response(m)) {
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
	    (d->faults & FAULT_AUTH_FAIL) ||
	    strcmp(s->kbd_user, d->username) != 0 ||
	    strcmp(ans, d->password) != 0) {
		stats.auth_failures++;
		return 1;
	}
	s->authed = 1;
	ssh_message_auth_reply_success(m, 0);
	return 0;
}

static int
on_data(ssh_session ssh, ssh_channel ch, void *data, uint32_t len, int err,
    void *ud)
{
	struct session *s = ud;

	(void)ssh;
	(void)ch;
	(void)err;
	if (s->cli == NULL)
		return (int)len;
	return (int)cli_input(s->cli, data, len);
}

static void
on_eof(ssh_session ssh, ssh_channel ch, void *ud)
{
	struct session *s = ud;

	(void)ssh;
	(void)ch;
	if (s->cli != NULL)
		cli_eof(s->cli);
	else
		s->peer_closed = 1;
}

static void
on_close(ssh_session ssh, ssh_channel ch, void *ud)
{
	struct session *s = ud;

	(void)ssh;
	(void)ch;
	s->peer_closed = 1;
}

static int
on_pty(ssh_session ssh, ssh_channel ch, const char *term, int w, int h, int pw,
    int ph, void *ud)
{
	struct session *s = ud;

	(void)ssh;
	(void)ch;
	(void)term;
	(void)w;
	(void)h;
	(void)pw;
	(void)ph;
	return (s->dev->faults & FAULT_NO_PTY) ? -1 : 0;
}

static int
on_shell(ssh_session ssh, ssh_channel ch, void *ud)
{
	struct session *s = ud;

	(void)ssh;
	(void)ch;
	if (s->cli != NULL || (s->cli = cli_new(s->dev)) == NULL)
		return 1;
	cli_start(s->cli, now_ms());
	return 0;
}

static int
on_exec(ssh_session ssh, ssh_channel ch, const char *cmd, void *ud)
{
	struct session *s = ud;

	(void)ssh;
	(void)ch;
	if (s->cli != NULL || (s->cli = cli_new(s->dev)) == NULL)
		return 1;
	s->exec = 1;
	cli_exec(s->cli, cmd, now_ms());
	return 0;
}

static int
on_window(ssh_session ssh, ssh_channel ch, uint32_t bytes, void *ud)
{
	(void)ssh;
	(void)ch;
	(void)bytes;
	(void)ud;
	return 0; /* server_tick() resumes the output after this poll */
}

static ssh_channel
on_channel_open(ssh_session ssh, void *ud)
{
	struct session *s = ud;

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

static void
session_begin_ssh(struct session *s)
{
	struct server *srv = s->srv;
	ssh_bind b = s->dev->legacy ? srv->legacy : srv->bind;
	int fd = s->fd;

	if ((s->ssh = ssh_new()) == NULL) {
		session_kill(s);
		return;
	}
	s->fd = -1; /* ssh_free() closes it from now on */
	if (ssh_bind_accept_fd(b, s->ssh, fd) != SSH_OK) {
		logmsg("netsim: %s: accept: %s", s->dev->hostname,
		    ssh_get_error(b));
		session_kill(s);
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
		session_kill(s);
		return;
	}
	if ((s->ev = ssh_event_new()) == NULL ||
	    ssh_event_add_session(s->ev, s->ssh) != SSH_OK) {
		session_kill(s);
		return;
	}
	s->st = SS_KEX;
}

static void
session_free(struct session *s)
{
	struct server *srv = s->srv;

	if (s->prev != NULL)
		s->prev->next = s->next;
	else
		srv->head = s->next;
	if (s->next != NULL)
		s->next->prev = s->prev;
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
	cli_free(s->cli);
	free(s->kbd_user);
	free(s);
	stats.sessions--;
}

/*
 * A listener is readable. Accepting happens in server_tick(), after the
 * sessions that died during this poll were freed, so a new connection
 * never reuses a dead session's fd number while that session is still
 * polled.
 */
static void
mark_listener(struct server *srv, int lfd)
{
	for (size_t i = 0; i < srv->ndevs; i++) {
		if (srv->devs[i].lfd == lfd) {
			srv->listeners[i].ready = 1;
			srv->accept_ready = 1;
			return;
		}
	}
}

static void
accept_pending(struct listener *l)
{
	struct server *srv = l->srv;
	struct session *s;
	int fd, i, one = 1, lfd = l->dev->lfd;

	l->ready = 0;
	for (i = 0; i < 64; i++) {
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd == -1) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				logmsg("netsim: %s: accept: %s",
				    l->dev->hostname, strerror(errno));
			break;
		}
		stats.connections++;
		/*
		 * Without TCP_NODELAY, Nagle plus the client's delayed ACK
		 * cost ~40 ms on each small auth reply.
		 */
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (l->dev->faults & FAULT_DROP_ON_CONNECT) {
			close(fd);
			continue;
		}
		if ((s = calloc(1, sizeof(*s))) == NULL) {
			close(fd);
			continue;
		}
		s->srv = srv;
		s->dev = l->dev;
		s->fd = fd;
		s->next = srv->head;
		if (srv->head != NULL)
			srv->head->prev = s;
		srv->head = s;
		if (++stats.sessions > stats.max_sessions)
			stats.max_sessions = stats.sessions;
		if (l->dev->banner_delay_ms > 0) {
			s->st = SS_WAIT_BANNER;
			s->wake = now_ms() + l->dev->banner_delay_ms;
		} else {
			session_begin_ssh(s);
		}
	}
}

int
server_listen(struct server *srv, char *err, size_t errlen)
{
	struct sockaddr_in sa;
	socklen_t salen;
	struct device *d;
	size_t i;
	int fd, one = 1;

	for (i = 0; i < srv->ndevs; i++) {
		d = &srv->devs[i];
		memset(&sa, 0, sizeof(sa));
		sa.sin_family = AF_INET;
		sa.sin_port = htons((uint16_t)d->port);
		if (inet_pton(AF_INET, d->address, &sa.sin_addr) != 1) {
			snprintf(err, errlen, "%s: bad address %s", d->hostname,
			    d->address);
			return -1;
		}
		fd = socket(
		    AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd == -1) {
			snprintf(err, errlen, "%s: socket: %s", d->hostname,
			    strerror(errno));
			return -1;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
		    listen(fd, 1024) == -1) {
			snprintf(err, errlen, "%s: bind %s:%u: %s", d->hostname,
			    d->address, d->port, strerror(errno));
			close(fd);
			return -1;
		}
		salen = sizeof(sa);
		getsockname(fd, (struct sockaddr *)&sa, &salen);
		d->port = ntohs(sa.sin_port);
		d->lfd = fd;
		srv->listeners[i].srv = srv;
		srv->listeners[i].dev = d;
	}
	return 0;
}

/* Send what the shell produced, within the window and trickle budget. */
static void
session_write(struct session *s, int64_t now)
{
	const char *p;
	size_t len, n;
	uint32_t win;
	int rc, trickle = s->dev->trickle;

	p = cli_output(s->cli, &len);
	while (len > 0) {
		win = ssh_channel_window_size(s->chan);
		n = len < WRITE_CHUNK ? len : WRITE_CHUNK;
		if (n > win)
			n = win;
		if (trickle > 0) {
			s->tokens += (long)trickle * (now - s->tb_last);
			if (s->tokens > (long)trickle * 20)
				s->tokens = (long)trickle * 20;
			s->tb_last = now;
			if ((long)n > s->tokens)
				n = (size_t)s->tokens;
			if (n == 0) {
				s->wake = now + 1;
				return;
			}
		}
		if (n == 0)
			return;
		rc = ssh_channel_write(s->chan, p, (uint32_t)n);
		if (rc == SSH_ERROR) {
			session_kill(s);
			return;
		}
		if (rc == 0)
			return;
		s->tokens -= rc;
		cli_consumed(s->cli, (size_t)rc);
		p = cli_output(s->cli, &len);
	}
}

static void
session_pump(struct session *s, int64_t now)
{
	size_t len, before;
	int64_t w;

	s->wake = 0;
	for (;;) {
		w = cli_step(s->cli, now);
		if (w != 0)
			s->wake = w;
		cli_output(s->cli, &before);
		if (before == 0)
			break;
		session_write(s, now);
		if (s->st == SS_DEAD)
			return;
		cli_output(s->cli, &len);
		if (len > 0 || len == before)
			break;
	}
	cli_output(s->cli, &len);
	if (len > 0)
		return;
	switch (cli_ended(s->cli)) {
	case CLI_RUNNING:
		return;
	case CLI_EXIT:
		ssh_channel_request_send_exit_status(s->chan, 0);
		ssh_channel_send_eof(s->chan);
		ssh_channel_close(s->chan);
		s->st = SS_CLOSING;
		s->close_by = now + CLOSE_GRACE_MS;
		s->wake = s->close_by;
		return;
	case CLI_DROP:
		session_kill(s);
		return;
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
server_tick(struct server *srv, int64_t now)
{
	struct session *s, *next;
	int64_t next_wake = 0;

	for (s = srv->head; s != NULL; s = next) {
		next = s->next;
		if (s->st == SS_WAIT_BANNER && now >= s->wake) {
			s->wake = 0;
			session_begin_ssh(s);
		}
		/*
		 * ssh_handle_key_exchange() polls the whole event (every
		 * session) when called again, so it is called once only;
		 * the key exchange and auth then run from libssh's packet
		 * callbacks inside ssh_event_dopoll().
		 */
		if (s->st == SS_KEX)
			s->st = SS_READY;
		if (s->ssh != NULL && s->st != SS_DEAD &&
		    (ssh_get_status(s->ssh) & (SSH_CLOSED | SSH_CLOSED_ERROR)))
			session_kill(s);
		if (s->st == SS_READY && s->chan != NULL && s->peer_closed) {
			ssh_channel_close(s->chan);
			s->st = SS_CLOSING;
			s->close_by = now + CLOSE_GRACE_MS;
			s->wake = s->close_by;
		}
		if (s->st == SS_READY && s->cli != NULL)
			session_pump(s, now);
		if (s->st == SS_CLOSING && now >= s->close_by)
			session_kill(s);
		if (s->st == SS_DEAD) {
			session_free(s);
			continue;
		}
		next_wake = earlier(next_wake, s->wake);
	}
	if (srv->accept_ready) {
		srv->accept_ready = 0;
		for (size_t i = 0; i < srv->ndevs; i++)
			if (srv->listeners[i].ready)
				accept_pending(&srv->listeners[i]);
		/* New sessions may wait for a banner delay. */
		for (s = srv->head; s != NULL; s = s->next)
			next_wake = earlier(next_wake, s->wake);
	}
	return next_wake;
}

void
server_free(struct server *srv)
{
	size_t i;

	if (srv == NULL)
		return;
	while (srv->head != NULL)
		session_free(srv->head);
	for (i = 0; i < srv->ndevs; i++) {
		if (srv->devs[i].lfd < 0)
			continue;
		close(srv->devs[i].lfd);
		srv->devs[i].lfd = -1;
	}
	free(srv->pfd);
	free(srv->pfd_sess);
	if (srv->bind != NULL)
		ssh_bind_free(srv->bind);
	if (srv->legacy != NULL)
		ssh_bind_free(srv->legacy);
	free(srv->listeners);
	free(srv);
}
