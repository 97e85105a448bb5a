/*
 * output: the front of the sinks. Results arrive in completion order;
 * here they are put in the order asked for (input order holds each in
 * `held` until every earlier device is out, so memory is bounded by the
 * devices that finished early), saved as files, appended to the run's
 * results.jsonl, and written to stdout whole, each with one write.
 * With --group every result is held to the end, when the groups are
 * built. stdout is one state: once a write fails nothing more is written
 * and output_result() asks the collector to stop. Formatting lives in
 * textout, jsonout and summary; files in files and rundir.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "escape.h"
#include "files.h"
#include "group.h"
#include "jsonout.h"
#include "liveparse.h"
#include "log.h"
#include "output.h"
#include "rundiff.h"
#include "rundir.h"
#include "sig.h"
#include "summary.h"
#include "textout.h"
#include "util.h"

struct output {
	const struct config *cfg;
	const struct inventory *inv;
	size_t ndev;
	struct result **held; /* finished, not yet emitted (or --group) */
	size_t next;	      /* input order: first device not yet emitted */
	struct summary *sum;
	int64_t t0;
	int64_t elapsed; /* output_set_elapsed(), or -1 */
	int64_t last_tick;
	int progress;	    /* stderr is a terminal: progress line */
	int progress_shown; /* the line is on the screen now */
	int color_err;	    /* colour on stderr */
	struct textout_style style;
	int out_errno;	     /* why stdout failed, 0 while it works */
	size_t written;	     /* results written whole to stdout */
	json_t *all;	     /* FORMAT_JSON with --group: every result */
	int json_started;    /* FORMAT_JSON: the document's head is out */
	json_t *groups;	     /* FORMAT_JSON with --group */
	json_t *mine;	     /* --diff-with: this run's results */
	struct files *files; /* --output-dir */
	struct files *runfiles;
	struct rundir *run;  /* --run-dir */
	json_t *no_template; /* live parsing: the json summary's notes */
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

static void
clear_progress(struct output *o)
{
	if (o->progress_shown) {
		write_err("\r\033[K", 4);
		o->progress_shown = 0;
	}
}

static void
trace(struct output *o, const char *arrow, const char *what, size_t index)
{
	const char *host = o->inv->devices[index].host;
	int64_t now = real_ns();
	time_t secs = (time_t)(now / NS_PER_SEC);
	struct tm tm;
	struct buf b;

	clear_progress(o);
	localtime_r(&secs, &tm);
	buf_init(&b);
	buf_appendf(&b, "%s %02d:%02d:%02d.%06ld %s: ", arrow, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (long)(now % NS_PER_SEC / 1000), what);
	escape_line(&b, host, strlen(host));
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
	o->held = xcalloc(o->ndev ? o->ndev : 1, sizeof(*o->held));
	o->sum = summary_new(inv);
	o->t0 = mono_ns();
	o->elapsed = -1;
	o->progress = isatty(STDERR_FILENO) && !cfg->quiet && !cfg->trace;
	o->color_err = term_color(cfg->color, STDERR_FILENO);
	o->style.raw = cfg->raw;
	o->style.color = term_color(cfg->color, STDOUT_FILENO);
	if (cfg->format == FORMAT_JSON && cfg->group)
		o->all = json_array();
	if (cfg->diff_with != NULL)
		o->mine = json_array();
	if (cfg->session_log_dir != NULL &&
	    files_check_logs(cfg->session_log_dir, inv) == -1)
		goto fail;
	if (cfg->output_dir != NULL) {
		o->files =
		    files_plan("--output-dir", cfg->output_dir, cfg, inv);
		if (o->files == NULL)
			goto fail;
	}
	if (cfg->run_dir != NULL) {
		o->run = rundir_open(cfg->run_dir);
		if (o->run == NULL)
			goto fail;
		o->runfiles =
		    files_plan("--run-dir", rundir_dir(o->run), cfg, inv);
		if (o->runfiles == NULL)
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
	summary_started(o->sum, index);
	if (o->cfg->trace)
		trace(o, "===>", "Connection to device", index);
}

/* Append text to b with each line but the first indented by n spaces. */
static void
indent_lines(struct buf *b, const char *text, size_t len, int n)
{
	const char *p = text, *end = text + len, *nl;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (p != text)
			buf_appendf(b, "%*s", n, "");
		buf_append(b, p,
		    nl != NULL ? (size_t)(nl + 1 - p) : (size_t)(end - p));
		p = nl != NULL ? nl + 1 : end;
	}
}

