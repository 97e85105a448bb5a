/*
 * output: turns results into what the user sees. Every result is written
 * to stdout whole with one write loop of one buffer, so results never mix.
 * In input order a result waits in `held` until every earlier device is
 * out; memory is then bounded by the devices that finished early. Failed
 * devices are remembered as one line each for the summary on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "escape.h"
#include "files.h"
#include "log.h"
#include "output.h"
#include "util.h"

struct output {
	const struct config *cfg;
	const struct inventory *inv;
	size_t ndev;
	struct result **held; /* input order: finished, not yet emitted */
	size_t next;	      /* first device not yet emitted */
	size_t started, done, ok, failed;
	size_t kinds[ERR_KIND_COUNT];
	int64_t t0;
	int64_t last_tick;
	int tty_err; /* stderr is a terminal: progress line */
	int progress_shown;
	int out_errno;	     /* why stdout failed, 0 while it works */
	size_t written;	     /* results written whole to stdout */
	json_t *all;	     /* FORMAT_JSON: results in input order */
	struct buf failures; /* one line per failed device */
	struct files *files; /* --output-dir */
};

/* Diagnostics: a failed write to stderr has nowhere to be reported. */
static void
write_err(const char *p, size_t n)
{
	(void)write_all(STDERR_FILENO, p, n);
}

/*
 * Results: the first failed write stops every later one, and the run is
 * told to stop (output_result() returns -1); output_finish() reports it.
 */
static int
write_out(struct output *o, const char *p, size_t n)
{
	if (o->out_errno != 0)
		return -1;
	if (write_all(STDOUT_FILENO, p, n) == -1) {
		o->out_errno = errno != 0 ? errno : EIO;
		return -1;
	}
	return 0;
}

/*
 * "R1 (127.0.0.1:2222)", or just "127.0.0.1:2222" when that is the name;
 * control bytes in the inventory's strings are escaped.
 */
static void
device_label(struct buf *b, const struct device *d)
{
	char hp[300];

	snprintf(hp, sizeof(hp), "%s:%u", d->host, d->port);
	if (strcmp(d->name, hp) == 0 || strcmp(d->name, d->host) == 0) {
		escape_line(b, hp, strlen(hp));
	} else {
		escape_line(b, d->name, strlen(d->name));
		buf_append(b, " (", 2);
		escape_line(b, hp, strlen(hp));
		buf_append(b, ")", 1);
	}
}

static void
clear_progress(struct output *o)
{
	if (o->progress_shown) {
		write_err("\r\033[K", 4);
		o->progress_shown = 0;
	}
}

static void
clock_str(char *s, size_t n)
{
	int64_t now = real_ns();
	time_t secs = (time_t)(now / NS_PER_SEC);
	struct tm tm;

	localtime_r(&secs, &tm);
	snprintf(s, n, "%02d:%02d:%02d.%06ld", tm.tm_hour, tm.tm_min, tm.tm_sec,
	    (long)(now % NS_PER_SEC / 1000));
}

static void
trace(struct output *o, const char *arrow, const char *what, size_t index)
{
	char ts[32];
	struct buf b;

	clear_progress(o);
	clock_str(ts, sizeof(ts));
	buf_init(&b);
	buf_appendf(&b, "%s %s %s: ", arrow, ts, what);
	escape_line(&b, o->inv->devices[index].host,
	    strlen(o->inv->devices[index].host));
	buf_append(&b, "\n", 1);
	write_err(b.data, b.len);
	buf_free(&b);
}

struct output *
output_new(const struct config *cfg, const struct inventory *inv)
{
	struct output *o = xcalloc(1, sizeof(*o));

	o->cfg = cfg;
	o->inv = inv;
	o->ndev = inv->ndevices;
	o->held = xcalloc(o->ndev, sizeof(*o->held));
	o->t0 = mono_ns();
	o->tty_err = isatty(2) && !cfg->quiet && !cfg->trace;
	buf_init(&o->failures);
	if (cfg->format == FORMAT_JSON)
		o->all = json_array();
	if (cfg->session_log_dir != NULL &&
	    files_check_logs(cfg->session_log_dir, inv) == -1)
		goto fail;
	if (cfg->output_dir != NULL) {
		o->files =
		    files_plan("--output-dir", cfg->output_dir, cfg, inv);
		if (o->files == NULL)
			goto fail;
	}
	return o;
fail:
	output_free(o);
	return NULL;
}

