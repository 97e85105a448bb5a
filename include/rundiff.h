/*
 * rundiff: what changed between two runs. "netcollect diff A B" compares
 * two run directories (their results.jsonl) or two jsonl files; a run
 * with --diff-with compares itself against an earlier one. Per device:
 * a unified diff of each command's output, a status change (ok to
 * failed, say), devices only in one of them; then one summary line on
 * stderr. --ignore REGEX (PCRE2, repeatable) leaves matching lines out of
 * the comparison (uptime, clocks).
 */
#ifndef NC_RUNDIFF_H
#define NC_RUNDIFF_H

#include <jansson.h>

#include "util.h"

struct rundiff_opts {
	char **ignore; /* PCRE2 patterns */
	size_t nignore;
	int color;
	int raw; /* no escaping of device bytes */
};

/*
 * Load a run: a directory holding results.jsonl, or a jsonl file (the
 * json document of --format json is accepted too). Returns a new array of
 * result objects, or NULL after logging one line.
 */
json_t *rundiff_load(const char *path);

/*
 * Compare run a (labelled la) with run b (lb): the diff to out, the
 * summary line (no newline) to summary. Returns 0 no change, 1 changes,
 * -1 a bad --ignore pattern (logged).
 */
int rundiff_compare(struct buf *out, struct buf *summary, const char *la,
    const json_t *a, const char *lb, const json_t *b,
    const struct rundiff_opts *o);

/* "netcollect diff [options] A B": returns the exit status (0, 1, 2). */
int rundiff_main(int argc, char **argv);

#endif
