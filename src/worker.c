/*
 * worker: one device, start to end, identical in process, thread and
 * serial mode. It talks only through frames on its fd: an EVENT when it
 * starts, HOSTKEY when accept-new learnt a key, OUTPUT chunks per command
 * (and its TextFSM rows or parse error, parsed here before it is sent),
 * at most one ERROR, and always DONE last. The device's overall deadline
 * bounds every wait inside the transport and the dialogue; the pool's
 * kill is only a net.
 *
 * The worker is where a device meets the layers below it: it maps the
 * device (and the run's config, which it overrides) onto a transport
 * target and dialogue params, and it alone knows the order of the steps:
 * connect -> transport (KEX, host key) -> auth -> dialogue -> commands.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "budget.h"
#include "connector.h"
#include "dialogue.h"
#include "frame.h"
#include "fsname.h"
#include "log.h"
#include "postproc.h"
#include "retry.h"
#include "screen.h"
#include "sshroute.h"
#include "transport.h"
#include "tunnel.h"
#include "worker.h"

int64_t
worker_timeout_ms(void *ctx, size_t index)
{
	const struct worker_ctx *w = ctx;

	return budget_kill_ms(w->cfg, &w->inv->devices[index]);
}

/* Run --pipe on one command's output; the result replaces out. */
static int
run_pipe(const struct worker_ctx *w, const struct device *d, const char *cmd,
    char **out, size_t *outlen, int64_t deadline, char *why, size_t whylen)
{
	char **env = xcalloc(7 + d->ndata, sizeof(*env));
	struct buf res;
	int64_t dl;
	size_t i;
	int rc;

	env[0] = xasprintf("NC_DEVICE=%s", d->name);
	env[1] = xasprintf("NC_HOST=%s", d->host);
	env[2] = xasprintf("NC_PORT=%u", d->port);
	env[3] = xasprintf("NC_GROUP=%s", d->group ? d->group : "");
	env[4] = xasprintf("NC_COMMAND=%s", cmd);
	env[5] = xasprintf("NC_DEVICE_TYPE=%s", d->device_type);
	/* The inventory's data: for the device, NC_DATA_<NAME>. */
	for (i = 0; i < d->ndata; i++)
		env[6 + i] = device_data_var(&d->data[i]);
	dl = mono_ns() + w->cfg->pipe_timeout_ms * NS_PER_MS;
	dl = deadline_min(dl, deadline);
	buf_init(&res);
	rc = postproc_run(w->cfg->pipe_cmd, env, *out, *outlen, dl,
	    w->cfg->max_output, &res, why, whylen);
	for (i = 0; env[i] != NULL; i++)
		free(env[i]);
	free(env);
	if (rc == 0) {
		free(*out);
		*out = buf_steal(&res, outlen);
	}
	buf_free(&res);
	return rc;
}

/*
 * Bytes of this output that fit in what is left of the device's
 * --max-output (the pool enforces the same total as a safety net; staying
 * within it here keeps the session's own, more precise message).
 */
static size_t
within_limit(const struct config *cfg, size_t *sent, size_t len, int *over)
{
	size_t room;

	if (cfg->max_output == 0)
		return len;
	room = cfg->max_output > *sent ? cfg->max_output - *sent : 0;
	if (len > room) {
		len = room;
		*over = 1;
	}
	*sent += len;
	return len;
}

/* One device's connection, as far as it got. */
struct conn {
	struct transport_target tg;
	struct dialogue_params dp;
	struct tunnel_spec spec; /* the way there (sshroute) */
	struct sshroute route;	 /* what spec and tg point to */
	struct tunnel *tun;	 /* the links under t's socket */
	struct transport *t;
	struct dialogue *dlg;
	struct timings t_login;	     /* connect, auth, enable */
	int64_t connect_ms, auth_ms; /* the stages' timeouts */
	struct platform pf;	     /* without enable: enable: false */
	struct screen_re *refusals;  /* refusal text, or NULL */
	struct failure refused;	     /* the first refusal or parse failure */
	int ignore_refusals; /* --ignore-device-errors or the device's */
	const char *name;    /* the device's, for -v */
	int verbose;	     /* -v: trace each stage */
};

