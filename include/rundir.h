/*
 * rundir: --run-dir DIR, the nightly-job layout. Each run writes
 * DIR/<UTC timestamp>/ (YYYYMMDDTHHMMSS.uuuuuuZ, sortable, unique even for
 * runs in the same second) holding the per-device files (as --output-dir)
 * and results.jsonl (every result, one line each, in the order they were
 * printed). At the end DIR/latest is pointed at it atomically (a symlink
 * renamed over the old one), and --keep N removes the oldest runs.
 */
#ifndef NC_RUNDIR_H
#define NC_RUNDIR_H

#include <stddef.h>

struct rundir;

/*
 * Start a run under base (created, mode 0755, when missing): remember the
 * run base/latest points to, make the run's directory and open its
 * results.jsonl (mode 0600). Returns NULL after logging one line.
 */
struct rundir *rundir_open(const char *base);

/* The new run's directory. */
const char *rundir_dir(const struct rundir *rd);

/* The previous run's directory (what latest pointed to), or NULL. */
const char *rundir_previous(const struct rundir *rd);

/* Append one jsonl line (n bytes, newline included). 0, or -1 (errno). */
int rundir_append(struct rundir *rd, const char *line, size_t n);

/*
 * End the run: fsync and close results.jsonl, then, when complete (not
 * interrupted, nothing lost), point base/latest at this run and remove
 * all but the keep newest runs (keep 0: all are kept; the new run always
 * is). Returns 0, or -1 after logging why (a write of results.jsonl
 * failed, say: latest then keeps its old target).
 */
int rundir_close(struct rundir *rd, int complete, size_t keep);

void rundir_free(struct rundir *rd);

#endif
