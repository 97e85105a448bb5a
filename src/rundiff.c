/*
 * rundiff: two runs as jansson arrays of result objects (as jsonout makes
 * them), matched by device name; within a device, outputs are matched by
 * command. Report order: the devices of the new run in its order, then
 * those only in the old one. A device is "changed" when its status
 * (ok or the error kind) or any command's output differs, after the
 * --ignore lines are left out.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "diff.h"
#include "escape.h"
#include "keyword.h"
#include "log.h"
#include "rundiff.h"
#include "term.h"
#include "util.h"

struct ignore {
	pcre2_code **re;
	size_t n;
	pcre2_match_data *md;
};

static int
skip_line(void *arg, const char *line, size_t len)
{
	struct ignore *ig = arg;

	for (size_t i = 0; i < ig->n; i++)
		if (pcre2_match(ig->re[i], (PCRE2_SPTR)line, len, 0, 0, ig->md,
			NULL) >= 0)
			return 1;
	return 0;
}

static json_t *
load_text(const char *path, const char *data, size_t n)
{
	json_t *doc, *arr;
	json_error_t e;
	size_t i = 0, lineno = 0;

	doc = json_loadb(data, n, 0, &e);
	if (doc != NULL && json_is_object(doc) &&
	    json_is_array(json_object_get(doc, "results"))) {
		arr = json_incref(json_object_get(doc, "results"));
		json_decref(doc);
		return arr;
	}
	json_decref(doc);
	arr = json_array();
	while (i < n) {
		const char *nl = memchr(data + i, '\n', n - i);
		size_t len = nl != NULL ? (size_t)(nl - (data + i)) : n - i;
		json_t *r;

		lineno++;
		if (len > 0) {
			r = json_loadb(data + i, len, 0, &e);
			if (r == NULL || !json_is_object(r) ||
			    !json_is_string(json_object_get(r, "device"))) {
				log_error("%s:%zu: not a netcollect result%s%s",
				    path, lineno, r == NULL ? ": " : "",
				    r == NULL ? e.text : "");
				json_decref(r);
				json_decref(arr);
				return NULL;
			}
			json_array_append_new(arr, r);
		}
		i += len + (nl != NULL);
	}
	return arr;
}

json_t *
rundiff_load(const char *path)
{
	struct stat st;
	char *file, chunk[65536];
	struct buf b;
	size_t got;
	FILE *f;
	json_t *arr = NULL;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		file = xasprintf("%s/results.jsonl", path);
	else
		file = xstrdup(path);
	buf_init(&b);
	f = fopen(file, "re");
	if (f == NULL) {
		log_error("%s: %s", file, strerror(errno));
		goto out;
	}
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, got);
	if (ferror(f))
		log_error("%s: %s", file, strerror(errno));
	else
		arr = load_text(file, b.data ? b.data : "", b.len);
	fclose(f);
out:
	buf_free(&b);
	free(file);
	return arr;
}

static const char *
sget(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* "ok", or the error kind. */
static const char *
status(const json_t *r)
{
	const json_t *e = json_object_get(r, "error");

	return json_is_object(e) ? sget(e, "kind") : "ok";
}

static const json_t *
find_device(const json_t *arr, const char *name)
{
	size_t i;
	json_t *r;

	json_array_foreach(arr, i, r)
	{
		if (strcmp(sget(r, "device"), name) == 0)
			return r;
	}
	return NULL;
}

static const json_t *
find_output(const json_t *r, const char *cmd)
{
	size_t i;
	json_t *o;

	json_array_foreach(json_object_get(r, "outputs"), i, o)
	{
		if (strcmp(sget(o, "command"), cmd) == 0)
			return o;
	}
	return NULL;
}

static void
quoted(struct buf *b, const char *s)
{
	escape_line(b, s, strlen(s));
}

/* An output's text, with the final newline device outputs lack. */
static void
text_of(struct buf *t, const json_t *o)
{
	const json_t *s = o != NULL ? json_object_get(o, "output") : NULL;
	size_t n = json_is_string(s) ? json_string_length(s) : 0;

	buf_init(t);
	if (n == 0)
		return;
	buf_append(t, json_string_value(s), n);
	if (t->data[n - 1] != '\n')
		buf_append(t, "\n", 1);
}