/* Where a command's output frames go. */
struct out_ctx {
	int fd;
	uint32_t dev;
	uint32_t cmd;
	size_t sent; /* bytes of output sent so far (--max-output) */
};

/* The device over the run's config: where to connect and as whom. */
static void
target_of(const struct config *cfg, const struct device *d, int64_t deadline,
    struct transport_target *tg)
{
	*tg = (struct transport_target){
	    .host = d->host,
	    .port = d->port,
	    .username = d->username,
	    .password = d->password,
	    .key_files = (const char *const *)&d->key_file,
	    .nkey_files = d->key_file != NULL,
	    .passphrase = d->passphrase,
	    .use_agent = d->use_agent,
	    .algorithms = d->algorithms,
	    .hostkey_mode = d->host_key_check, /* DEFAULT: sshroute decides */
	    .known_hosts = cfg->known_hosts,
	    .deadline = deadline,
	};
}

/* The device over the run's config: how to talk to its CLI. */
static void
params_of(const struct worker_ctx *w, const struct device *d, int64_t deadline,
    int log_fd, struct conn *c)
{
	const struct config *cfg = w->cfg;
	struct dialogue_params *dp = &c->dp;
	const struct platform *pf = d->platform;

	/* enable: false (or --no-enable): the platform without enable. */
	if (pf != NULL && (d->no_enable || cfg->no_enable)) {
		c->pf = *pf;
		c->pf.enable_cmd = NULL;
		pf = &c->pf;
	}
	c->connect_ms =
	    budget_stage_ms(d->connect_timeout_ms, cfg->connect_timeout_ms);
	c->auth_ms = budget_stage_ms(d->auth_timeout_ms, cfg->auth_timeout_ms);

	*dp = (struct dialogue_params){
	    .platform = pf,
	    .secret = d->secret,
	    .username = d->username,
	    .password = d->password,
	    .hide = {d->password, d->passphrase},
	    .read_timeout_ms = budget_read_ms(cfg, d),
	    .deadline = deadline,
	    .budget_ms = budget_device_ms(w->cfg, d),
	    .budget_name = budget_name(cfg, d),
	    .exec = d->platform != NULL && d->platform->exec && !d->shell,
	    .max_output = cfg->max_output,
	    .log_fd = log_fd,
	};
}

/*
 * The device's session_log: file, else --session-log DIR's DIR/NAME.log,
 * created before connecting.
 */
static int
open_log(const struct config *cfg, const struct device *d, struct failure *f)
{
	char *path;
	int fd;

	if (d->session_log != NULL)
		path = xstrdup(d->session_log);
	else if (cfg->session_log_dir != NULL)
		path = fsname_path(cfg->session_log_dir, d->name, ".log");
	else
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1)
		failure_set(f, ERR_INTERNAL, "session log %s: %s", path,
		    strerror(errno));
	free(path);
	return fd;
}

/*
 * -v: one line about a stage of c's device, with what it took since t0
 * (a mono_ns() time). Only what the session agreed on, the device's
 * prompt (quoted) and our own messages; never a secret.
 */
