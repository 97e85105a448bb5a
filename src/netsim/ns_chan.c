/*
 * ns_chan: a session channel. Its callbacks only record what the client
 * asked (pty, shell, exec, data, EOF, close) and feed the CLI; the work
 * is in ns_chan_tick(). A shell or an exec on a network platform runs the
 * CLI (ns_cli); an exec on Linux runs ns_exec and sends its stdout, then
 * its stderr (merged into stdout with "\r\n" line ends when a pty was
 * asked for, as a real pty would), then exit-status, EOF and close.
 * Latency holds the answer back; hang_mid_output and
 * disconnect_mid_output cut it at half its stdout.
 */
#include <stdlib.h>
#include <string.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "ns_chan.h"
#include "ns_cli.h"
#include "ns_exec.h"
#include "ns_link.h"

#define WRITE_CHUNK 32768

enum mode {
	M_NONE, /* no shell or exec yet */
	M_CLI,	/* the simulated CLI: a shell, or one command */
	M_BASH, /* a Linux exec */
};

struct ns_chan {
	struct ns_link link;
	enum mode mode;
	int pty;
	int peer_closed; /* the client closed, or sent EOF before a shell */
	struct ns_cli *cli;
	struct ns_exec_out res;
	size_t outoff, erroff;
	size_t stop_at; /* a fault cuts stdout here; (size_t)-1 for none */
	int64_t ready_at;
	int64_t wake;
	int64_t tb_last;
	long tokens;
};

/* ---- callbacks ----------------------------------------------------- */

static int
on_data(
    ssh_session ssh, ssh_channel c, void *data, uint32_t len, int err, void *ud)
{
	struct ns_chan *ch = ud;

	(void)ssh;
	(void)c;
	(void)err;
	if (ch->cli == NULL)
		return (int)len; /* an exec reads no stdin */
	return (int)ns_cli_input(ch->cli, data, len);
}

static void
on_eof(ssh_session ssh, ssh_channel c, void *ud)
{
	struct ns_chan *ch = ud;

	(void)ssh;
	(void)c;
	if (ch->cli != NULL)
		ns_cli_eof(ch->cli);
	else if (ch->mode == M_NONE)
		ch->peer_closed = 1;
}

static void
on_close(ssh_session ssh, ssh_channel c, void *ud)
{
	struct ns_chan *ch = ud;

	(void)ssh;
	(void)c;
	ch->peer_closed = 1;
	ch->link.remote_closed = 1;
}

static int
on_pty(ssh_session ssh, ssh_channel c, const char *term, int w, int h, int pw,
    int ph, void *ud)
{
	struct ns_chan *ch = ud;

	(void)ssh;
	(void)c;
	(void)term;
	(void)w;
	(void)h;
	(void)pw;
	(void)ph;
	if (ch->link.conn->dev->faults & NS_FAULT_NO_PTY)
		return -1;
	ch->pty = 1;
	return 0;
}

static int
on_shell(ssh_session ssh, ssh_channel c, void *ud)
{
	struct ns_chan *ch = ud;
	struct ns_conn *conn = ch->link.conn;

	(void)ssh;
	(void)c;
	if (ch->mode != M_NONE ||
	    (ch->cli = ns_cli_new(conn->dev, conn->stats)) == NULL)
		return 1;
	ch->mode = M_CLI;
	ns_cli_start(ch->cli, conn->now);
	return 0;
}

/* "\n" to "\r\n", stdout then stderr: what a pty gives the client. */
static int
merge_for_pty(struct ns_exec_out *r)
{
	size_t n = 0, i, cap = 2 * (r->outlen + r->errlen) + 1;
	char *m;

	if ((m = malloc(cap)) == NULL)
		return -1;
	for (i = 0; i < r->outlen + r->errlen; i++) {
		char c = i < r->outlen ? r->out[i] : r->err[i - r->outlen];

		if (c == '\n')
			m[n++] = '\r';
		m[n++] = c;
	}
	free(r->out);
	free(r->err);
	r->out = m;
	r->outlen = n;
	r->err = NULL;
	r->errlen = 0;
	return 0;
}

