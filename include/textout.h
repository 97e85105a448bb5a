/*
 * textout: --format text. A result is a header line ("=== R1 (host:port)
 * ok 0.123s"), then each command's output (under "--- command" when the
 * device ran several) with its TextFSM rows as a table under it (or
 * "parse error: ..."), then a "saved PATH" line per file written. Device
 * bytes are escaped (\xNN for controls) unless raw; colour, when asked
 * for, marks the header bold, ok green and failures red.
 */
#ifndef NC_TEXTOUT_H
#define NC_TEXTOUT_H

#include <stddef.h>

#include "files.h"
#include "group.h"
#include "inventory.h"
#include "result.h"
#include "util.h"

#define TEXTOUT_BOLD "\033[1m"
#define TEXTOUT_RED "\033[31m"
#define TEXTOUT_GREEN "\033[32m"
#define TEXTOUT_RESET "\033[0m"

struct textout_style {
	int raw;   /* device bytes as sent */
	int color; /* ANSI colours */
};

/*
 * "R1 (127.0.0.1:2222)", or just "127.0.0.1:2222" when that is the name;
 * control bytes in the inventory's strings escaped. Appends to b.
 */
void textout_label(struct buf *b, const struct device *d);

/*
 * Append result r of device d (commands cmds[0..ncmds)) to b; files, when
 * not NULL, gives the "saved" lines.
 */
void textout_result(struct buf *b, const struct textout_style *st,
    const struct device *d, const struct result *r, char *const *cmds,
    size_t ncmds, const struct files *files);

/* Append one --group block: "=== R[1-20] (20): command", the output. */
void textout_group(
    struct buf *b, const struct textout_style *st, const struct group *g);

#endif
