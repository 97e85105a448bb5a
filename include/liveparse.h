/*
 * liveparse: TextFSM on the outputs of a run (--textfsm, --template).
 * The parent builds it once, before any worker starts: the templates of
 * --template are compiled, DIR/index is read, and every (device_type,
 * command) pair the run will meet is looked up and its templates compiled
 * (liveparse_plan). Workers then only read it: liveparse_run takes the
 * planned parser of a pair and parses one output, from a forked child
 * (which shares the compiled templates copy-on-write), from many threads
 * at once, or inline in serial mode. Rows travel to the parent as their
 * compact JSON text (keys lower-cased, as Netmiko and ntc-templates'
 * tests have them).
 *
 * Which parser a command gets: a --template CMD=FILE naming the command
 * exactly, else a --template FILE without CMD, else the index row for the
 * device's device_type and the command (clitable.CliTable.ParseCmd), else
 * none (the output has no parsed rows; liveparse_notes says so once per
 * command).
 */
#ifndef NC_LIVEPARSE_H
#define NC_LIVEPARSE_H

#include <stddef.h>

#include <jansson.h>

#include "inventory.h"
#include "result.h"
#include "util.h"

struct liveparse;

enum liveparse_status {
	LIVEPARSE_NONE,	 /* no template for this command */
	LIVEPARSE_ROWS,	 /* parsed: the rows' JSON text was appended */
	LIVEPARSE_ERROR, /* the parse failed: the reason is in err */
};

/*
 * The TextFSM directory to use: dir, or (when dir is NULL, as Netmiko's
 * use_textfsm) $NET_TEXTFSM, else ~/ntc-templates/templates; a directory
 * without an index file but with templates/index stands for that
 * subdirectory. A new string.
 */
char *liveparse_dir(const char *dir);

/*
 * A parser for dir's index (dir NULL: none) and the --template specs
 * ("FILE" or "CMD=FILE"; when the whole spec is an existing file it is
 * a FILE). Returns NULL with one line in err (a missing or bad index,
 * "FILE:LINE: message" for a template that does not compile): exit 2.
 */
struct liveparse *liveparse_new(const char *dir, char *const *specs,
    size_t nspecs, char *err, size_t errlen);
void liveparse_free(struct liveparse *lp);

/*
 * Look up the parser of every command each device of inv runs (its own,
 * else cmds[0..ncmds)), compiling what the index names. Call once, in the
 * parent, before any fork() or thread. A template of the index that does
 * not compile is not fatal here: every output it would parse gets the
 * error.
 */
void liveparse_plan(struct liveparse *lp, const struct inventory *inv,
    char *const *cmds, size_t ncmds);

/*
 * Parse text[0..len), the output of command on a device of platform.
 * LIVEPARSE_ROWS: the rows as a JSON array appended to json;
 * LIVEPARSE_ERROR: one line in err; LIVEPARSE_NONE: nothing to do. Read
 * only: safe in a forked child and in many threads at once.
 */
enum liveparse_status liveparse_run(const struct liveparse *lp,
    const char *platform, const char *command, const char *text, size_t len,
    struct buf *json, char *err, size_t errlen);

/*
 * --parsed-only: each output of r that has rows loses its text (output
 * and raw become NULL).
 */
void liveparse_drop_text(struct result *r);

/*
 * The commands some device had no template for, one line each: "no
 * TextFSM template for 'show clock' (cisco_ios: 3 devices)". Appended to
 * b; nothing when every command had one.
 */
void liveparse_notes(const struct liveparse *lp, struct buf *b);

/*
 * liveparse_notes() as the "no_template" array of the --format json
 * summary: one {"command", "platform", "devices"} object a line, in the
 * same order; [] when every command had one.
 */
json_t *liveparse_notes_json(const struct liveparse *lp);

/*
 * After liveparse_plan(): each --template CMD=FILE whose CMD no device of
 * the run runs, one line: "--template: no device runs 'show clok':
 * FILE is not used". Appended to b; nothing when every one is used.
 */
void liveparse_unused(const struct liveparse *lp, struct buf *b);

#endif