void
output_start(struct output *o, size_t index)
{
	o->started++;
	if (o->cfg->trace)
		trace(o, "===>", "Connection to device", index);
}

static double
secs(int64_t ns)
{
	return (double)ns / 1e9;
}

static int64_t
total_ns(const struct result *r)
{
	if (r->t.total > 0)
		return r->t.total;
	if (r->finished > r->started && r->started > 0)
		return r->finished - r->started;
	return 0;
}

static void
append_output_text(struct output *o, struct buf *b, const char *s, size_t n)
{
	if (!o->cfg->raw)
		escape_tty(b, s, n);
	else
		buf_append(b, s, n);
	if (n > 0 && s[n - 1] != '\n')
		buf_append(b, "\n", 1);
}

static void
emit_text(struct output *o, const struct result *r)
{
	const struct device *d = &o->inv->devices[r->index];
	char *const *cmds;
	size_t ncmds;
	struct buf b;

	cmds = device_commands(d, o->cfg->commands, o->cfg->ncommands, &ncmds);
	buf_init(&b);
	buf_append(&b, "=== ", 4);
	device_label(&b, d);
	buf_appendf(
	    &b, " %s %.3fs\n", err_kind_name(r->kind), secs(total_ns(r)));
	for (size_t i = 0; i < r->noutputs; i++) {
		const struct cmd_output *c = &r->outputs[i];

		if (ncmds > 1 && i < ncmds) {
			buf_append(&b, "--- ", 4);
			escape_line(&b, cmds[i], strlen(cmds[i]));
			buf_append(&b, "\n", 1);
		}
		append_output_text(o, &b, c->output ? c->output : "", c->len);
	}
	if (o->files != NULL) {
		for (size_t i = 0; i < files_count(o->files, r->index); i++) {
			const char *path = files_path(o->files, r->index, i);

			if (!files_saved(o->files, r->index, i))
				continue;
			buf_append(&b, "saved ", 6);
			escape_line(&b, path, strlen(path));
			buf_append(&b, "\n", 1);
		}
	}
	if (write_out(o, b.data, b.len) == 0)
		o->written++;
	buf_free(&b);
}

static json_t *
json_bytes(const char *s, size_t n)
{
	struct buf b;
	json_t *j;

	buf_init(&b);
	escape_utf8(&b, s ? s : "", s ? n : 0);
	j = json_stringn(b.data ? b.data : "", b.len);
	buf_free(&b);
	return j;
}