/*
 * --format json without --group: each result is written as it is
 * emitted, inside the document jsonout_dump() would print whole, byte for
 * byte; json_stream_end() closes it. Memory stays one result, not the run.
 */
static void
json_stream_result(struct output *o, const json_t *j)
{
	struct buf b;
	size_t len;
	char *s = jsonout_dump(j, 1, &len);

	if (s == NULL)
		return;
	buf_init(&b);
	buf_appendf(&b, "%s",
	    o->json_started ? ",\n    " : "{\n  \"results\": [\n    ");
	indent_lines(&b, s, len - 1, 4);
	o->json_started = 1;
	if (write_out(o, b.data, b.len) == 0)
		o->written++;
	buf_free(&b);
	free(s);
}

/* The end of the streamed document: the summary. */
static void
json_stream_end(struct output *o, json_t *summary)
{
	struct buf b;
	size_t len;
	char *s = jsonout_dump(summary, 1, &len);

	buf_init(&b);
	buf_appendf(&b, "%s  \"summary\": ",
	    o->json_started ? "\n  ],\n" : "{\n  \"results\": [],\n");
	if (s != NULL)
		indent_lines(&b, s, len - 1, 2);
	buf_append(&b, "\n}\n", 3);
	(void)write_out(o, b.data, b.len);
	buf_free(&b);
	free(s);
	json_decref(summary);
}

/* Write one result where it goes, in emission order; r stays the caller's. */
static void
emit(struct output *o, const struct result *r)
{
	const struct device *d = &o->inv->devices[r->index];
	json_t *j = NULL;
	char *const *cmds;
	size_t ncmds, len;
	char *line = NULL;
	struct buf b;

	cmds = device_commands(d, o->cfg->commands, o->cfg->ncommands, &ncmds);
	if (o->run != NULL || o->mine != NULL || o->cfg->format != FORMAT_TEXT)
		j = jsonout_result(d, r, cmds, ncmds);
	if (j != NULL && (o->run != NULL || o->cfg->format == FORMAT_JSONL))
		line = jsonout_dump(j, 0, &len);
	if (o->run != NULL && line != NULL)
		(void)rundir_append(o->run, line, len);
	if (o->mine != NULL)
		json_array_append(o->mine, j);
	switch (o->cfg->format) {
	case FORMAT_TEXT:
		if (o->cfg->group)
			break;
		buf_init(&b);
		textout_result(&b, &o->style, d, r, cmds, ncmds, o->files);
		if (write_out(o, b.data, b.len) == 0)
			o->written++;
		buf_free(&b);
		break;
	case FORMAT_JSONL:
		if (line != NULL && write_out(o, line, len) == 0)
			o->written++;
		break;
	case FORMAT_JSON:
		if (o->all != NULL)
			json_array_append(o->all, j);
		else
			json_stream_result(o, j);
		break;
	}
	free(line);
	json_decref(j);
}

int
output_result(struct output *o, struct result *r)
{
	if (r->index >= o->ndev || o->held[r->index] != NULL) {
		log_error(
		    "internal: unexpected result for device %zu", r->index);
		result_free(r);
		return o->out_errno != 0 ? -1 : 0;
	}
	if (o->files != NULL)
		(void)files_save(o->files, r);
	if (o->runfiles != NULL)
		(void)files_save(o->runfiles, r);
	/* The files hold what the device printed; the sinks, the rows. */
	if (o->cfg->parsed_only)
		liveparse_drop_text(r);
	summary_add(o->sum, r);
	if (o->cfg->trace && r->kind != ERR_INTERRUPTED)
		trace(o, "<===", "Received result from device", r->index);
	clear_progress(o);
	if (o->cfg->order == ORDER_COMPLETION && !o->cfg->group) {
		emit(o, r);
		result_free(r);
		return o->out_errno != 0 ? -1 : 0;
	}
	o->held[r->index] = r;
	while (
	    !o->cfg->group && o->next < o->ndev && o->held[o->next] != NULL) {
		emit(o, o->held[o->next]);
		result_free(o->held[o->next]);
		o->held[o->next] = NULL;
		o->next++;
	}
	return o->out_errno != 0 ? -1 : 0;
}

void
output_set_elapsed(struct output *o, int64_t ns)
{
	o->elapsed = ns > 0 ? ns : 0;
}

int
output_failed(const struct output *o)
{
	return o->out_errno != 0;
}