/* One command's output of one device in both runs; 1 when it changed. */
static int
diff_command(struct buf *out, const char *la, const char *lb, const char *dev,
    const char *cmd, const json_t *oa, const json_t *ob,
    const struct diff_opts *d)
{
	struct buf h, ta, tb;
	size_t edits;

	text_of(&ta, oa);
	text_of(&tb, ob);
	buf_init(&h);
	edits = diff_unified(&h, ta.data ? ta.data : "", ta.len,
	    tb.data ? tb.data : "", tb.len, d);
	buf_free(&ta);
	buf_free(&tb);
	if (edits == 0) {
		buf_free(&h);
		return 0;
	}
	buf_append(out, "--- ", 4);
	quoted(out, la);
	buf_append(out, ": ", 2);
	quoted(out, dev);
	buf_append(out, ": ", 2);
	quoted(out, cmd);
	buf_append(out, "\n+++ ", 5);
	quoted(out, lb);
	buf_append(out, ": ", 2);
	quoted(out, dev);
	buf_append(out, ": ", 2);
	quoted(out, cmd);
	buf_append(out, "\n", 1);
	buf_append(out, h.data, h.len);
	buf_free(&h);
	return 1;
}

/* Device r of run b against its match in run a (or none); 1: changed. */
static int
diff_device(struct buf *out, const char *la, const char *lb, const json_t *ra,
    const json_t *rb, const struct diff_opts *d)
{
	const char *dev = sget(rb, "device");
	int changed = 0;
	size_t i;
	json_t *o;

	if (strcmp(status(ra), status(rb)) != 0) {
		buf_append(out, "=== ", 4);
		quoted(out, dev);
		buf_appendf(out, ": %s -> %s", status(ra), status(rb));
		if (json_is_object(json_object_get(rb, "error"))) {
			buf_append(out, " (", 2);
			quoted(
			    out, sget(json_object_get(rb, "error"), "message"));
			buf_append(out, ")", 1);
		}
		buf_append(out, "\n", 1);
		changed = 1;
	}
	json_array_foreach(json_object_get(rb, "outputs"), i, o)
	{
		const char *cmd = sget(o, "command");

		changed |= diff_command(
		    out, la, lb, dev, cmd, find_output(ra, cmd), o, d);
	}
	json_array_foreach(json_object_get(ra, "outputs"), i, o)
	{
		const char *cmd = sget(o, "command");

		if (find_output(rb, cmd) == NULL)
			changed |=
			    diff_command(out, la, lb, dev, cmd, o, NULL, d);
	}
	return changed;
}

