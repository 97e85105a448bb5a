/*
 * pydialect: Python 3.11 `re` syntax for PCRE2. A pattern is checked the
 * way Python's parser checks it (bad escapes, nothing to repeat, multiple
 * repeat, bad ranges, unknown or duplicate group names are errors, as
 * there) and rewritten into a PCRE2 pattern with the same meaning: named
 * groups become plain numbered groups (PCRE2 caps names at 32 characters,
 * Python does not), \s and \S become Python's exact whitespace set, \Z
 * becomes \z, \v \x \u \U and octal escapes become \x{...}, {,n} becomes
 * {0,n}, classes are written out item by item. The result is meant for
 * PCRE2_UTF | PCRE2_UCP (Python's \d \w \b are Unicode-aware on str).
 *
 * Not translated (a pattern using them is an error here): \N{NAME},
 * verbose mode (?x), ASCII mode (?a). Known difference left: Python
 * rejects a lookbehind whose alternatives differ in length; PCRE2 takes
 * it. Pure; safe after fork() and in threads.
 */
#ifndef NC_PYDIALECT_H
#define NC_PYDIALECT_H

#include <stddef.h>
#include <stdint.h>

/* Python's str.isspace() set as PCRE2 class items; \s outside a class
 * becomes PYDIALECT_SPACE. */
#define PYDIALECT_SPACE_ITEMS                                                  \
	"\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}"                  \
	"\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}"
#define PYDIALECT_SPACE "[" PYDIALECT_SPACE_ITEMS "]"

/* A named group: its name as written and its group number. */
struct pydialect_name {
	char *name;
	uint32_t group;
};

struct pydialect {
	char *pattern;		      /* PCRE2 syntax, NUL-terminated */
	size_t len;		      /* without the NUL */
	uint32_t ngroups;	      /* capturing groups, named or not */
	struct pydialect_name *names; /* in group order (Python's groupindex) */
	size_t nnames;
	int caseless; /* an (?i) somewhere */
};

/*
 * The pattern for subjects made of ASCII only, to compile without UTF and
 * UCP (much faster to match): it means the same on those subjects, every
 * item above 0x7f dropped. Not for caseless patterns, where Python folds
 * some non-ASCII letters onto ASCII ones (K, U+212A).
 */
#define PYDIALECT_ASCII 0x1

/*
 * Check and translate pat[0..len) (valid UTF-8). Returns 0 with *out
 * filled (release with pydialect_free), or -1 with a one-line reason in
 * err and *out empty.
 */
int pydialect_translate(const char *pat, size_t len, unsigned flags,
    struct pydialect *out, char *err, size_t errlen);

void pydialect_free(struct pydialect *d);

#endif