void
output_tick(struct output *o)
{
	int64_t now = mono_ns();
	struct buf b;

	if (!o->progress || now - o->last_tick < 100 * NS_PER_MS)
		return;
	o->last_tick = now;
	buf_init(&b);
	buf_append(&b, "\r\033[K", 4);
	summary_progress(o->sum, &b, now - o->t0);
	write_err(b.data, b.len);
	buf_free(&b);
	o->progress_shown = 1;
	log_partial_line();
}

/* --group: every held result emitted (run dir, json), then the groups. */
static void
finish_groups(struct output *o)
{
	struct group *g;
	size_t n;
	json_t *arr;

	for (size_t i = 0; i < o->ndev; i++)
		if (o->held[i] != NULL)
			emit(o, o->held[i]);
	g = group_build(o->held, o->cfg, o->inv, &n);
	if (o->cfg->format == FORMAT_TEXT) {
		struct buf b;

		buf_init(&b);
		for (size_t i = 0; i < n; i++)
			textout_group(&b, &o->style, &g[i]);
		if (b.len > 0 && write_out(o, b.data, b.len) == 0)
			o->written = summary_done(o->sum);
		buf_free(&b);
	}
	if (o->all != NULL) {
		arr = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *jg = json_object(), *devs = json_array();

			for (size_t k = 0; k < g[i].ndevices; k++) {
				const char *name =
				    o->inv->devices[g[i].devices[k]].name;

				json_array_append_new(
				    devs, jsonout_bytes(name, strlen(name)));
			}
			json_object_set_new(jg, "command",
			    jsonout_bytes(g[i].command, strlen(g[i].command)));
			json_object_set_new(jg, "devices", devs);
			json_object_set_new(jg, "names",
			    jsonout_bytes(g[i].names, strlen(g[i].names)));
			json_object_set_new(
			    jg, "output", jsonout_bytes(g[i].output, g[i].len));
			json_array_append_new(arr, jg);
		}
		o->groups = arr;
	}
	group_free(g, n);
}

/* --diff-with: this run against the one named, on stdout. */
static void
finish_diff(struct output *o)
{
	const char *what = o->cfg->diff_with, *path = what;
	struct rundiff_opts ro = {.color = o->style.color, .raw = o->cfg->raw};
	struct buf out, sum;
	json_t *prev;

	if (strcmp(what, "latest") == 0) {
		path = o->run != NULL ? rundir_previous(o->run) : NULL;
		if (path == NULL) {
			log_warn("--diff-with latest: no earlier run in %s",
			    o->cfg->run_dir);
			return;
		}
	}
	prev = rundiff_load(path);
	if (prev == NULL)
		return;
	buf_init(&out);
	buf_init(&sum);
	if (rundiff_compare(&out, &sum, path, prev, "this run", o->mine, &ro) !=
	    -1) {
		/* json and jsonl keep stdout parseable: the diff goes aside. */
		if (out.len > 0 && o->cfg->format == FORMAT_TEXT)
			(void)write_out(o, out.data, out.len);
		else if (out.len > 0)
			write_err(out.data, out.len);
		if (!o->cfg->quiet) {
			buf_append(&sum, "\n", 1);
			write_err(sum.data, sum.len);
		}
	}
	buf_free(&out);
	buf_free(&sum);
	json_decref(prev);
}

void
output_no_template(struct output *o, json_t *notes)
{
	json_decref(o->no_template);
	o->no_template = notes;
}

/* The "summary" object of --format json. */
static json_t *
summary_obj(const struct output *o, int64_t elapsed, int sig)
{
	json_t *sum = summary_json(o->sum, elapsed, sig);

	if (o->no_template != NULL)
		json_object_set(sum, "no_template", o->no_template);
	return sum;
}

