/*
 * rerun: the devices that failed in an earlier run's jsonl. The file is
 * read once, line by line (each line parsed alone, so memory is one line
 * plus one name per device); the entries are then sorted by name, the
 * last record of a name kept, and looked up by binary search.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "escape.h"
#include "hostlist.h"
#include "log.h"
#include "rerun.h"

struct entry {
	char *name;
	size_t seq; /* the record's place in the file: the last one counts */
	int failed;
	int known; /* rerun_mark() named it: the inventory has it */
};

struct rerun {
	struct entry *e;
	size_t n, cap;
	size_t nfailed;
	char *path; /* as given */
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* One line: 0, or -1 with err filled. */
static int
add_line(struct rerun *rr, const char *path, size_t lineno, const char *text,
    size_t len, struct buf *err)
{
	const char *name;
	json_error_t e;
	json_t *j, *ok;
	int rc = -1;

	j = json_loadb(text, len, JSON_ALLOW_NUL, &e);
	name = json_string_value(json_object_get(j, "device"));
	ok = json_object_get(j, "ok");
	if (j == NULL || name == NULL || !json_is_boolean(ok)) {
		/* jansson quotes the bad token: escaped, whatever it is. */
		buf_appendf(err,
		    "--rerun-failed: %s:%zu: not a netcollect result", path,
		    lineno);
		if (j == NULL) {
			buf_append(err, ": ", 2);
			escape_line(err, e.text, strlen(e.text));
		}
		buf_appendf(
		    err, " (jsonl of --format jsonl, or a --run-dir run)");
		goto out;
	}
	if (rr->n == rr->cap) {
		rr->cap = rr->cap ? rr->cap * 2 : 64;
		rr->e = xrealloc(rr->e, rr->cap * sizeof(*rr->e));
	}
	rr->e[rr->n] = (struct entry){
	    .name = xstrdup(name),
	    .seq = rr->n,
	    .failed = !json_is_true(ok),
	};
	rr->n++;
	rc = 0;
out:
	json_decref(j);
	return rc;
}

/* Sort by name and keep each name's last record. */
static void
settle(struct rerun *rr)
{
	size_t i, k = 0;

	qsort(rr->e, rr->n, sizeof(*rr->e), entry_cmp);
	for (i = 0; i < rr->n; i++) {
		if (i + 1 < rr->n &&
		    strcmp(rr->e[i].name, rr->e[i + 1].name) == 0) {
			free(rr->e[i].name);
			continue;
		}
		rr->e[k++] = rr->e[i];
		rr->nfailed += rr->e[i].failed != 0;
	}
	rr->n = k;
}

struct rerun *
rerun_load(const char *path, struct buf *err)
{
	struct rerun *rr = xcalloc(1, sizeof(*rr));
	char *file, *line = NULL;
	size_t cap = 0, len, lineno = 0;
	struct stat st;
	ssize_t n;
	FILE *f;
	int rc = -1;

	rr->path = xstrdup(path);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		file = xasprintf("%s/results.jsonl", path);
	else
		file = xstrdup(path);
	if ((f = fopen(file, "re")) == NULL) {
		buf_appendf(
		    err, "--rerun-failed: %s: %s", file, strerror(errno));
		goto out;
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		len = (size_t)n;
		while (
		    len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len > 0 && add_line(rr, file, lineno, line, len, err) == -1)
			break;
	}
	if (err->len == 0 && ferror(f))
		buf_appendf(
		    err, "--rerun-failed: %s: %s", file, strerror(errno));
	fclose(f);
	if (err->len == 0 && rr->n == 0)
		buf_appendf(err,
		    "--rerun-failed: %s: empty: no results of an earlier run",
		    file);
	if (err->len == 0) {
		settle(rr);
		rc = 0;
	}
out:
	free(line);
	free(file);
	if (rc == -1) {
		rerun_free(rr);
		return NULL;
	}
	return rr;
}

static struct entry *
find(const struct rerun *rr, const char *name)
{
	size_t lo = 0, hi = rr->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, rr->e[mid].name);
		if (c == 0)
			return &rr->e[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int
rerun_failed(const struct rerun *rr, const char *name)
{
	const struct entry *e = find(rr, name);

	return e != NULL && e->failed;
}

void
rerun_mark(struct rerun *rr, const char *name)
{
	struct entry *e = find(rr, name);

	if (e != NULL)
		e->known = 1;
}

size_t
rerun_unknown(const struct rerun *rr, struct buf *b)
{
	const char **names = xcalloc(rr->nfailed + 1, sizeof(*names));
	size_t i, n = 0;
	char *list;

	for (i = 0; i < rr->n; i++)
		if (rr->e[i].failed && !rr->e[i].known)
			names[n++] = rr->e[i].name;
	if (n > 0) {
		list = hostlist_compress(names, n);
		escape_line(b, list, strlen(list));
		free(list);
	}
	free(names);
	return n;
}

size_t
rerun_count(const struct rerun *rr)
{
	return rr->nfailed;
}

struct rerun *
rerun_open(const char *path, const struct inventory *inv)
{
	struct rerun *rr;
	struct buf b;
	size_t i, n;

	buf_init(&b);
	if ((rr = rerun_load(path, &b)) == NULL)
		log_error("%s", b.data);
	for (i = 0; rr != NULL && i < inv->ndevices; i++)
		rerun_mark(rr, inv->devices[i].name);
	buf_reset(&b);
	if (rr != NULL && (n = rerun_unknown(rr, &b)) > 0)
		log_warn("--rerun-failed: %zu device%s that failed in %s %s "
			 "not in the inventory, not run: %s",
		    n, n == 1 ? "" : "s", path, n == 1 ? "is" : "are", b.data);
	buf_free(&b);
	return rr;
}

static int
was_failed(const struct device *d, void *arg)
{
	return rerun_failed(arg, d->name);
}

void
rerun_select(struct rerun *rr, struct inventory *inv)
{
	size_t all = inv->ndevices;

	inventory_filter(inv, was_failed, rr);
	log_info("--rerun-failed: %zu of %zu devices failed in %s",
	    inv->ndevices, all, rr->path);
}

void
rerun_free(struct rerun *rr)
{
	size_t i;

	if (rr == NULL)
		return;
	for (i = 0; i < rr->n; i++)
		free(rr->e[i].name);
	free(rr->e);
	free(rr->path);
	free(rr);
}