static void trace(const struct conn *c, int64_t t0, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
trace(const struct conn *c, int64_t t0, const char *fmt, ...)
{
	char what[1024];
	va_list ap;

	if (!c->verbose)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	log_info("%s: %s (%.1f ms)", c->name, what,
	    (double)(mono_ns() - t0) / NS_PER_MS);
}

/* The same, "what: " and what describe() says of the transport. */
static void
trace_buf(const struct conn *c, int64_t t0, const char *what,
    void (*describe)(const struct transport *, struct buf *))
{
	struct buf b;

	if (!c->verbose)
		return;
	buf_init(&b);
	describe(c->t, &b);
	trace(c, t0, "%s: %s", what, b.data);
	buf_free(&b);
}

static int64_t
stage_deadline(int64_t ms, int64_t deadline)
{
	return deadline_min(mono_ns() + ms * NS_PER_MS, deadline);
}

/*
 * Connect (through the jump hosts and ProxyCommand of the route), start
 * SSH, authenticate and open the dialogue. Each stage's duration goes
 * into c->t_login, the failing one's up to its failure; the links of the
 * tunnel count as connecting. Returns 0, or -1 with f filled.
 */
static int
login(struct conn *c, struct failure *f)
{
	int64_t t0 = mono_ns(), t1, dl;
	unsigned port = c->tg.port ? c->tg.port : 22;
	const char *prompt;
	char *q, via[64] = "";
	int sock;

	if (c->spec.nhops > 0)
		snprintf(via, sizeof(via), " through %zu jump host%s",
		    c->spec.nhops, c->spec.nhops > 1 ? "s" : "");
	else if (c->spec.proxy_command != NULL)
		snprintf(via, sizeof(via), " through its ProxyCommand");
	sock = tunnel_open(&c->spec, &c->tun, f);
	c->tg.under = sock != -1 ? tunnel_pump(c->tun) : NULL;
	dl = stage_deadline(c->connect_ms, c->tg.deadline);
	trace(c, t0, "connect to %s port %u%s: %s", c->tg.host, port, via,
	    sock != -1 ? "connected" : f->msg);
	t1 = mono_ns();
	if (sock == -1 ||
	    (c->t = transport_open(sock, &c->tg, dl, f)) == NULL) {
		if (sock != -1)
			trace(c, t1, "ssh: %s", f->msg);
		c->t_login.connect = mono_ns() - t0;
		return -1;
	}
	trace_buf(c, t1, "ssh", transport_trace_kex);
	c->t_login.connect = mono_ns() - t0;
	t0 = mono_ns();
	dl = stage_deadline(c->auth_ms, c->tg.deadline);
	if (transport_auth(c->t, dl, f) == -1) {
		trace_buf(c, t0, "auth failed", transport_trace_auth);
		c->t_login.auth = mono_ns() - t0;
		return -1;
	}
	trace_buf(c, t0, "auth", transport_trace_auth);
	c->t_login.auth = mono_ns() - t0;
	t0 = mono_ns();
	c->dlg = dialogue_open(transport_channels(c->t), &c->dp, f);
	c->t_login.enable = mono_ns() - t0;
	if (c->dlg == NULL) {
		trace(c, t0, "shell: %s", f->msg);
		return -1;
	}
	if ((prompt = dialogue_prompt(c->dlg)) != NULL) {
		q = screen_quote(prompt, strlen(prompt), 200);
		trace(c, t0, "prompt '%s' found, ready for commands", q);
		free(q);
	} else
		trace(c, t0, "exec channels, one per command");
	return 0;
}

/*
 * The refusal text that applies to d (its platform's, and its site's
 * error_pattern:), compiled; NULL when there is none or refusals are
 * ignored (*ignore set then). -1 with f filled when a site pattern does
 * not compile.
 */
static int
refusals_of(const struct config *cfg, const struct device *d,
    struct screen_re **re, int *ignore, struct failure *f)
{
	const char *pf = d->platform != NULL ? d->platform->error_re : NULL;
	char err[256];
	struct buf pat;
	size_t i;

	*re = NULL;
	*ignore = cfg->ignore_device_errors || d->ignore_device_errors;
	if (*ignore || (pf == NULL && d->nerror_patterns == 0))
		return 0;
	/* One alternation: the platform's text, then each site pattern. */
	buf_init(&pat);
	if (pf != NULL)
		buf_appendf(&pat, "(?:%s)", pf);
	for (i = 0; i < d->nerror_patterns; i++)
		buf_appendf(&pat, "%s(?:%s)", pat.len > 0 ? "|" : "",
		    d->error_patterns[i]);
	*re = screen_re_new(pat.data, err, sizeof(err));
	buf_free(&pat);
	if (*re == NULL) {
		failure_set(f, ERR_INTERNAL, "error_pattern: %s", err);
		return -1;
	}
	return 0;
}

/*
 * Did the device refuse cmd (a line of its output is refusal text)? The
 * first refusal is kept in c->refused, naming the command and quoting
 * the device's line.
 */
static int
refused(struct conn *c, const char *cmd, const char *out, size_t len)
{
	size_t off, n;
	char *q;

	if (c->refusals == NULL ||
	    !screen_re_find_line(c->refusals, out, len, &off, &n))
		return 0;
	if (c->refused.kind == ERR_NONE) {
		q = screen_quote(out + off, n, 200);
		failure_set(&c->refused, ERR_DEVICE_ERROR,
		    "'%.200s' refused: %s", cmd, q);
		free(q);
	}
	return 1;
}

/*
 * An exec command's stderr and exit status go to the parent; a status
 * other than 0 is a refusal (the first is kept in c->refused, with the
 * first line of stderr). Returns 1 for a refusal.
 */
static int
report_exec(const struct config *cfg, struct conn *c, const char *cmd,
    struct out_ctx *oc)
{
	int status = dialogue_exit_status(c->dlg), over = 0;
	size_t elen, n;
	const char *err = dialogue_stderr(c->dlg, &elen);
	char *q;

	if (elen > 0)
		frame_write_output(oc->fd, oc->dev, oc->cmd,
		    FRAME_F_STDERR | FRAME_F_END, err,
		    within_limit(cfg, &oc->sent, elen, &over));
	frame_write_status(oc->fd, oc->dev, oc->cmd, status);
	if (status == 0 || c->ignore_refusals)
		return 0;
	if (c->refused.kind == ERR_NONE) {
		n = strcspn(err, "\n");
		q = screen_quote(err, n, 200);
		if (status > 0)
			failure_set(&c->refused, ERR_DEVICE_ERROR,
			    "'%.200s' exited with status %d%s%s", cmd, status,
			    q[0] ? ": " : "", q);
		else
			failure_set(&c->refused, ERR_DEVICE_ERROR,
			    "'%.200s' ended without an exit status%s%s", cmd,
			    q[0] ? ": " : "", q);
		free(q);
	}
	return 1;
}

/*
 * TextFSM on one command's output, if it has a template: its rows (kept
 * in rows too, for --pipe-input parsed) or the parse error go to the
 * parent. The first parse error fails the device as kind parse, but the
 * commands go on. Returns 1 when rows were sent.
 */
static int
parse_output(const struct worker_ctx *w, const struct device *d, struct conn *c,
    const char *cmd, const char *out, size_t outlen, struct out_ctx *oc,
    struct buf *rows)
{
	char err[512];
	int over = 0;

	switch (liveparse_run(
	    w->lp, d->device_type, cmd, out, outlen, rows, err, sizeof(err))) {
	case LIVEPARSE_NONE:
		return 0;
	case LIVEPARSE_ROWS:
		(void)within_limit(w->cfg, &oc->sent, rows->len, &over);
		if (!over) {
			frame_write_output(oc->fd, oc->dev, oc->cmd,
			    FRAME_F_PARSED | FRAME_F_END, rows->data,
			    rows->len);
			return 1;
		}
		snprintf(err, sizeof(err),
		    "its rows take the device past --max-output (%zu bytes)",
		    w->cfg->max_output);
		break;
	case LIVEPARSE_ERROR:
		break;
	}
	frame_write_output(oc->fd, oc->dev, oc->cmd,
	    FRAME_F_PARSE_ERROR | FRAME_F_END, err, strlen(err));
	if (c->refused.kind == ERR_NONE)
		failure_set(&c->refused, ERR_PARSE,
		    "TextFSM on '%.200s': %.280s", cmd, err);
	return 0;
}

/* The time frame writes were blocked goes back to every deadline of c. */
static void
postpone(struct conn *c)
{
	int64_t ns = frame_blocked_ns();

	if (c->tg.deadline != 0)
		c->tg.deadline += ns;
	if (c->dp.deadline != 0)
		c->dp.deadline += ns;
	dialogue_postpone(c->dlg, ns);
}

/*
 * --pipe on one command's output, or on its rows when rows is not NULL
 * (the raw output goes first).
 */
static int
pipe_output(const struct worker_ctx *w, const struct device *d, struct conn *c,
    const char *cmd, char **out, size_t *outlen, struct out_ctx *oc,
    struct buf *rows, struct failure *f)
{
	char why[256];
	int over = 0;

	frame_write_output(oc->fd, oc->dev, oc->cmd, FRAME_F_RAW | FRAME_F_END,
	    *out, within_limit(w->cfg, &oc->sent, *outlen, &over));
	if (rows != NULL) {
		free(*out);
		*out = buf_steal(rows, outlen);
	}
	postpone(c);
	if (run_pipe(
		w, d, cmd, out, outlen, c->tg.deadline, why, sizeof(why)) == 0)
		return 0;
	failure_set(f, ERR_PIPE, "--pipe on '%.200s': %.250s", cmd, why);
	free(*out);
	*out = NULL;
	*outlen = 0;
	return -1;
}

size_t
worker_config_steps(const struct config *cfg, const struct device *d)
{
	size_t n = 0;

	if (cfg->nconfig > 0)
		n++;
	if (cfg->save && d->platform != NULL && d->platform->save_cmd != NULL)
		n++;
	return n;
}

/*
 * Step i (named name) of a configuration push (see worker_config_steps):
 * the session, or the save. A refused configuration line is kept in
 * c->refused (naming the line, quoting the device) and stops the device
 * (*stop).
 */
static int
config_step(const struct config *cfg, struct conn *c, size_t i,
    const char *name, char **out, size_t *outlen, int *stop, struct failure *f)
{
	const char *bad;
	char *why, *q;
	int rc;

	if (i > 0 || cfg->nconfig == 0) {
		rc = dialogue_save(c->dlg, out, outlen, f);
		if (rc == 0 && refused(c, name, *out, *outlen))
			*stop = 1;
		return rc;
	}
	rc = dialogue_configure(c->dlg, cfg->config_lines, cfg->nconfig,
	    c->refusals, &bad, &why, out, outlen, f);
	if (why != NULL) {
		if (c->refused.kind == ERR_NONE) {
			q = screen_quote(why, strlen(why), 200);
			if (c->dp.platform != NULL &&
			    bad == c->dp.platform->config_cmd)
				failure_set(&c->refused, ERR_DEVICE_ERROR,
				    "'%s' did not enter configuration mode: %s",
				    bad, q);
			else
				failure_set(&c->refused, ERR_DEVICE_ERROR,
				    "configuration line '%.200s' refused: %s",
				    bad, q);
			free(q);
		}
		free(why);
		*stop = 1;
	}
	return rc;
}

/*
 * Run cmds; stops at the first failure (f filled), or after a refusal
 * with --stop-on-error (a refused configuration line always stops).
 * Returns 0 or -1.
 */
static int
run_commands(const struct worker_ctx *w, const struct device *d, struct conn *c,
    char *const *cmds, size_t ncmds, struct out_ctx *oc, struct failure *f)
{
	const struct config *cfg = w->cfg;
	size_t i, nconf = worker_config_steps(cfg, d);
	int stop = 0;

	for (i = 0; i < ncmds && !stop; i++) {
		char *out = NULL;
		size_t outlen = 0;
		struct buf rows;
		int rc, over = 0, parsed = 0;
		int64_t t0 = mono_ns();

		oc->cmd = (uint32_t)i;
		frame_write_event(
		    oc->fd, oc->dev, STAGE_COMMAND_START, oc->cmd);
		if (i < nconf) {
			rc = config_step(
			    cfg, c, i, cmds[i], &out, &outlen, &stop, f);
		} else {
			rc = dialogue_run(c->dlg, cmds[i], &out, &outlen, f);
			if (rc == 0 &&
			    (refused(c, cmds[i], out, outlen) ||
				(dialogue_is_exec(c->dlg) &&
				    report_exec(cfg, c, cmds[i], oc))))
				stop = cfg->stop_on_error;
		}
		buf_init(&rows);
		/* A configuration session's transcript is not parsed. */
		if (rc == 0 && w->lp != NULL && i >= nconf)
			parsed = parse_output(
			    w, d, c, cmds[i], out, outlen, oc, &rows);
		/* --pipe-input parsed: only rows go through the pipe. */
		if (rc == 0 && cfg->pipe_cmd != NULL &&
		    (cfg->pipe_input == PIPE_INPUT_OUTPUT || parsed))
			rc = pipe_output(w, d, c, cmds[i], &out, &outlen, oc,
			    cfg->pipe_input == PIPE_INPUT_PARSED ? &rows : NULL,
			    f);
		buf_free(&rows);
		/* Partial output of a failed command is still worth keeping. */
		if (rc == 0 || outlen > 0) {
			outlen = within_limit(cfg, &oc->sent, outlen, &over);
			if (over && rc == 0) {
				rc = -1;
				failure_set(f, ERR_OUTPUT_LIMIT,
				    "output of '%.200s' takes the device past "
				    "%zu bytes",
				    cmds[i], cfg->max_output);
			}
			frame_write_output(oc->fd, oc->dev, oc->cmd,
			    rc == 0 ? FRAME_F_END : 0, out ? out : "", outlen);
		}
		trace(c, t0, "command '%.200s': %zu bytes%s", cmds[i], outlen,
		    rc == 0 ? "" : ", failed");
		free(out);
		frame_write_event(oc->fd, oc->dev, STAGE_COMMAND_DONE, oc->cmd);
		postpone(c);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/*
 * Without a password, a key (the inventory's or the ssh_config's) or an
 * agent there is nothing to log in with.
 */
static int
has_credentials(const struct device *d, const struct transport_target *tg,
    struct failure *f)
{
	if (tg->password != NULL || tg->nkey_files > 0 || tg->use_agent)
		return 1;
	failure_set(
	    f, ERR_AUTH, "no password or key for %s in the inventory", d->name);
	return 0;
}

/*
 * A wait that ran out when the device's overall deadline had passed was
 * stopped by that deadline, whatever stage it was in: kind timeout, and
 * the message names the limit (the dialogue already words its own).
 */
static void
name_timeout(struct failure *f, const struct dialogue_params *dp)
{
	size_t n = strlen(f->msg);

	if (!f->timed_out || f->kind == ERR_TIMEOUT ||
	    !deadline_passed(dp->deadline))
		return;
	f->kind = ERR_TIMEOUT;
	snprintf(f->msg + n, sizeof(f->msg) - n, " (the device's %g s %s)",
	    (double)dp->budget_ms / 1000.0, dp->budget_name);
}

/*
 * Tell the parent about a key learnt in accept-new mode (the device's,
 * or a jump host's). The parent writes the run's known_hosts file: a key
 * checked against another one (an ssh_config's UserKnownHostsFile) is
 * not recorded there.
 */
static void
report_hostkey(int fd, uint32_t dev, const char *hk, const char *kh,
    const struct config *cfg)
{
	char *line;

	if (hk == NULL || kh == NULL || strcmp(kh, cfg->known_hosts) != 0)
		return;
	/* The frame carries the line without its newline. */
	line = xstrndup(hk, strcspn(hk, "\n"));
	frame_write_hostkey(fd, dev, line);
	free(line);
}

/*
 * One connection: the route, log in, then run the commands, then close
 * every link. Each attempt has the device's whole budget. Returns 1 when
 * the commands were reached (nothing may be retried then: a command may
 * have taken effect), else 0; f is filled on failure, the deadline's kind
 * already named.
 */
static int
attempt(const struct worker_ctx *w, const struct device *d, struct conn *c,
    int fd, uint32_t dev, unsigned n, int logfd, struct timings *t,
    struct failure *f)
{
	const struct config *cfg = w->cfg;
	char *const *cmds;
	size_t ncmds;
	int64_t cstart, deadline;
	int ready = 0;

	cmds = device_commands(d, cfg->commands, cfg->ncommands, &ncmds);
	frame_write_event(fd, dev, STAGE_CONNECTING, n);
	deadline = mono_ns() + budget_device_ms(w->cfg, d) * NS_PER_MS;
	target_of(cfg, d, deadline, &c->tg);
	params_of(w, d, deadline, logfd, c);
	if (sshroute_apply(w->routes, cfg, d, &c->tg, &c->connect_ms, &c->spec,
		&c->route, f) == 0 &&
	    has_credentials(d, &c->tg, f) && login(c, f) == 0) {
		struct out_ctx oc = {.fd = fd, .dev = dev};

		ready = 1;
		report_hostkey(fd, dev, transport_new_hostkey(c->t),
		    c->tg.known_hosts, cfg);
		frame_write_event(fd, dev, STAGE_READY, 0);
		cstart = mono_ns();
		(void)run_commands(w, d, c, cmds, ncmds, &oc, f);
		t->commands = mono_ns() - cstart;
	}
	for (size_t i = 0; c->tun != NULL && i < c->spec.nhops; i++)
		report_hostkey(fd, dev, tunnel_new_hostkey(c->tun, i),
		    c->spec.hops[i].tg.known_hosts, cfg);
	/* A link under the session that broke is the cause of its failure. */
	if (f->kind != ERR_NONE)
		tunnel_explain(c->tun, f);
	/* A refusal came before anything else went wrong: it is the cause. */
	if (c->refused.kind != ERR_NONE)
		*f = c->refused;
	dialogue_close(c->dlg);
	transport_close(c->t);
	tunnel_close(c->tun);
	sshroute_clear(&c->route);
	c->dlg = NULL;
	c->t = NULL;
	c->tun = NULL;
	memset(&c->route, 0, sizeof(c->route));
	memset(&c->spec, 0, sizeof(c->spec));
	t->connect = c->t_login.connect;
	t->auth = c->t_login.auth;
	t->enable = c->t_login.enable;
	if (f->kind != ERR_NONE)
		name_timeout(f, &c->dp);
	return ready;
}

/* --retries: attempt n failed with f; the parent says so on stderr. */
static void
say_retry(int fd, uint32_t dev, const struct device *d, const struct failure *f,
    unsigned n, unsigned attempts, int64_t wait)
{
	struct buf b;

	buf_init(&b);
	retry_notice(&b, d->name, f->kind, f->msg, n, attempts, wait);
	frame_write_notice(fd, dev, b.data);
	buf_free(&b);
}

int
worker_run(void *ctx, size_t index, int fd)
{
	const struct worker_ctx *w = ctx;
	const struct config *cfg = w->cfg;
	const struct device *d = &w->inv->devices[index];
	struct failure f = {.kind = ERR_NONE};
	struct conn c = {0};
	struct timings t = {0};
	int64_t start = mono_ns();
	uint32_t dev = (uint32_t)index;
	int64_t wait;
	unsigned n;
	int logfd;

	(void)frame_blocked_ns(); /* a device before this one's */
	logfd = open_log(cfg, d, &f);
	c.name = d->name;
	c.verbose = cfg->verbose > 0;
	if (((cfg->session_log_dir == NULL && d->session_log == NULL) ||
		logfd != -1) &&
	    refusals_of(cfg, d, &c.refusals, &c.ignore_refusals, &f) == 0) {
		for (n = 1; !attempt(w, d, &c, fd, dev, n, logfd, &t, &f) &&
		     f.kind != ERR_NONE && n <= cfg->retries &&
		     retry_may_help(f.kind);
		     n++) {
			wait = retry_wait_ms(cfg->retry_wait_ms, n);
			say_retry(fd, dev, d, &f, n, cfg->retries + 1, wait);
			retry_pause(wait);
			f = (struct failure){.kind = ERR_NONE};
			t = (struct timings){0};
		}
	} else
		frame_write_event(fd, dev, STAGE_CONNECTING, 1);
	screen_re_free(c.refusals);
	if (logfd != -1)
		close(logfd);
	if (f.kind != ERR_NONE)
		frame_write_error(fd, dev, f.kind, f.msg);
	t.total = mono_ns() - start;
	frame_write_done(fd, dev, &t);
	return 0;
}
