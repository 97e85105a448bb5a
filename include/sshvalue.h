/*
 * sshvalue: the small syntaxes inside ssh_config(5) lines, as ssh(1)
 * reads them: words split with ssh's quoting, wildcard patterns and
 * comma-separated pattern lists, port numbers, times, and %-token
 * templates (checked when a file is loaded, expanded at lookup); plus the
 * one-line problem report "file:line: message" that quotes a file's
 * bytes safely. Pure but for getenv() and getuid() in sshvalue_expand();
 * thread-safe, not for signal handlers.
 */
#ifndef NC_SSHVALUE_H
#define NC_SSHVALUE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* The tokens each kind of value takes (ssh_config(5), TOKENS). */
#define SSHVALUE_TOKENS_HOSTNAME "h"
#define SSHVALUE_TOKENS_PROXY "hnpr"
#define SSHVALUE_TOKENS_FILE "dhiLlnpru"

/*
 * Split s into words as ssh does (its argv_split): blanks separate,
 * "..." and '...' quote (also inside a word), a backslash escapes a
 * quote, a backslash or (outside quotes) a space, and a word starting
 * with '#' ends the line. Returns 0 with a new array (free with
 * sshvalue_argv_free), or -1 for an unterminated quote.
 */
int sshvalue_split(const char *s, char ***argv, size_t *argc);
void sshvalue_argv_free(char **argv, size_t argc);

/* ssh's wildcard match: '*' any run, '?' one byte. 1 on a match. */
int sshvalue_wildmatch(const char *s, const char *pattern);

/*
 * A comma-separated list of patterns, "!" negating one: 1 when a
 * positive pattern matches and no negated one does. fold: ignore case.
 */
int sshvalue_match_list(const char *s, const char *list, int fold);

/* s in lowercase, in place (ASCII). */
void sshvalue_lowercase(char *s);

/* Decimal digits only, 1..65535: the port, else 0. */
unsigned sshvalue_port(const char *s, size_t len);

/*
 * ssh's time format in seconds: a number, or runs of a number and a unit
 * (s, m, h, d, w, either case) summed ("90", "1m30s"). -1 when it is not
 * one or passes INT_MAX.
 */
int64_t sshvalue_time(const char *s);

/*
 * Check a value of keyword name that takes the %-tokens in ok (one of
 * the SSHVALUE_TOKENS_ lists) and, when file is set, ~ and ${VAR}: NULL
 * when it is fine, else the problem as a new string.
 */
char *sshvalue_check_template(
    const char *v, const char *name, const char *ok, int file);

/* What the tokens stand for, at expansion. */
struct sshvalue_tokens {
	const char *home;      /* ~ and %d */
	const char *localuser; /* %u */
	const char *localhost; /* %l, and %L up to its first dot */
	const char *host;      /* %h: the final hostname */
	const char *orig;      /* %n: the host as given */
	const char *user;      /* %r */
	unsigned port;	       /* %p */
};

/*
 * Expand a template sshvalue_check_template() accepted: ~ first (file
 * values), then the %-tokens and (file values) ${VAR}. Returns a new
 * string, or NULL with *unset set to the name of the unset variable (a
 * new string).
 */
char *sshvalue_expand(
    const struct sshvalue_tokens *t, const char *tmpl, int file, char **unset);

/*
 * Append "file:line: msg\n" to err ("file: msg\n" when line is 0), the
 * control bytes of file and msg as \xNN and each cut after 400 bytes, so
 * that a problem stays one line that cannot drive a terminal.
 */
void sshvalue_report(
    struct buf *err, const char *file, unsigned line, const char *msg);

#endif
