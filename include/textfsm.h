/*
 * textfsm: the TextFSM template language, as Debian's python3-textfsm
 * 1.1.0 implements it, on PCRE2 (through pyre, which takes Python's regex
 * dialect). A template is compiled once (tfsm_load / tfsm_compile) into
 * an immutable struct tfsm_template; tfsm_parse then runs it over one
 * command output at a time and fills a struct tfsm_table with the rows
 * python-textfsm's TextFSM.ParseText() would return.
 *
 * Threads and processes: a compiled template holds no mutable state.
 * Many threads may call tfsm_parse on one template at once (each call
 * has its own match scratch and JIT stack), and a template compiled
 * before fork() works in the child. Nothing here is safe in a signal
 * handler.
 *
 * Input: bytes, decoded as Python's bytes.decode('utf-8', 'replace')
 * does (each ill-formed sequence becomes U+FFFD), then cut into lines by
 * str.splitlines().
 *
 * Errors are one line. A template error reads "NAME:LINE: message", NAME
 * being the path (or the name given to tfsm_compile). A parse error (an
 * Error action, a regex that exhausts PCRE2's match limits) reads
 * "NAME:LINE: ..." with the template line of the rule and names the input
 * line by number and text.
 */
#ifndef NC_TEXTFSM_H
#define NC_TEXTFSM_H

#include <stddef.h>

#include "tfsm_table.h"

struct tfsm_template;

/*
 * Compile template text[0..len). name is used in messages. Returns the
 * template (free with tfsm_free), or NULL with the reason in err.
 */
struct tfsm_template *tfsm_compile(
    const char *name, const char *text, size_t len, char *err, size_t errlen);

/* Read and compile the template file at path (messages name the path). */
struct tfsm_template *tfsm_load(const char *path, char *err, size_t errlen);

void tfsm_free(struct tfsm_template *t);

/* The template's name, its Values (columns) and whether one is a Key. */
const char *tfsm_name(const struct tfsm_template *t);
size_t tfsm_nvalues(const struct tfsm_template *t);
const char *tfsm_value_name(const struct tfsm_template *t, size_t i);
int tfsm_value_is_key(const struct tfsm_template *t, size_t i);

/*
 * Parse text[0..len) with t into out, which must be freshly initialised
 * (tfsm_table_init); its columns are set to the Value names. Returns 0,
 * or -1 with the reason in err and out emptied of rows (python-textfsm
 * returns no rows when it raises). out is the caller's either way.
 */
int tfsm_parse(const struct tfsm_template *t, const char *text, size_t len,
    struct tfsm_table *out, char *err, size_t errlen);

#endif
