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

#include "frame.h"
#include "log.h"
#include "output.h"
#include "util.h"

struct dev_files {
	int *fds;   /* one temp file per command, -1 when not open */
	char **tmp; /* temp names */
	size_t n;
};

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
	int tty_out; /* stdout is a terminal: escape controls */
	int progress_shown;
	json_t *all;	     /* FORMAT_JSON: results in input order */
	struct buf failures; /* one line per failed device */
	struct dev_files *files;
};

static void
write_fd(int fd, const char *p, size_t n)
{
	if (write_all(fd, p, n) == -1 && errno != EPIPE)
		log_error("write: %s", strerror(errno));
}

/* "R1 (127.0.0.1:2222)", or just "127.0.0.1:2222" when that is the name. */
static void
device_label(struct buf *b, const struct device *d)
{
	char hp[300];

	snprintf(hp, sizeof(hp), "%s:%u", d->host, d->port);
	if (strcmp(d->name, hp) == 0 || strcmp(d->name, d->host) == 0)
		buf_appendf(b, "%s", hp);
	else
		buf_appendf(b, "%s (%s)", d->name, hp);
}

static void
clear_progress(struct output *o)
{
	if (o->progress_shown) {
		write_fd(2, "\r\033[K", 4);
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
	buf_appendf(
	    &b, "%s %s %s: %s\n", arrow, ts, what, o->inv->devices[index].host);
	write_fd(2, b.data, b.len);
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
	o->tty_out = isatty(1);
	buf_init(&o->failures);
	if (cfg->format == FORMAT_JSON)
		o->all = json_array();
	if (cfg->output_dir != NULL)
		o->files = xcalloc(o->ndev, sizeof(*o->files));
	return o;
}

void
output_start(struct output *o, size_t index)
{
	o->started++;
	if (o->cfg->trace)
		trace(o, "===>", "Connection to device", index);
}

/* A file name made of the device name's safe characters. */
static char *
file_name(const struct output *o, const struct device *d, size_t cmd,
    size_t ncmds, int tmp)
{
	char *safe = xstrdup(d->name), *p, *path;

	for (p = safe; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
			*p == '.' || *p == ':'))
			*p = '_';
	if (safe[0] == '.')
		safe[0] = '_';
	if (ncmds > 1)
		path = xasprintf("%s/%s%s.%zu.txt%s", o->cfg->output_dir,
		    tmp ? "." : "", safe, cmd + 1, tmp ? ".tmp" : "");
	else
		path = xasprintf("%s/%s%s.txt%s", o->cfg->output_dir,
		    tmp ? "." : "", safe, tmp ? ".tmp" : "");
	free(safe);
	return path;
}

void
output_chunk(struct output *o, size_t index, uint32_t cmd, uint16_t flags,
    const unsigned char *data, size_t len)
{
	const struct device *d = &o->inv->devices[index];
	struct dev_files *f;
	size_t ncmds;

	if (o->files == NULL || (flags & FRAME_F_RAW))
		return;
	device_commands(d, o->cfg->commands, o->cfg->ncommands, &ncmds);
	if (cmd >= ncmds)
		return;
	f = &o->files[index];
	if (f->fds == NULL) {
		f->n = ncmds;
		f->fds = xmalloc(ncmds * sizeof(*f->fds));
		f->tmp = xcalloc(ncmds, sizeof(*f->tmp));
		for (size_t i = 0; i < ncmds; i++)
			f->fds[i] = -1;
	}
	if (f->fds[cmd] == -1) {
		f->tmp[cmd] = file_name(o, d, cmd, ncmds, 1);
		f->fds[cmd] = open(f->tmp[cmd],
		    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (f->fds[cmd] == -1) {
			log_error("%s: %s", f->tmp[cmd], strerror(errno));
			return;
		}
	}
	write_fd(f->fds[cmd], (const char *)data, len);
}

/* Rename temp files into place when the device succeeded; else drop them. */
static void
files_finish(struct output *o, const struct result *r)
{
	const struct device *d = &o->inv->devices[r->index];
	struct dev_files *f;

	if (o->files == NULL)
		return;
	f = &o->files[r->index];
	for (size_t i = 0; i < f->n; i++) {
		struct stat st;
		char *final;

		if (f->fds[i] == -1)
			continue;
		close(f->fds[i]);
		final = file_name(o, d, i, f->n, 0);
		if (r->kind != ERR_NONE ||
		    (fstatat(AT_FDCWD, f->tmp[i], &st, 0) == 0 &&
			st.st_size == 0 && access(final, F_OK) == 0)) {
			/* Failed or empty: a good earlier file stays. */
			unlink(f->tmp[i]);
		} else if (rename(f->tmp[i], final) == -1) {
			log_error("%s: %s", final, strerror(errno));
			unlink(f->tmp[i]);
		}
		free(final);
		free(f->tmp[i]);
	}
	free(f->fds);
	free(f->tmp);
	f->fds = NULL;
	f->tmp = NULL;
	f->n = 0;
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
	if (o->tty_out)
		output_escape_tty(b, s, n);
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

		if (ncmds > 1 && i < ncmds)
			buf_appendf(&b, "--- %s\n", cmds[i]);
		append_output_text(o, &b, c->output ? c->output : "", c->len);
	}
	if (o->cfg->output_dir != NULL && r->kind == ERR_NONE) {
		for (size_t i = 0; i < ncmds; i++) {
			char *path = file_name(o, d, i, ncmds, 0);

			buf_appendf(&b, "saved %s\n", path);
			free(path);
		}
	}
	write_fd(1, b.data, b.len);
	buf_free(&b);
}

