/*
 * summary: what the run came to, on stderr. It counts results per error
 * kind and per inventory group, remembers each failure so the list at the
 * end is in inventory order (not completion order), and renders the live
 * progress line. Devices interrupted before they were launched are one
 * "N devices not started" line, not N lines.
 */
#ifndef NC_SUMMARY_H
#define NC_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "inventory.h"
#include "result.h"
#include "util.h"

struct summary;

/* inv must outlive the summary. */
struct summary *summary_new(const struct inventory *inv);
void summary_free(struct summary *s);

/* Device index was launched. */
void summary_started(struct summary *s, size_t index);

/* r's kind and message are counted and remembered (r is not kept). */
void summary_add(struct summary *s, const struct result *r);

size_t summary_done(const struct summary *s);
size_t summary_failed(const struct summary *s);

/*
 * The progress line, without "\r" or a newline: "[done/total] ok N,
 * failed N, running N, 3.1s, ETA 12s" (the ETA once something is done).
 */
void summary_progress(const struct summary *s, struct buf *b, int64_t elapsed);

/*
 * The summary: a table per group when there are several, the totals
 * line "N devices: N ok, N failed (kind N, ...) in S.SSSs" (with
 * totals), then one line per failure in inventory order ("R1 (host:port):
 * kind: message", device text escaped) and "N devices not started".
 * color: kinds and counts in red/green.
 */
void summary_write(const struct summary *s, struct buf *b, int totals,
    int color, int64_t elapsed);

/* The "summary" object of --format json. */
json_t *summary_json(const struct summary *s, int64_t elapsed, int sig);

#endif