static json_t *
json_time(int64_t ns)
{
	char s[64];
	time_t t = (time_t)(ns / NS_PER_SEC);
	struct tm tm;

	if (ns <= 0)
		return json_null();
	gmtime_r(&t, &tm);
	snprintf(s, sizeof(s), "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, (long)(ns % NS_PER_SEC / 1000));
	return json_string(s);
}

static json_t *
result_json(const struct output *o, const struct result *r)
{
	const struct device *d = &o->inv->devices[r->index];
	json_t *obj = json_object(), *outs = json_array(), *t;
	char *const *cmds;
	size_t ncmds;

	cmds = device_commands(d, o->cfg->commands, o->cfg->ncommands, &ncmds);
	json_object_set_new(
	    obj, "device", json_bytes(d->name, strlen(d->name)));
	json_object_set_new(obj, "host", json_bytes(d->host, strlen(d->host)));
	json_object_set_new(obj, "port", json_integer(d->port));
	json_object_set_new(obj, "group",
	    d->group ? json_bytes(d->group, strlen(d->group)) : json_null());
	json_object_set_new(obj, "device_type", json_string(d->device_type));
	json_object_set_new(obj, "ok", json_boolean(r->kind == ERR_NONE));
	if (r->kind == ERR_NONE) {
		json_object_set_new(obj, "error", json_null());
	} else {
		json_t *e = json_object();
		const char *m = r->message ? r->message : "";

		json_object_set_new(
		    e, "kind", json_string(err_kind_name(r->kind)));
		json_object_set_new(e, "message", json_bytes(m, strlen(m)));
		json_object_set_new(obj, "error", e);
	}
	for (size_t i = 0; i < r->noutputs; i++) {
		const struct cmd_output *c = &r->outputs[i];
		json_t *jo = json_object();

		json_object_set_new(jo, "command",
		    i < ncmds ? json_bytes(cmds[i], strlen(cmds[i]))
			      : json_null());
		json_object_set_new(
		    jo, "output", json_bytes(c->output, c->len));
		if (c->raw != NULL)
			json_object_set_new(
			    jo, "raw", json_bytes(c->raw, c->raw_len));
		json_array_append_new(outs, jo);
	}
	json_object_set_new(obj, "outputs", outs);
	t = json_object();
	json_object_set_new(t, "connect", json_real(secs(r->t.connect)));
	json_object_set_new(t, "auth", json_real(secs(r->t.auth)));
	json_object_set_new(t, "enable", json_real(secs(r->t.enable)));
	json_object_set_new(t, "commands", json_real(secs(r->t.commands)));
	json_object_set_new(t, "total", json_real(secs(total_ns(r))));
	json_object_set_new(obj, "timings", t);
	json_object_set_new(obj, "started", json_time(r->started));
	json_object_set_new(obj, "finished", json_time(r->finished));
	return obj;
}

/* One JSON text and its newline on stdout, in one write. */
static int
write_json(struct output *o, const json_t *j, size_t flags)
{
	char *s = json_dumps(j, flags);
	size_t n;
	int rc;

	if (s == NULL) {
		log_error("cannot format a result as JSON");
		return -1;
	}
	n = strlen(s);
	s[n] = '\n'; /* over the NUL: json_dumps allocated n + 1 bytes */
	rc = write_out(o, s, n + 1);
	free(s);
	return rc;
}

static void
emit(struct output *o, struct result *r)
{
	json_t *j;

	switch (o->cfg->format) {
	case FORMAT_TEXT:
		emit_text(o, r);
		break;
	case FORMAT_JSONL:
		j = result_json(o, r);
		if (write_json(o, j, JSON_COMPACT | JSON_ENSURE_ASCII) == 0)
			o->written++;
		json_decref(j);
		break;
	case FORMAT_JSON:
		json_array_append_new(o->all, result_json(o, r));
		break;
	}
	result_free(r);
}

int
output_result(struct output *o, struct result *r)
{
	const struct device *d;

	if (r->index >= o->ndev || o->held[r->index] != NULL) {
		log_error(
		    "internal: unexpected result for device %zu", r->index);
		result_free(r);
		return o->out_errno != 0 ? -1 : 0;
	}
	d = &o->inv->devices[r->index];
	if (o->files != NULL)
		(void)files_save(o->files, r);
	o->done++;
	o->kinds[r->kind]++;
	if (r->kind == ERR_NONE) {
		o->ok++;
	} else {
		const char *m =
		    r->message ? r->message : err_kind_name(r->kind);

		o->failed++;
		device_label(&o->failures, d);
		buf_appendf(&o->failures, ": %s: ", err_kind_name(r->kind));
		escape_line(&o->failures, m, strlen(m));
		buf_append(&o->failures, "\n", 1);
	}
	if (o->cfg->trace && r->kind != ERR_INTERRUPTED)
		trace(o, "<===", "Received result from device", r->index);
	clear_progress(o);
	if (o->cfg->order == ORDER_COMPLETION) {
		emit(o, r);
	} else {
		o->held[r->index] = r;
		while (o->next < o->ndev && o->held[o->next] != NULL) {
			emit(o, o->held[o->next]);
			o->held[o->next] = NULL;
			o->next++;
		}
	}
	return o->out_errno != 0 ? -1 : 0;
}

int
output_failed(const struct output *o)
{
	return o->out_errno != 0;
}

void
output_tick(struct output *o)
{
	char line[160];
	int64_t now = mono_ns();
	int n;

	if (!o->tty_err || now - o->last_tick < 100 * NS_PER_MS)
		return;
	o->last_tick = now;
	n = snprintf(line, sizeof(line),
	    "\r\033[K[%zu/%zu] ok %zu, failed %zu, running %zu, %.1fs", o->done,
	    o->ndev, o->ok, o->failed, o->started - o->done, secs(now - o->t0));
	if (n > 0)
		write_err(line,
		    (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
	o->progress_shown = 1;
}

int
output_finish(struct output *o, int sig)
{
	struct buf b;
	int first = 1;

	/* Whatever is still held (only after an interruption) goes out. */
	for (size_t i = o->next; i < o->ndev; i++) {
		if (o->held[i] != NULL) {
			emit(o, o->held[i]);
			o->held[i] = NULL;
		}
	}
	o->next = o->ndev;
	if (o->all != NULL) {
		json_t *doc = json_object(), *sum = json_object();
		json_t *errs = json_object();

		for (int k = 1; k < ERR_KIND_COUNT; k++)
			if (o->kinds[k] > 0)
				json_object_set_new(errs,
				    err_kind_name((enum err_kind)k),
				    json_integer((json_int_t)o->kinds[k]));
		json_object_set_new(sum, "devices", json_integer(o->ndev));
		json_object_set_new(sum, "ok", json_integer(o->ok));
		json_object_set_new(sum, "failed", json_integer(o->failed));
		json_object_set_new(sum, "errors", errs);
		json_object_set_new(
		    sum, "elapsed", json_real(secs(mono_ns() - o->t0)));
		json_object_set_new(sum, "interrupted", json_boolean(sig != 0));
		json_object_set(doc, "results", o->all);
		json_object_set_new(doc, "summary", sum);
		if (write_json(o, doc, JSON_INDENT(2) | JSON_ENSURE_ASCII) == 0)
			o->written = o->done;
		json_decref(doc);
	}
	clear_progress(o);
	/* A stdout error at close (NFS, say) is a lost write too. */
	if (o->out_errno == 0 && close(STDOUT_FILENO) == -1 && errno != EBADF)
		o->out_errno = errno;
	buf_init(&b);
	if (o->out_errno != 0) {
		buf_appendf(&b,
		    "netcollect: cannot write the results to stdout: %s (%zu "
		    "of %zu devices written); stopped\n",
		    strerror(o->out_errno), o->written, o->ndev);
		write_err(b.data, b.len);
		buf_free(&b);
		return OUTPUT_EXIT_STDOUT;
	}
	if (sig != 0)
		buf_appendf(&b,
		    "netcollect: interrupted by %s: results are "
		    "partial\n",
		    sig == SIGINT	 ? "SIGINT"
			: sig == SIGTERM ? "SIGTERM"
					 : "a signal");
	if (!o->cfg->quiet) {
		buf_appendf(&b, "%zu device%s: %zu ok, %zu failed", o->ndev,
		    o->ndev == 1 ? "" : "s", o->ok, o->failed);
		for (int k = 1; k < ERR_KIND_COUNT; k++) {
			if (o->kinds[k] == 0)
				continue;
			buf_appendf(&b, "%s%s %zu", first ? " (" : ", ",
			    err_kind_name((enum err_kind)k), o->kinds[k]);
			first = 0;
		}
		buf_appendf(&b, "%s in %.3fs\n", first ? "" : ")",
		    secs(mono_ns() - o->t0));
	}
	buf_append(&b, o->failures.data, o->failures.len);
	if (b.len > 0)
		write_err(b.data, b.len);
	buf_free(&b);
	return o->failed > 0 ? OUTPUT_EXIT_FAILED : OUTPUT_EXIT_OK;
}

void
output_free(struct output *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < o->ndev; i++)
		result_free(o->held[i]);
	files_free(o->files);
	free(o->held);
	json_decref(o->all);
	buf_free(&o->failures);
	free(o);
}

int
output_stdio_check(void)
{
	static const char msg[] = "netcollect: stdout is closed: the results "
				  "would have nowhere to go\n";
	int fd;

	/* open() takes the lowest free fd: the closed one, in order. */
	for (int i = 0; i <= 2; i++) {
		if (fcntl(i, F_GETFD) != -1 || errno != EBADF)
			continue;
		if (i == STDOUT_FILENO) {
			write_err(msg, sizeof(msg) - 1);
			return -1;
		}
		fd = open("/dev/null", i == 0 ? O_RDONLY : O_WRONLY);
		if (fd != -1 && fd != i)
			close(fd);
	}
	return 0;
}