static json_t *
json_bytes(const char *s, size_t n)
{
	struct buf b;
	json_t *j;

	buf_init(&b);
	output_utf8_sanitize(&b, s ? s : "", s ? n : 0);
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
static void
write_json(const json_t *j, size_t flags)
{
	char *s = json_dumps(j, flags);
	size_t n;

	if (s == NULL) {
		log_error("cannot format a result as JSON");
		return;
	}
	n = strlen(s);
	s[n] = '\n'; /* over the NUL: json_dumps allocated n + 1 bytes */
	write_fd(1, s, n + 1);
	free(s);
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
		write_json(j, JSON_COMPACT | JSON_ENSURE_ASCII);
		json_decref(j);
		break;
	case FORMAT_JSON:
		json_array_append_new(o->all, result_json(o, r));
		break;
	}
	result_free(r);
}

void
output_result(struct output *o, struct result *r)
{
	const struct device *d;

	if (r->index >= o->ndev || o->held[r->index] != NULL) {
		log_error(
		    "internal: unexpected result for device %zu", r->index);
		result_free(r);
		return;
	}
	d = &o->inv->devices[r->index];
	o->done++;
	o->kinds[r->kind]++;
	if (r->kind == ERR_NONE) {
		o->ok++;
	} else {
		o->failed++;
		device_label(&o->failures, d);
		buf_appendf(&o->failures, ": %s: %s\n", err_kind_name(r->kind),
		    r->message ? r->message : err_kind_name(r->kind));
	}
	files_finish(o, r);
	if (o->cfg->trace && r->kind != ERR_INTERRUPTED)
		trace(o, "<===", "Received result from device", r->index);
	clear_progress(o);
	if (o->cfg->order == ORDER_COMPLETION) {
		emit(o, r);
		return;
	}
	o->held[r->index] = r;
	while (o->next < o->ndev && o->held[o->next] != NULL) {
		emit(o, o->held[o->next]);
		o->held[o->next] = NULL;
		o->next++;
	}
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
		write_fd(2, line,
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
		write_json(doc, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		json_decref(doc);
	}
	clear_progress(o);
	buf_init(&b);
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
		write_fd(2, b.data, b.len);
	buf_free(&b);
	return o->failed > 0 ? 1 : 0;
}

void
output_free(struct output *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < o->ndev; i++)
		result_free(o->held[i]);
	if (o->files != NULL) {
		for (size_t i = 0; i < o->ndev; i++) {
			for (size_t c = 0; c < o->files[i].n; c++) {
				if (o->files[i].fds[c] != -1) {
					close(o->files[i].fds[c]);
					unlink(o->files[i].tmp[c]);
				}
				free(o->files[i].tmp[c]);
			}
			free(o->files[i].fds);
			free(o->files[i].tmp);
		}
		free(o->files);
	}
	free(o->held);
	json_decref(o->all);
	buf_free(&o->failures);
	free(o);
}

static size_t utf8_seq(const unsigned char *s, size_t n);

/*
 * C0 controls (but \n and \t) and DEL, C1 controls written as UTF-8
 * (U+0080..U+009F: U+009B is CSI to many terminals) and stray bytes
 * 0x80..0x9f (CSI and friends to an 8-bit terminal) all become \xNN.
 */
void
output_escape_tty(struct buf *dst, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		k = utf8_seq(p + i, n - i);
		if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t') ||
		    p[i] == 0x7f || (k == 0 && p[i] >= 0x80 && p[i] <= 0x9f)) {
			buf_appendf(dst, "\\x%02x", p[i]);
			i++;
		} else if (k == 2 && p[i] == 0xc2 && p[i + 1] <= 0x9f) {
			buf_appendf(dst, "\\x%02x\\x%02x", p[i], p[i + 1]);
			i += 2;
		} else {
			k = k == 0 ? 1 : k;
			buf_append(dst, s + i, k);
			i += k;
		}
	}
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF are invalid. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

void
output_utf8_sanitize(struct buf *dst, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	buf_reserve(dst, n);
	while (i < n) {
		size_t k = utf8_seq(p + i, n - i);

		if (k == 0) {
			buf_append(dst, "\xef\xbf\xbd", 3);
			i++;
		} else {
			buf_append(dst, s + i, k);
			i += k;
		}
	}
}