static int
start_bash(struct ns_chan *ch, const char *cmd)
{
	const struct ns_device *d = ch->link.conn->dev;

	if (ns_exec_run(d, cmd, &ch->res) == -1 ||
	    (ch->pty && merge_for_pty(&ch->res) == -1))
		return -1;
	ch->link.conn->stats->commands++;
	ch->mode = M_BASH;
	ch->ready_at = ch->link.conn->now + d->latency_ms;
	ch->stop_at = (size_t)-1;
	if (d->faults &
	    (NS_FAULT_HANG_MID_OUTPUT | NS_FAULT_DISCONNECT_MID_OUTPUT))
		ch->stop_at = ch->res.outlen / 2;
	return 0;
}

static int
on_exec(ssh_session ssh, ssh_channel c, const char *cmd, void *ud)
{
	struct ns_chan *ch = ud;
	struct ns_conn *conn = ch->link.conn;

	(void)ssh;
	(void)c;
	if (ch->mode != M_NONE)
		return 1;
	if (conn->dev->platform == NS_PLAT_LINUX)
		return start_bash(ch, cmd) == -1 ? 1 : 0;
	if ((ch->cli = ns_cli_new(conn->dev, conn->stats)) == NULL)
		return 1;
	ch->mode = M_CLI;
	ns_cli_exec(ch->cli, cmd, conn->now);
	return 0;
}

struct ns_chan *
ns_chan_new(struct ns_conn *conn)
{
	struct ns_chan *ch;
	ssh_channel c;

	if ((ch = calloc(1, sizeof(*ch))) == NULL)
		return NULL;
	if ((c = ssh_channel_new(conn->ssh)) == NULL) {
		free(ch);
		return NULL;
	}
	ch->link.ccb.channel_data_function = on_data;
	ch->link.ccb.channel_eof_function = on_eof;
	ch->link.ccb.channel_close_function = on_close;
	ch->link.ccb.channel_pty_request_function = on_pty;
	ch->link.ccb.channel_shell_request_function = on_shell;
	ch->link.ccb.channel_exec_request_function = on_exec;
	ns_link_start(&ch->link, conn, c, ch);
	return ch;
}

ssh_channel
ns_chan_channel(const struct ns_chan *ch)
{
	return ch->link.ch;
}

enum ns_chan_state
ns_chan_state(const struct ns_chan *ch)
{
	return ch->link.st;
}

void
ns_chan_drop(struct ns_chan *ch)
{
	if (ch == NULL)
		return;
	/* No callback of ours may run once ch is gone. */
	ns_link_detach(&ch->link);
	ns_cli_free(ch->cli);
	ns_exec_out_free(&ch->res);
	free(ch);
}

void
ns_chan_free(struct ns_chan *ch)
{
	ssh_channel c;

	if (ch == NULL)
		return;
	c = ch->link.ch;
	ns_chan_drop(ch);
	ssh_channel_free(c);
}

/* ---- sending ------------------------------------------------------- */

/* How much of want the trickle budget allows now (0: wait a ms). */
static size_t
trickle_budget(struct ns_chan *ch, size_t want, int64_t now)
{
	long rate = ch->link.conn->dev->trickle;

	ch->tokens += rate * (now - ch->tb_last);
	if (ch->tokens > rate * 20)
		ch->tokens = rate * 20;
	ch->tb_last = now;
	if ((long)want > ch->tokens)
		want = (size_t)ch->tokens;
	if (want == 0)
		ch->wake = now + 1;
	return want;
}

/*
 * Send up to len bytes within the window, a chunk and the trickle
 * budget: bytes sent (0 when blocked), or -1 when the connection failed.
 */
static int
send_some(
    struct ns_chan *ch, int is_stderr, const char *p, size_t len, int64_t now)
{
	uint32_t win = ssh_channel_window_size(ch->link.ch);
	size_t n = len < WRITE_CHUNK ? len : WRITE_CHUNK;
	int rc;

