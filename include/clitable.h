/*
 * clitable: the ntc-templates index (DIR/index) and the lookup and merge
 * python-textfsm's clitable.CliTable.ParseCmd does with it. The index is
 * CSV with a header naming its columns (Template, Hostname, Platform,
 * Command in ntc-templates); lines starting with '#' are comments, lines
 * with the wrong number of fields are dropped; every field but Template
 * is a Python regex matched at the start of the attribute (re.match), the
 * Command field after "abc[[xyz]]" became "abc(x(y(z)?)?)?". The first
 * row whose Platform and Command match is the one; its Template field
 * may name several templates joined by ':', parsed in turn and merged
 * into the first one's rows on its Key Values (or by row number).
 *
 * As CliTable does, every cell comes out as a string or a list of
 * strings: a None in a list is "None" and a nested-group mapping is its
 * Python repr, "{'name': 'value'}".
 *
 * Threads and processes: a struct clitable compiles each template once,
 * the first time a lookup needs it, and keeps it; lookups are serialised
 * by a mutex, and what a lookup returns is immutable, so parses may run
 * in many threads at once. Open it before fork() to share what was
 * compiled; a child must not inherit it while another thread of the
 * parent is inside clitable_lookup.
 */
#ifndef NC_CLITABLE_H
#define NC_CLITABLE_H

#include <stddef.h>

#include "tfsm_table.h"

struct clitable;
struct clitable_entry;

/*
 * Read and compile DIR/index. Returns the table, or NULL with the reason
 * in err ("DIR/index:LINE: ..." for a bad row).
 */
struct clitable *clitable_open(const char *dir, char *err, size_t errlen);
void clitable_free(struct clitable *ct);

/*
 * The row for (platform, command), its templates compiled: 1 and *e set,
 * 0 when no row matches, -1 with the reason in err when a template of the
 * row cannot be read or compiled. *e lives as long as ct.
 */
int clitable_lookup(struct clitable *ct, const char *platform,
    const char *command, const struct clitable_entry **e, char *err,
    size_t errlen);

/* The entry's Template field, as written in the index. */
const char *clitable_entry_templates(const struct clitable_entry *e);

/*
 * Parse text[0..len) with the entry's templates into out (freshly
 * initialised), as ParseCmd does. Returns 0, or -1 with the reason in
 * err (an Error action, a match limit, merge keys missing from the first
 * template). Safe in several threads at once.
 */
int clitable_parse(const struct clitable_entry *e, const char *text, size_t len,
    struct tfsm_table *out, char *err, size_t errlen);

/*
 * Python's repr() of the string s[0..len) (valid UTF-8), appended to a
 * new string the caller frees (exposed for the unit tests).
 */
char *clitable_py_repr(const char *s, size_t len);

#endif
