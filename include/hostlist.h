/*
 * hostlist: host ranges as pdsh and Ansible write them, and shards.
 *
 * A pattern is a comma-separated list of terms ("R1,R2,sw[1-4]"); commas
 * inside brackets belong to the range. A term is text with, anywhere and
 * any number of times:
 *   [1-10]     the numbers 1 to 10; [1-3,7,10-12] several ranges;
 *   [01-10]    zero-padded: a bound written with a leading zero sets the
 *              width (01 .. 10); [7] and [07] are one number
 *   *  ?       any run of characters, one character (matching only)
 *   [::1]      a bracket holding a ':' is an IPv6 address, kept as text
 * and, in a selection, a leading '!' makes the term an exclusion. Blanks
 * around a term are dropped. There are no character classes: brackets
 * always hold numbers (or an IPv6 address). Matching is exact and
 * case-sensitive: R[1-3] matches R2 but not R02 or r2.
 *
 * Pure code: no I/O, no global state; safe after fork() and from several
 * threads, not in a signal handler. Errors are one line (no trailing
 * newline) appended to a struct buf, quoting the pattern.
 */
#ifndef NC_HOSTLIST_H
#define NC_HOSTLIST_H

#include <stddef.h>

#include "util.h"

/* The most names one hostlist_expand() produces. */
#define HOSTLIST_MAX_NAMES 1000000
/* The most shards hostlist_shard_parse() accepts. */
#define HOSTLIST_MAX_SHARDS 1000000u

/*
 * Expand pattern into every name it stands for, in order (terms left to
 * right; within a term the leftmost range varies slowest: r[1-2]s[1-2]
 * is r1s1, r1s2, r2s1, r2s2). Returns 0 with *names a new array of *n new
 * strings (free with hostlist_names_free), or -1 with the reason in err:
 * a malformed pattern, a '*', '?' or '!' (they select, they do not name),
 * or more than HOSTLIST_MAX_NAMES names (refused before any is made).
 */
int hostlist_expand(
    const char *pattern, char ***names, size_t *n, struct buf *err);
void hostlist_names_free(char **names, size_t n);

/*
 * How many names hostlist_expand() would give, without making them:
 * returns 0 with *n the count (HOSTLIST_MAX_NAMES + 1 standing for any
 * number past the limit), or -1 with the reason in err as expansion
 * would give it for a malformed pattern, a wildcard or an exclusion.
 */
int hostlist_count(const char *pattern, size_t *n, struct buf *err);

/* A compiled selection (--limit): the terms of one or more patterns. */
struct hostlist;

/*
 * Compile patterns[0..n) (each a comma list; repeated --limit options)
 * into one selection. Returns it (free with hostlist_free), or NULL with
 * the reason in err. Nothing is expanded: R[1-1000000000] costs no more
 * than R1.
 */
struct hostlist *hostlist_compile(
    const char *const *patterns, size_t n, struct buf *err);
void hostlist_free(struct hostlist *hl);

/*
 * Whether a device known by names[0..n) (its name, group and host, say;
 * NULL entries are skipped) is selected: some term without '!' matches one of its names (or there
 * is no such term), and no '!' term matches any of them. Time linear in
 * the length of the names times the size of the pattern.
 */
int hostlist_selects(
    const struct hostlist *hl, const char *const *names, size_t n);

/* One pattern against one name: 1 selected, 0 not, -1 bad pattern. */
int hostlist_match(const char *pattern, const char *name);

/*
 * The names as the shortest list of ranges, for a header like dshbak -c:
 * R1 .. R40, R42 gives "R[1-40,42]". A name's last run of digits is its
 * number; names that share the text around it (and, when zero-padded,
 * the width: R01 .. R10 gives "R[01-10]") form one term; a group of one
 * and names with no number or with pattern characters ([ ] , * ? !) are
 * listed as they are. Duplicates are dropped. Terms are ordered by their
 * text, then number, so the result depends only on the set of names, and
 * hostlist_expand() of it gives back exactly that set (for names without
 * pattern characters or surrounding blanks). Returns a new string ("" for
 * no names).
 */
char *hostlist_compress(const char *const *names, size_t n);

/*
 * The shard (1..n) of a device, from its name alone: FNV-1a 64 of the
 * name's bytes (offset basis 0xcbf29ce484222325, prime 0x100000001b3),
 * then the jump consistent hash of Lamping and Veach in integers:
 *   b = 0; j = 0; while (j < n) { b = j; key = key * 2862933555777941757
 *   + 1 (mod 2^64); j = ((b + 1) << 31) / ((key >> 33) + 1); }
 * and the shard is b + 1. The same on every machine and in every run;
 * adding or removing devices never moves another one, and going from n
 * to n + 1 shards moves only the devices that land in the new one (about
 * 1/(n+1) of them). Returns 0 when n is 0.
 */
unsigned hostlist_shard(const char *name, unsigned n);

/*
 * Parse "I/N" (1 <= I <= N <= HOSTLIST_MAX_SHARDS, decimal) into *i and
 * *n: 0, or -1 with the reason in err.
 */
int hostlist_shard_parse(
    const char *spec, unsigned *i, unsigned *n, struct buf *err);

#endif