	if (n > win)
		n = win;
	if (ch->link.conn->dev->trickle > 0 &&
	    (n = trickle_budget(ch, n, now)) == 0)
		return 0;
	if ((rc = ns_link_send(&ch->link, is_stderr, p, n)) > 0)
		ch->tokens -= rc;
	return rc;
}

/* Exit status, EOF and close: the end of a command or a shell. */
static void
finish(struct ns_chan *ch, int status)
{
	ssh_channel_request_send_exit_status(ch->link.ch, status);
	ssh_channel_send_eof(ch->link.ch);
	ns_link_close(&ch->link);
}

/* Send what the CLI produced; 0, or -1 when the connection failed. */
static int
write_cli(struct ns_chan *ch, int64_t now)
{
	const char *p;
	size_t len;
	int n;

	p = ns_cli_output(ch->cli, &len);
	while (len > 0) {
		if ((n = send_some(ch, 0, p, len, now)) == -1)
			return -1;
		if (n == 0)
			return 0;
		ns_cli_consumed(ch->cli, (size_t)n);
		p = ns_cli_output(ch->cli, &len);
	}
	return 0;
}

/* Run the shell and send its output; end the channel when it ends. */
static void
pump_cli(struct ns_chan *ch, int64_t now)
{
	size_t len, before;
	int64_t w;

	for (;;) {
		w = ns_cli_step(ch->cli, now);
		if (w != 0)
			ch->wake = w;
		ns_cli_output(ch->cli, &before);
		if (before == 0)
			break;
		if (write_cli(ch, now) == -1) {
			ch->link.st = NS_CH_ERROR;
			return;
		}
		ns_cli_output(ch->cli, &len);
		if (len > 0 || len == before)
			break;
	}
	ns_cli_output(ch->cli, &len);
	if (len > 0)
		return;
	switch (ns_cli_ended(ch->cli)) {
	case NS_CLI_RUNNING:
		return;
	case NS_CLI_EXIT:
		finish(ch, 0);
		return;
	case NS_CLI_DROP:
		ch->link.st = NS_CH_DROP;
		return;
	}
}

/* Send *off..end of p on one stream; 1 when all of it is sent. */
static int
send_stream(struct ns_chan *ch, int is_stderr, const char *p, size_t *off,
    size_t end, int64_t now)
{
	int n;

	while (*off < end) {
		n = send_some(ch, is_stderr, p + *off, end - *off, now);
		if (n == -1) {
			ch->link.st = NS_CH_ERROR;
			return 0;
		}
		if (n == 0)
			return 0;
		*off += (size_t)n;
	}
	return 1;
}

static void
pump_bash(struct ns_chan *ch, int64_t now)
{
	const struct ns_exec_out *r = &ch->res;
	size_t end = r->outlen < ch->stop_at ? r->outlen : ch->stop_at;

	if (now < ch->ready_at) {
		ch->wake = ch->ready_at;
		return;
	}
	if (!send_stream(ch, 0, r->out, &ch->outoff, end, now))
		return;
	if (end < r->outlen) {
		if (ch->link.conn->dev->faults & NS_FAULT_DISCONNECT_MID_OUTPUT)
			ch->link.st = NS_CH_DROP;
		return; /* hang_mid_output: nothing more, ever */
	}
	if (!send_stream(ch, 1, r->err, &ch->erroff, r->errlen, now))
		return;
	finish(ch, r->status);
}

int64_t
ns_chan_tick(struct ns_chan *ch, int64_t now)
{
	ch->wake = 0;
	if (!ns_link_settle(&ch->link))
		return 0;
	if (ch->peer_closed) {
		ns_link_close(&ch->link);
		return 0;
	}
	switch (ch->mode) {
	case M_NONE:
		break;
	case M_CLI:
		pump_cli(ch, now);
		break;
	case M_BASH:
		pump_bash(ch, now);
		break;
	}
	return ch->link.st == NS_CH_OPEN ? ch->wake : 0;
}
