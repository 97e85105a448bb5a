/*
 * rerun: --rerun-failed FILE. Which devices failed in an earlier run, read
 * from its jsonl (--format jsonl, or a --run-dir run, whose results.jsonl
 * is read). Only the names and the ok flags are kept, one entry per
 * device, whatever the outputs weigh. A device with several records (the
 * file is several runs concatenated) counts by its last one.
 *
 * Not thread-safe; called once in main, before any worker starts.
 */
#ifndef NC_RERUN_H
#define NC_RERUN_H

#include <stddef.h>

#include "util.h"

struct rerun;

/*
 * Read path (a file, or a run directory). Returns the set, or NULL with
 * one line in err (no newline): the file cannot be read, or a line that
 * is not a result record, named by path and line number.
 */
struct rerun *rerun_load(const char *path, struct buf *err);

/* Nonzero when name's last record in the file says it failed. */
int rerun_failed(const struct rerun *rr, const char *name);

/* How many devices failed in the file. */
size_t rerun_count(const struct rerun *rr);

void rerun_free(struct rerun *rr);

#endif
