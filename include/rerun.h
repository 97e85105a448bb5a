/*
 * rerun: --rerun-failed FILE. Which devices failed in an earlier run, read
 * from its jsonl (--format jsonl, or a --run-dir run, whose results.jsonl
 * is read). Only the names and the ok flags are kept, one entry per
 * device, whatever the outputs weigh. A device with several records (the
 * file is several runs concatenated) counts by its last one.
 *
 * Not thread-safe; called once in main, before any worker starts.
 * rerun_open() and rerun_select() log (log.h); the others do not.
 */
#ifndef NC_RERUN_H
#define NC_RERUN_H

#include <stddef.h>

#include "inventory.h"
#include "util.h"

struct rerun;

/*
 * Read path (a file, or a run directory). Returns the set, or NULL with
 * one line in err (no newline): the file cannot be read, a line is not a
 * result record (named by path and line number), or there is no record
 * at all (an empty file: "--rerun-failed: PATH: empty: ...").
 */
struct rerun *rerun_load(const char *path, struct buf *err);

/* Nonzero when name's last record in the file says it failed. */
int rerun_failed(const struct rerun *rr, const char *name);

/* name is in the inventory of this run (before --limit). */
void rerun_mark(struct rerun *rr, const char *name);

/*
 * The devices that failed in the file and were never marked (not in the
 * inventory: they cannot be run again): their names compressed as host
 * ranges ("R[7-9],sw1", escaped for a terminal) appended to b, and their
 * number returned (0: nothing appended).
 */
size_t rerun_unknown(const struct rerun *rr, struct buf *b);

/* How many devices failed in the file. */
size_t rerun_count(const struct rerun *rr);

/*
 * What main calls, before --limit: rerun_load(path), then rerun_mark()
 * for every device of inv and one warning naming those rerun_unknown()
 * finds ("--rerun-failed: 2 devices that failed in FILE are not in the
 * inventory, not run: R[7-8]"; the exit status is the run's alone).
 * NULL after logging why (exit 2).
 */
struct rerun *rerun_open(const char *path, const struct inventory *inv);

/* Keep the devices of inv that failed in rr (inventory_filter()). */
void rerun_select(struct rerun *rr, struct inventory *inv);

void rerun_free(struct rerun *rr);

#endif
