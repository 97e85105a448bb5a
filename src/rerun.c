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

#include "rerun.h"

struct entry {
	char *name;
	size_t seq; /* the record's place in the file: the last one counts */
	int failed;
};

struct rerun {
	struct entry *e;
	size_t n, cap;
	size_t nfailed;
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
		buf_appendf(err,
		    "--rerun-failed: %s:%zu: not a netcollect result%s%s "
		    "(jsonl of --format jsonl, or a --run-dir run)",
		    path, lineno, j == NULL ? ": " : "",
		    j == NULL ? e.text : "");
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

int
rerun_failed(const struct rerun *rr, const char *name)
{
	size_t lo = 0, hi = rr->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, rr->e[mid].name);
		if (c == 0)
			return rr->e[mid].failed;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

size_t
rerun_count(const struct rerun *rr)
{
	return rr->nfailed;
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
	free(rr);
}
