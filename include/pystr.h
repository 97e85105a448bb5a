/*
 * pystr: the few pieces of Python 3 text semantics TextFSM depends on,
 * over UTF-8 bytes: decoding with errors='replace', str.splitlines(),
 * str.isspace() and strip(). Pure functions; safe after fork() and in
 * threads; none is safe in a signal handler (pystr_utf8_replace allocates).
 */
#ifndef NC_PYSTR_H
#define NC_PYSTR_H

#include <stddef.h>
#include <stdint.h>

/* Python's str.isspace() for one code point (Unicode 14, Python 3.11). */
int pystr_isspace(uint32_t cp);

/*
 * Length of the first UTF-8 sequence of s[0..n) (n > 0) and its code point
 * in *cp; s must be valid UTF-8 (as pystr_utf8_replace leaves it).
 */
size_t pystr_decode(const char *s, size_t n, uint32_t *cp);

/* Length of the UTF-8 sequence that ends at s[n-1] (n > 0, valid UTF-8). */
size_t pystr_prev_len(const char *s, size_t n);

/* Nonzero when no byte of s[0..n) is above 0x7f. */
int pystr_is_ascii(const char *s, size_t n);

/* Number of code points in valid UTF-8 s[0..n). */
size_t pystr_ncodepoints(const char *s, size_t n);

/* Nonzero when s[0..n) is valid UTF-8 (no surrogates, no overlongs);
 * the length of its longest valid prefix. */
int pystr_utf8_valid(const char *s, size_t n);
size_t pystr_utf8_prefix(const char *s, size_t n);

/*
 * bytes.decode('utf-8', errors='replace'): each maximal ill-formed
 * subsequence becomes U+FFFD, as CPython does. Returns NULL when s is
 * already valid (use it as it is), else a new NUL-terminated string the
 * caller frees, its length in *outlen.
 */
char *pystr_utf8_replace(const char *s, size_t n, size_t *outlen);

/*
 * str.splitlines() as an iterator over valid UTF-8: from *pos, sets
 * *line and *len to the next line without its line break (\n, \r, \r\n,
 * \v, \f, \x1c-\x1e, U+0085, U+2028, U+2029) and advances *pos past it.
 * Returns 0 at the end (no empty last line after a final break).
 */
int pystr_next_line(
    const char *s, size_t n, size_t *pos, const char **line, size_t *len);

/* str.rstrip() / str.lstrip() with no argument, on valid UTF-8: the
 * length left after stripping trailing whitespace, the offset of the
 * first character that is not whitespace. */
size_t pystr_rstrip(const char *s, size_t n);
size_t pystr_lstrip(const char *s, size_t n);

#endif