int
rundiff_compare(struct buf *out, struct buf *summary, const char *la,
    const json_t *a, const char *lb, const json_t *b,
    const struct rundiff_opts *o)
{
	struct ignore ig = {0};
	struct diff_opts d = {
	    .context = 3, .color = o->color, .escape = !o->raw};
	size_t changed = 0, added = 0, removed = 0, same = 0, i;
	int rc = -1;
	json_t *r;

	ig.re = xcalloc(o->nignore ? o->nignore : 1, sizeof(*ig.re));
	for (i = 0; i < o->nignore; i++) {
		int err;
		PCRE2_SIZE off;

		ig.re[i] = pcre2_compile((PCRE2_SPTR)o->ignore[i],
		    PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
		if (ig.re[i] == NULL) {
			PCRE2_UCHAR msg[256];

			pcre2_get_error_message(err, msg, sizeof(msg));
			log_error("--ignore '%s': %s at offset %zu",
			    o->ignore[i], (const char *)msg, (size_t)off);
			goto out;
		}
		ig.n++;
	}
	ig.md = pcre2_match_data_create(4, NULL);
	if (ig.n > 0) {
		d.skip = skip_line;
		d.skip_arg = &ig;
	}
	json_array_foreach(b, i, r)
	{
		const json_t *ra = find_device(a, sget(r, "device"));

		if (ra == NULL) {
			buf_append(out, "Only in ", 8);
			quoted(out, lb);
			buf_append(out, ": ", 2);
			quoted(out, sget(r, "device"));
			buf_append(out, "\n", 1);
			added++;
		} else if (diff_device(out, la, lb, ra, r, &d)) {
			changed++;
		} else {
			same++;
		}
	}
	json_array_foreach(a, i, r)
	{
		if (find_device(b, sget(r, "device")) != NULL)
			continue;
		buf_append(out, "Only in ", 8);
		quoted(out, la);
		buf_append(out, ": ", 2);
		quoted(out, sget(r, "device"));
		buf_append(out, "\n", 1);
		removed++;
	}
	buf_appendf(summary,
	    "diff: %zu device%s changed, %zu added, %zu removed, %zu "
	    "unchanged",
	    changed, changed == 1 ? "" : "s", added, removed, same);
	rc = changed + added + removed > 0;
out:
	for (i = 0; i < ig.n; i++)
		pcre2_code_free(ig.re[i]);
	free(ig.re);
	pcre2_match_data_free(ig.md);
	return rc;
}

static const char diff_usage[] =
    "Usage: netcollect diff [--ignore REGEX]... [--color WHEN] [--raw] A B\n"
    "Compare two runs: run directories (of --run-dir) or jsonl files.\n"
    "  --ignore REGEX   leave lines matching REGEX (PCRE2) out; repeatable\n"
    "  --color WHEN     auto (default), always, never\n"
    "  --raw            device bytes as they are (default: \\xNN)\n"
    "Exit status: 0 no change, 1 changes, 2 usage or unreadable run.\n";

static int
diff_usage_error(const char *msg, const char *arg)
{
	log_error("diff: %s%s%s", msg, arg ? ": " : "", arg ? arg : "");
	(void)write_all(STDERR_FILENO, "Try 'netcollect diff --help'.\n", 30);
	return 2;
}

/*
 * The command line into o. Returns -1 to go on with argv[optind] and
 * argv[optind + 1], or the exit status (0 after --help, 2 on misuse).
 */
static int
rundiff_args(int argc, char **argv, struct rundiff_opts *o)
{
	static const struct option longs[] = {
	    {"ignore", required_argument, NULL, 'I'},
	    {"color", required_argument, NULL, 'C'},
	    {"raw", no_argument, NULL, 'R'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c, mode = (int)term_color_default();

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:", longs, NULL)) != -1) {
		switch (c) {
		case 'I':
			o->ignore[o->nignore++] = optarg;
			break;
		case 'C':
			if (keyword_find(keyword_color, KEYWORD_EXACT, optarg,
				&mode) == -1)
				return diff_usage_error(
				    "--color is one of auto, always, never",
				    optarg);
			break;
		case 'R':
			o->raw = 1;
			break;
		case 'h':
			(void)write_all(
			    STDOUT_FILENO, diff_usage, sizeof(diff_usage) - 1);
			return 0;
		case ':':
			return diff_usage_error(
			    "option needs an argument", argv[optind - 1]);
		default:
			return diff_usage_error(
			    "unknown option", argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return diff_usage_error("name two runs (A B)", NULL);
	o->color = term_color((enum color_mode)mode, STDOUT_FILENO);
	return -1;
}

/* The diff of runs a and b on stdout, its summary on stderr: 0, 1 or 3. */
static int
rundiff_print(const char *na, json_t *a, const char *nb, json_t *b,
    const struct rundiff_opts *o)
{
	struct buf out, sum;
	int rc;

	buf_init(&out);
	buf_init(&sum);
	rc = rundiff_compare(&out, &sum, na, a, nb, b, o);
	if (rc == -1) {
		rc = 2;
	} else {
		buf_append(&sum, "\n", 1);
		if (out.len > 0 &&
		    write_all(STDOUT_FILENO, out.data, out.len) == -1) {
			log_error("diff: cannot write to stdout: %s",
			    strerror(errno));
			rc = 3;
		}
		(void)write_all(STDERR_FILENO, sum.data, sum.len);
	}
	buf_free(&out);
	buf_free(&sum);
	return rc;
}

int
rundiff_main(int argc, char **argv)
{
	struct rundiff_opts o = {0};
	json_t *a = NULL, *b = NULL;
	int rc;

	o.ignore = xcalloc((size_t)argc, sizeof(*o.ignore));
	rc = rundiff_args(argc, argv, &o);
	if (rc != -1)
		goto out;
	rc = 2;
	a = rundiff_load(argv[optind]);
	b = a != NULL ? rundiff_load(argv[optind + 1]) : NULL;
	if (a != NULL && b != NULL)
		rc = rundiff_print(argv[optind], a, argv[optind + 1], b, &o);
out:
	json_decref(a);
	json_decref(b);
	free(o.ignore);
	return rc;
}
