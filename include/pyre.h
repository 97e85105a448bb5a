/*
 * pyre: Python `re` patterns on PCRE2. pydialect checks and translates
 * the pattern; pyre compiles it with UTF + UCP, anchored at the start
 * (every caller uses Python's re.match()), optionally JIT, and matches
 * valid UTF-8 subjects with high limits, so that a limit is only hit by
 * runaway backtracking and then reported, never taken for a miss.
 *
 * Before PCRE2 runs, a literal prefilter taken from the pattern (the
 * literal text every match must start with, the longest literal every
 * match must contain) turns most impossible lines away with a memcmp or a
 * memmem: TextFSM tries every rule of a state on every line, and most
 * rules fail on most lines.
 *
 * A compiled struct pyre is read-only: one may be shared by threads and
 * forked children, each matching with its own struct pyre_ctx.
 */
#ifndef NC_PYRE_H
#define NC_PYRE_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif

#include <stddef.h>
#include <stdint.h>

#include <pcre2.h>

#include "pydialect.h"

struct pyre {
	pcre2_code *code;
	uint32_t ngroups;	      /* capturing groups, named or not */
	struct pydialect_name *names; /* in group order (Python's groupindex) */
	size_t nnames;
	int jit;	   /* JIT-compiled: matched with pcre2_jit_match */
	pcre2_code *acode; /* for ASCII subjects (PYRE_JIT only), or NULL */
	int ajit;
	/*
	 * A prefilter that spares PCRE2 most lines that cannot match: every
	 * match starts with prefix (after at least one whitespace character
	 * when prefix_ws is 1, after any when it is 2), or else contains
	 * needle. Empty when the pattern offers none.
	 */
	char *prefix, *needle;
	size_t prefix_len, needle_len;
	size_t rare;	/* the needle's byte to search for first */
	size_t min_len; /* no subject shorter (in characters) matches */
	size_t max_len; /* nor one longer, when the match must reach the
			   end ($ last); 0 when unknown or unbounded */
	int prefix_ws;
};

/* Match scratch for one thread: match data, match limits, JIT stack. */
struct pyre_ctx;

#define PYRE_JIT 0x1 /* JIT-compile the pattern (for hot patterns) */

/*
 * Compile Python pattern pat[0..len) (valid UTF-8) into re. Returns 0, or
 * -1 with a one-line reason in err (no position prefix) and re zeroed.
 */
int pyre_compile(struct pyre *re, const char *pat, size_t len, unsigned flags,
    char *err, size_t errlen);

/* Release what pyre_compile made; re is zeroed. Safe on a zeroed re. */
void pyre_free(struct pyre *re);

/*
 * Scratch able to match any pattern with at most max_groups groups.
 * Match limits are set far above what Python-compatible templates need
 * (Python has none), so that a limit is hit only by runaway backtracking.
 */
struct pyre_ctx *pyre_ctx_new(uint32_t max_groups);
void pyre_ctx_free(struct pyre_ctx *ctx);

/* Lower (or raise) the match limit of ctx (PCRE2's count of backtracks). */
void pyre_ctx_limit(struct pyre_ctx *ctx, uint32_t match_limit);

#define PYRE_NOMATCH 0
#define PYRE_MATCH 1
#define PYRE_ELIMIT (-1) /* a match, depth, heap or JIT stack limit */

/*
 * re.match(pattern, s[0..len)): PYRE_MATCH, PYRE_NOMATCH or PYRE_ELIMIT.
 * On a match, pyre_group gives each group's span from the same ctx.
 */
int pyre_match(
    const struct pyre *re, const char *s, size_t len, struct pyre_ctx *ctx);

/*
 * The same for a subject of ASCII characters only (no byte above 0x7f):
 * the same answer, from the pattern compiled without UTF and UCP when it
 * could be (twice as fast on column-position templates).
 */
int pyre_match_ascii(
    const struct pyre *re, const char *s, size_t len, struct pyre_ctx *ctx);

/*
 * Span of group g (0 = whole match) of the last match in ctx: 0 and
 * *off, *glen set, or -1 when the group did not take part (Python's None).
 */
int pyre_group(
    const struct pyre_ctx *ctx, uint32_t g, size_t *off, size_t *glen);

/*
 * Nonzero when s[0..n) (valid UTF-8, n > 0) is all word characters, as
 * Python's re.fullmatch(r'\w+', s) says (Unicode-aware, as with UCP).
 */
int pyre_is_word(const char *s, size_t n);

#endif
