/*
 * diff: a unified diff of two texts, as GNU diff -u prints it: hunks with
 * three lines of context, "@@ -l,n +l,n @@" headers (",1" left out, an
 * empty side as "-0,0" / line before), and "\ No newline at end of file"
 * after a last line without one. The edit script is a shortest one
 * (Myers' O(ND) algorithm, in its linear-space divide-and-conquer form:
 * memory is O(N + M) whatever the inputs). Pure code, no I/O.
 */
#ifndef NC_DIFF_H
#define NC_DIFF_H

#include <stddef.h>

#include "util.h"

/* Lines to leave out of the comparison: a caller's predicate. */
typedef int (*diff_skip_fn)(void *arg, const char *line, size_t len);

struct diff_opts {
	size_t context;	   /* lines of context around a change (3) */
	int color;	   /* '-' lines red, '+' green, "@@" cyan */
	int escape;	   /* control bytes as \xNN */
	diff_skip_fn skip; /* NULL: every line counts */
	void *skip_arg;
};

/*
 * Append the hunks turning a[0..alen) into b[0..blen) to out (nothing
 * when they are equal, skipped lines aside; skipped lines are not shown).
 * No "---"/"+++" header: the caller writes its own. Returns the number of
 * lines removed plus lines added.
 */
size_t diff_unified(struct buf *out, const char *a, size_t alen, const char *b,
    size_t blen, const struct diff_opts *o);

#endif
