/*
 * screen: the pure text logic of driving a CLI over a pty, with no I/O:
 * prompt matching at the end of a buffer, --More-- pagers, ANSI and
 * line-ending normalisation, cleaning a command's output the way Netmiko's
 * send_command does, and masking secrets in a byte stream. Owned by the
 * session module. Everything here is safe after fork(); nothing is safe
 * in a signal handler.
 */
#ifndef NC_SCREEN_H
#define NC_SCREEN_H

#include <stddef.h>
#include <sys/types.h>

#include "util.h"

/* A compiled PCRE2 pattern (one prompt line, or a secret prompt). */
struct screen_re;

/*
 * Compile pattern. Returns NULL with a one-line reason in err on a bad
 * pattern. Free with screen_re_free() (NULL is fine).
 */
struct screen_re *screen_re_new(const char *pattern, char *err, size_t errlen);
void screen_re_free(struct screen_re *re);

/* Nonzero when re matches somewhere in s[0..len). */
int screen_re_match(const struct screen_re *re, const char *s, size_t len);

/*
 * The first line of s[0..len) where re matches (multi-line: ^ and $ are
 * line anchors): 1 with its offset and length (without the line break)
 * in *off and *n, or 0 when re matches nowhere.
 */
int screen_re_find_line(const struct screen_re *re, const char *s, size_t len,
    size_t *off, size_t *n);

/* Offset of the last line of s: the byte after the last '\n' or '\r'. */
size_t screen_last_line(const char *s, size_t len);

/*
 * Nonzero when the last line of s (ANSI escapes removed when ansi is
 * set) matches re. Text earlier in the buffer never counts, so a
 * prompt-like line inside output cannot end a read.
 */
int screen_last_line_matches(
    const struct screen_re *re, const char *s, size_t len, int ansi);

/*
 * The last line of s, ANSI removed when ansi is set, as a new string
 * (caller frees).
 */
char *screen_last_line_dup(const char *s, size_t len, int ansi);

/*
 * Nonzero when s ends with exactly prompt as a whole line: preceded by a
 * line break (or the start of s) and followed by nothing.
 */
int screen_ends_with_prompt(
    const char *s, size_t len, const char *prompt, int ansi);

/*
 * When s ends with a pager prompt ("--More--", " --More-- ", "-- More --",
 * "<--- More --->", any case, optional trailing spaces), return its start
 * offset; -1 otherwise.
 */
ssize_t screen_pager_at_end(const char *s, size_t len);

/*
 * Length of the erase sequence a device prints at the start of the data
 * after a pager was answered (backspaces over the pager, spaces, more
 * backspaces; or "\r" + spaces + "\r"; or ESC[K), 0 when none.
 */
size_t screen_pager_erase_len(const char *s, size_t len);

/*
 * Remove ANSI escape sequences in place (ESC E becomes '\n'; the lone CR
 * bash sends after its bracketed-paste ESC[?2004l goes too); new length.
 */
size_t screen_strip_ansi(char *s, size_t len);

/*
 * Device text made safe to quote in a one-line message: at most max bytes
 * of s, where every C0 control (line breaks included), DEL and C1
 * control (as UTF-8 or as a stray byte) becomes \xNN, so an escape
 * sequence in a prompt cannot reach the user's terminal. Valid UTF-8
 * text is kept. Returns a new string (caller frees).
 */
char *screen_quote(const char *s, size_t len, size_t max);

/*
 * Normalise line endings in place like Netmiko: "\r\r\r\n", "\r\r\n",
 * "\r\n" and "\n\r" become "\n", then any other '\r' becomes '\n'.
 * Returns the new length.
 */
size_t screen_normalize(char *s, size_t len);

/*
 * Make every "\r\n\r" a "\r\n" in place (the ASA ends lines with
 * "\r\n\r": one line end, not two); returns the new length.
 */
size_t screen_crlfcr(char *s, size_t len);

/*
 * Clean what was read after sending cmd (echo, output, trailing prompt)
 * like Netmiko's send_command: ANSI removed when ansi is set, line
 * endings normalised, the echo line dropped (after deleting backspaces
 * when IOS repainted a long command), the last line dropped when it
 * contains base_prompt. Returns a new NUL-terminated string (caller
 * frees) and its length in *outlen.
 */
char *screen_clean(const char *raw, size_t len, const char *cmd,
    const char *base_prompt, int ansi, size_t *outlen);

/*
 * Secret masking for a byte stream written in pieces: every occurrence
 * of a secret becomes "********", even when split across feeds, by
 * holding back at most strlen(longest secret) - 1 bytes (only a tail
 * that could start a secret).
 */
#define SCREEN_MASK_MAX 4
#define SCREEN_MASK_TEXT "********"

struct screen_mask {
	char *secret[SCREEN_MASK_MAX];
	size_t slen[SCREEN_MASK_MAX];
	size_t nsecret;
	size_t hold; /* bytes held back: longest secret - 1 */
	struct buf pending;
};

/* Start with no secrets. */
void screen_mask_init(struct screen_mask *m);

/* Add a secret (copied); NULL or "" is ignored. */
void screen_mask_add(struct screen_mask *m, const char *secret);

/* Feed n bytes; append what is safe to write now to out. */
void screen_mask_feed(
    struct screen_mask *m, const char *p, size_t n, struct buf *out);

/* Append everything still held back to out. */
void screen_mask_flush(struct screen_mask *m, struct buf *out);

/* Wipe and free the secrets and held bytes. */
void screen_mask_free(struct screen_mask *m);

#endif
