/*
 * worker: one device, start to end, identical in process, thread and
 * serial mode. It talks only through frames on its fd: an EVENT when it
 * starts, HOSTKEY when accept-new learnt a key, OUTPUT chunks per command,
 * at most one ERROR, and always DONE last. The device's overall deadline
 * bounds every wait inside the session; the pool's kill is only a net.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "fsname.h"
#include "postproc.h"
#include "session.h"
#include "worker.h"

/* Time the pool waits past the worker's own deadline before killing it. */
#define KILL_MARGIN_MS 2000

/* The per-command read timeout: the device's own, else the command line's. */
static int64_t
read_ms(const struct config *cfg, const struct device *d)
{
	return d->read_timeout_ms > 0 ? d->read_timeout_ms
				      : cfg->read_timeout_ms;
}

/*
 * The device's own budget: its timeout, or one derived from the stages
 * (options_parse() filled every default, so each is set).
 */
static int64_t
device_budget_ms(const struct worker_ctx *w, const struct device *d)
{
	const struct config *cfg = w->cfg;
	size_t n;

	if (d->timeout_ms > 0)
		return d->timeout_ms;
	if (cfg->timeout_ms > 0)
		return cfg->timeout_ms;
	device_commands(d, cfg->commands, cfg->ncommands, &n);
	/* Login reads (prompt, paging off, enable) count as reads too. */
	return cfg->connect_timeout_ms + cfg->auth_timeout_ms +
	    read_ms(cfg, d) * (int64_t)(n + 3) +
	    (cfg->pipe_cmd ? (int64_t)n * cfg->pipe_timeout_ms : 0);
}

int64_t
worker_timeout_ms(void *ctx, size_t index)
{
	const struct worker_ctx *w = ctx;

	return device_budget_ms(w, &w->inv->devices[index]) + KILL_MARGIN_MS;
}

/* Run --pipe on one command's output; the result replaces out. */
static int
run_pipe(const struct worker_ctx *w, const struct device *d, const char *cmd,
    char **out, size_t *outlen, int64_t deadline, char *why, size_t whylen)
{
	char *env[7];
	struct buf res;
	int64_t dl;
	int rc;

	env[0] = xasprintf("NC_DEVICE=%s", d->name);
	env[1] = xasprintf("NC_HOST=%s", d->host);
	env[2] = xasprintf("NC_PORT=%u", d->port);
	env[3] = xasprintf("NC_GROUP=%s", d->group ? d->group : "");
	env[4] = xasprintf("NC_COMMAND=%s", cmd);
	env[5] = xasprintf("NC_DEVICE_TYPE=%s", d->device_type);
	env[6] = NULL;
	dl = mono_ns() + w->cfg->pipe_timeout_ms * NS_PER_MS;
	dl = deadline_min(dl, deadline);
	buf_init(&res);
	rc = postproc_run(w->cfg->pipe_cmd, env, *out, *outlen, dl,
	    w->cfg->max_output, &res, why, whylen);
	for (int i = 0; i < 6; i++)
		free(env[i]);
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

int
worker_run(void *ctx, size_t index, int fd)
{
	const struct worker_ctx *w = ctx;
	const struct config *cfg = w->cfg;
	const struct device *d = &w->inv->devices[index];
	struct session_error err = {.kind = ERR_NONE};
	struct session *s = NULL;
	struct timings t = {0};
	char *const *cmds;
	char *logpath = NULL;
	size_t ncmds, i, sent = 0;
	int64_t start = mono_ns(), cstart, deadline;
	uint32_t dev = (uint32_t)index;

	cmds = device_commands(d, cfg->commands, cfg->ncommands, &ncmds);
	deadline = start + device_budget_ms(w, d) * NS_PER_MS;
	if (cfg->session_log_dir != NULL)
		logpath = fsname_path(cfg->session_log_dir, d->name, ".log");

	struct session_opts so = {
	    .name = d->name,
	    .host = d->host,
	    .port = d->port,
	    .username = d->username,
	    .password = d->password,
	    .secret = d->secret,
	    .key_file = d->key_file,
	    .passphrase = d->passphrase,
	    .use_agent = d->use_agent,
	    .platform = d->platform,
	    .connect_timeout_ms = cfg->connect_timeout_ms,
	    .auth_timeout_ms = cfg->auth_timeout_ms,
	    .read_timeout_ms = read_ms(cfg, d),
	    .deadline = deadline,
	    .hostkey_mode = d->host_key_check != HOSTKEY_DEFAULT
		? d->host_key_check
		: cfg->host_key_check,
	    .known_hosts = cfg->known_hosts,
	    .session_log = logpath,
	    .max_output = cfg->max_output,
	    .algorithms = d->algorithms,
	};

	frame_write_event(fd, dev, STAGE_CONNECTING, 0);
	s = session_open(&so, &err);
	if (s == NULL)
		goto done;
	if (session_new_hostkey(s) != NULL) {
		/* The frame carries the line without its newline. */
		const char *hk = session_new_hostkey(s);
		char *line = xstrndup(hk, strcspn(hk, "\n"));

		frame_write_hostkey(fd, dev, line);
		free(line);
	}
	frame_write_event(fd, dev, STAGE_READY, 0);

	cstart = mono_ns();
	for (i = 0; i < ncmds; i++) {
		char *out = NULL;
		size_t outlen = 0;
		int rc;

		frame_write_event(fd, dev, STAGE_COMMAND_START, (uint32_t)i);
		int over = 0;
		rc = session_run(s, cmds[i], &out, &outlen, &err);
		if (rc == 0 && cfg->pipe_cmd != NULL) {
			char why[256];

			frame_write_output(fd, dev, (uint32_t)i,
			    FRAME_F_RAW | FRAME_F_END, out,
			    within_limit(cfg, &sent, outlen, &over));
			if (run_pipe(w, d, cmds[i], &out, &outlen, deadline,
				why, sizeof(why)) == -1) {
				err.kind = ERR_PIPE;
				snprintf(err.msg, sizeof(err.msg),
				    "--pipe on '%.200s': %.250s", cmds[i], why);
				rc = -1;
				free(out);
				out = NULL;
				outlen = 0;
			}
		}
		/* Partial output of a failed command is still worth keeping. */
		if (rc == 0 || outlen > 0) {
			outlen = within_limit(cfg, &sent, outlen, &over);
			if (over && rc == 0) {
				rc = -1;
				err.kind = ERR_OUTPUT_LIMIT;
				snprintf(err.msg, sizeof(err.msg),
				    "output of '%.200s' takes the device past "
				    "%zu bytes",
				    cmds[i], cfg->max_output);
			}
			frame_write_output(fd, dev, (uint32_t)i,
			    rc == 0 ? FRAME_F_END : 0, out ? out : "", outlen);
		}
		free(out);
		frame_write_event(fd, dev, STAGE_COMMAND_DONE, (uint32_t)i);
		if (rc == -1)
			break;
	}
	t.commands = mono_ns() - cstart;
done:
	if (s != NULL) {
		struct timings st;

		session_timings(s, &st);
		t.connect = st.connect;
		t.auth = st.auth;
		t.enable = st.enable;
		session_close(s);
	} else {
		/* Login failed: the stages it went through, as far as it got. */
		t.connect = err.t.connect;
		t.auth = err.t.auth;
		t.enable = err.t.enable;
	}
	if (err.kind != ERR_NONE)
		frame_write_error(fd, dev, err.kind, err.msg);
	t.total = mono_ns() - start;
	frame_write_done(fd, dev, &t);
	free(logpath);
	return 0;
}