int
output_finish(struct output *o, int sig)
{
	int64_t elapsed;
	int complete;
	struct buf b;

	if (o->cfg->group) {
		finish_groups(o);
	} else {
		/* Whatever is still held (after an interruption) goes out. */
		for (size_t i = o->next; i < o->ndev; i++) {
			if (o->held[i] != NULL) {
				emit(o, o->held[i]);
				result_free(o->held[i]);
				o->held[i] = NULL;
			}
		}
		o->next = o->ndev;
	}
	elapsed = o->elapsed >= 0 ? o->elapsed : mono_ns() - o->t0;
	if (o->cfg->format == FORMAT_JSON && o->all == NULL)
		json_stream_end(o, summary_obj(o, elapsed, sig));
	if (o->all != NULL) {
		json_t *doc = json_object();
		char *s;
		size_t len;

		json_object_set(doc, "results", o->all);
		if (o->groups != NULL)
			json_object_set(doc, "groups", o->groups);
		json_object_set_new(
		    doc, "summary", summary_obj(o, elapsed, sig));
		s = jsonout_dump(doc, 1, &len);
		if (s != NULL && write_out(o, s, len) == 0)
			o->written = summary_done(o->sum);
		free(s);
		json_decref(doc);
	}
	if (o->cfg->diff_with != NULL && o->out_errno == 0)
		finish_diff(o);
	clear_progress(o);
	/* A stdout error at close (NFS, say) is a lost write too. */
	if (o->out_errno == 0 && close(STDOUT_FILENO) == -1 && errno != EBADF)
		o->out_errno = errno;
	complete = sig == 0 && o->out_errno == 0;
	if (o->run != NULL &&
	    rundir_close(o->run, complete, o->cfg->keep) == -1 && complete)
		complete = -1;
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
		    "netcollect: interrupted by %s: results are partial\n",
		    sig_name(sig));
	summary_write(o->sum, &b, !o->cfg->quiet, o->color_err, elapsed);
	if (b.len > 0)
		write_err(b.data, b.len);
	buf_free(&b);
	if (summary_failed(o->sum) > 0 || complete == -1)
		return OUTPUT_EXIT_FAILED;
	return OUTPUT_EXIT_OK;
}

void
output_free(struct output *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < o->ndev; i++)
		result_free(o->held[i]);
	free(o->held);
	summary_free(o->sum);
	files_free(o->files);
	files_free(o->runfiles);
	rundir_free(o->run);
	json_decref(o->all);
	json_decref(o->groups);
	json_decref(o->mine);
	json_decref(o->no_template);
	free(o);
}

static json_t *
list_entry(const struct device *d)
{
	json_t *j = json_object();

	json_object_set_new(
	    j, "device", jsonout_bytes(d->name, strlen(d->name)));
	json_object_set_new(j, "host", jsonout_bytes(d->host, strlen(d->host)));
	json_object_set_new(j, "port", json_integer(d->port));
	json_object_set_new(j, "group",
	    d->group != NULL ? jsonout_bytes(d->group, strlen(d->group))
			     : json_null());
	json_object_set_new(j, "device_type",
	    d->device_type != NULL
		? jsonout_bytes(d->device_type, strlen(d->device_type))
		: json_null());
	return j;
}

int
output_list(const struct config *cfg, const struct inventory *inv)
{
	json_t *all = cfg->format == FORMAT_JSON ? json_array() : NULL;
	struct buf b;
	char *s;
	size_t len;
	int err = 0;

	buf_init(&b);
	for (size_t i = 0; i < inv->ndevices; i++) {
		const struct device *d = &inv->devices[i];
		json_t *j;

		switch (cfg->format) {
		case FORMAT_TEXT:
			escape_line(&b, d->name, strlen(d->name));
			buf_append(&b, "\n", 1);
			break;
		case FORMAT_JSONL:
			j = list_entry(d);
			if ((s = jsonout_dump(j, 0, &len)) != NULL) {
				buf_append(&b, s, len);
				free(s);
			}
			json_decref(j);
			break;
		case FORMAT_JSON:
			json_array_append_new(all, list_entry(d));
			break;
		}
		/* Written as it goes: 100,000 names need no 100,000-line buffer. */
		if (b.len >= 65536 || i + 1 == inv->ndevices) {
			if (err == 0 &&
			    write_all(STDOUT_FILENO, b.data, b.len) == -1)
				err = errno != 0 ? errno : EIO;
			buf_reset(&b);
		}
	}
	if (all != NULL) {
		if ((s = jsonout_dump(all, 1, &len)) != NULL) {
			if (err == 0 && write_all(STDOUT_FILENO, s, len) == -1)
				err = errno != 0 ? errno : EIO;
			free(s);
		}
		json_decref(all);
	}
	buf_free(&b);
	if (err == 0 && close(STDOUT_FILENO) == -1 && errno != EBADF)
		err = errno;
	if (err != 0) {
		log_error("cannot write the device list to stdout: %s",
		    strerror(err));
		return OUTPUT_EXIT_STDOUT;
	}
	return OUTPUT_EXIT_OK;
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
