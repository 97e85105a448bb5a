/*
 * escape: the two byte filters every sink applies to what a device sent.
 * Device bytes are opaque: anything may arrive, including terminal escape
 * sequences and invalid UTF-8. Pure functions, safe after fork().
 */
#ifndef NC_ESCAPE_H
#define NC_ESCAPE_H

#include <stddef.h>

#include "util.h"

/*
 * Escape a device's bytes for a terminal: control characters other than
 * \n and \t (C0, DEL, and C1 both as UTF-8 and as stray bytes) become
 * \xNN so output cannot rewrite the user's screen. Appends to dst.
 */
void escape_tty(struct buf *dst, const char *s, size_t n);

/* escape_tty() for one line: \n and \t are escaped too. */
void escape_line(struct buf *dst, const char *s, size_t n);

/*
 * Copy s into dst as valid UTF-8: each invalid byte becomes U+FFFD.
 * NUL bytes are kept (JSON escapes them as \u0000).
 */
void escape_utf8(struct buf *dst, const char *s, size_t n);

#endif
