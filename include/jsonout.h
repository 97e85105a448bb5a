/*
 * jsonout: the JSON form of results, shared by --format json/jsonl and
 * the results.jsonl of --run-dir. Every field is documented in
 * docs/netcollect-output.schema.json. Strings are valid UTF-8 (invalid
 * bytes become U+FFFD); durations are seconds rounded to microseconds.
 */
#ifndef NC_JSONOUT_H
#define NC_JSONOUT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "inventory.h"
#include "result.h"

/*
 * The result object of r, device d, whose commands are cmds[0..ncmds).
 * New reference.
 */
json_t *jsonout_result(const struct device *d, const struct result *r,
    char *const *cmds, size_t ncmds);

/*
 * The inverse of jsonout_result(), for netcollect merge: fill r (fresh
 * from result_new(); its index is the caller's) from result object j,
 * every field jsonout_result() writes (one added there is read here too), and
 * *cmds with the *ncmds commands named by its outputs up to the first
 * null one (a new array of new strings; free with jsonout_free_commands).
 * A record without "attempts" (netcollect before 0.2) counts 1. Outputs
 * of a failed record are complete but for the last, which is complete
 * only when the kind says every command finished (device-error, write);
 * --group reads it. Returns 0, or -1 with one line (no newline) in err
 * naming the field that is missing or of the wrong type; r may then hold
 * part of the record (result_free() it).
 */
int jsonout_read(const json_t *j, struct result *r, char ***cmds, size_t *ncmds,
    struct buf *err);
void jsonout_free_commands(char **cmds, size_t n);

/* ns as seconds rounded to the microsecond (a JSON real). */
json_t *jsonout_seconds(int64_t ns);

/* A string from bytes that may not be UTF-8 (NULL: ""). */
json_t *jsonout_bytes(const char *s, size_t n);

/* A device's total time: the worker's, else finished - started. */
int64_t jsonout_total_ns(const struct result *r);

/*
 * j as text plus a newline, indented when pretty, compact otherwise;
 * durations print as their shortest decimal form (0.00014, not
 * 0.00013999999999999999). Caller frees; NULL when jansson fails.
 */
char *jsonout_dump(const json_t *j, int pretty, size_t *len);

#endif
