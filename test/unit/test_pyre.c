/*
 * Unit tests for pydialect and pyre: Python 3.11's re accepts exactly the
 * patterns accepted here (each error case was checked against re.compile)
 * and the translation keeps their meaning; matches are anchored like
 * re.match, group names of any length are kept, \d \w \s are Python's;
 * the literal and length prefilters never turn away a line PCRE2 would
 * match.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pydialect.h"
#include "pyre.h"
#include "pystr.h"

static void
check_translation(const char *pat, const char *want)
{
	struct pydialect d;
	char err[256];

	if (pydialect_translate(pat, strlen(pat), 0, &d, err, sizeof(err)) < 0)
		fail_msg("%s: %s", pat, err);
	assert_string_equal(d.pattern, want);
	assert_int_equal(d.len, strlen(want));
	pydialect_free(&d);
}

static void
check_error(const char *pat, const char *want)
{
	struct pydialect d;
	char err[256];

	if (pydialect_translate(pat, strlen(pat), 0, &d, err, sizeof(err)) == 0)
		fail_msg("%s: accepted as %s", pat, d.pattern);
	assert_string_equal(err, want);
	assert_null(d.pattern);
}

static void
test_translation(void **state)
{
	(void)state;
	check_translation("x{,2}", "x{0,2}");
	check_translation("a{,}", "a{0,}");
	check_translation("a{}", "a\\x{7b}\\x{7d}");
	check_translation("a(?#c)*", "a*");
	check_translation("(?=a)*", "(?=a)*");
	check_translation("[]a]", "[\\x{5d}\\x{61}]");
	check_translation("[^]a]", "[^\\x{5d}\\x{61}]");
	check_translation("[a-]", "[\\x{61}\\x{2d}]");
	check_translation("\\08", "\\x{0}8");
	check_translation("\\123", "S");
	check_translation("\\u00e9\\U0001F600", "\\x{e9}\\x{1f600}");
	check_translation("[\\b]\\b", "[\\x{8}]\\b");
	check_translation("\\v\\Z", "\\x{b}\\z");
	check_translation("(?u)a", "a");
	check_translation("(?i)ab", "(?i)ab");
	check_translation("(?-i:a)", "(?-i:a)");
	/* Python's [[:alpha:]] is a set of '[', ':', 'a'... then a ']'. */
	check_translation("[[:al]]", "[\\x{5b}\\x{3a}\\x{61}\\x{6c}]\\x{5d}");
	/* Named groups become numbered; references follow the number. */
	check_translation("(?P<a_name_much_longer_than_32_characters>x)(?P=a_"
			  "name_much_longer_than_32_characters)",
	    "(x)\\g{1}");
	check_translation("(a)(?(1)b|c)\\1", "(a)(?(1)b|c)\\g{1}");
	check_translation("\\s\\S",
	    PYDIALECT_SPACE "[\\x{0}-\\x{8}\\x{e}-"
			    "\\x{1b}\\x{21}-\\x{84}\\x{86}-"
			    "\\x{9f}\\x{a1}-\\x{167f}\\x{1681}-"
			    "\\x{1fff}\\x{200b}-\\x{2027}\\x{"
			    "202a}-\\x{202e}\\x{2030}-\\x{205e}"
			    "\\x{2060}-\\x{2fff}\\x{3001}-\\x{"
			    "d7ff}\\x{e000}-\\x{10ffff}]");
	/* No subject holds a surrogate. */
	check_translation("\\ud800", "(?!)");
	check_translation("[\\ud800]", "(?!)");
}

static void
test_errors_as_python(void **state)
{
	(void)state;
	check_error("a**", "multiple repeat");
	check_error("a*{2}", "multiple repeat");
	check_error("\\q", "bad escape \\q");
	check_error("*a", "nothing to repeat");
	check_error("(?P<n>a)(?P<n>b)", "redefinition of group name 'n'");
	check_error("(a\\1)", "cannot refer to an open group");
	check_error("(?P=x)", "unknown group name 'x'");
	check_error("[z-a]", "bad character range");
	check_error("[\\d-z]", "bad character range");
	check_error("(?<n>a)", "unknown extension ?<");
	check_error(
	    "a(?i)b", "global flags not at the start of the expression");
	check_error("(?i-i:a)", "bad inline flags: flag turned on and off");
	check_error("x{2,1}", "min repeat greater than max repeat");
	check_error("(?#c)*", "nothing to repeat");
	check_error("\\Z*", "nothing to repeat");
	check_error("\\b*", "nothing to repeat");
	check_error("\\8", "invalid group reference 8");
	check_error("[\\8]", "bad escape \\8");
	check_error("(a)\\12", "invalid group reference 12");
	check_error("\\400", "octal escape value outside of range 0-0o377");
	check_error("(*ACCEPT)", "nothing to repeat");
	check_error("(?P>n)", "unknown extension ?P");
	check_error("\\x4", "incomplete escape \\x");
	check_error("[a", "unterminated character set");
	check_error("(a", "missing ), unterminated subpattern");
	check_error("a)", "unbalanced parenthesis");
	check_error("a\\", "bad escape (end of pattern)");
	check_error("(?P<1a>x)", "bad character in group name '1a'");
	/* Found by fuzz_textfsm: a message quoting the pattern stays one
	 * line. */
	check_error("(?P<a\nb>x)", "bad character in group name 'a?b'");
	/* Not translated, said so. */
	check_error("(?x)a", "inline flag 'x' is not supported");
	check_error("\\N{EM DASH}", "\\N{...} escapes are not supported");
}

struct m {
	const char *pat, *subject;
	int match;
};

static void
test_match(void **state)
{
	static const struct m cases[] = {
	    /* Anchored at the start, like re.match; $ at the end. */
	    {"b", "ab", PYRE_NOMATCH},
	    {"a|b", "b", PYRE_MATCH},
	    {"ab$", "ab", PYRE_MATCH},
	    /* Python's \d and \w are Unicode; \s is str.isspace(). */
	    {"\\d+$", "\xd9\xa1\xd9\xa2", PYRE_MATCH},
	    {"\\w+$", "\xc3\xa9t\xc3\xa9", PYRE_MATCH},
	    {"a\\sb",
		"a\x1f"
		"b",
		PYRE_MATCH},
	    {"a\\sb",
		"a\xe3\x80\x80"
		"b",
		PYRE_MATCH},
	    {"a\\sb",
		"a\xe1\xa0\x8e"
		"b",
		PYRE_NOMATCH},
	    {"a\\Sb",
		"a\xe1\xa0\x8e"
		"b",
		PYRE_MATCH},
	    {"(\\S+(?<!\\s))", "x", PYRE_MATCH},
	    /* Prefilters: a prefix after \s+, a needle, lengths. */
	    {"\\s+Hardware\\s+is", "  Hardware is", PYRE_MATCH},
	    {"\\s+Hardware\\s+is", "Hardware is", PYRE_NOMATCH},
	    {"\\s*Hardware", "Hardware", PYRE_MATCH},
	    {"\\s*Hardware", "\xc2\xa0Hardware", PYRE_MATCH},
	    {"\\s+\\xa0x", "\xc2\xa0\xc2\xa0x", PYRE_MATCH},
	    {".*input\\s+rate", "5 min input rate", PYRE_MATCH},
	    {".*input\\s+rate", "5 min output rate", PYRE_NOMATCH},
	    {"ab?c", "ac", PYRE_MATCH},
	    {"x*y", "y", PYRE_MATCH},
	    {"x{0,2}y", "y", PYRE_MATCH},
	    {"(?i)abc", "ABC", PYRE_MATCH},
	    {"a|xyz", "a", PYRE_MATCH},
	    {".{3}$", "\xc3\xa9\xc3\xa9\xc3\xa9", PYRE_MATCH},
	    {".{3}$", "abcd", PYRE_NOMATCH},
	    {"a(?=b)", "ab", PYRE_MATCH},
	    {"(?:ab)+$", "ababab", PYRE_MATCH},
	    {"a\\x7b", "a{", PYRE_MATCH},
	};
	struct pyre_ctx *ctx = pyre_ctx_new(8);
	struct pyre re;
	char err[256];
	size_t k;
	int rc;

	(void)state;
	assert_non_null(ctx);
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		if (pyre_compile(&re, cases[k].pat, strlen(cases[k].pat),
			PYRE_JIT, err, sizeof(err)) < 0)
			fail_msg("%s: %s", cases[k].pat, err);
		rc = pyre_match(
		    &re, cases[k].subject, strlen(cases[k].subject), ctx);
		if (rc != cases[k].match)
			fail_msg("%s on '%s': %d, want %d", cases[k].pat,
			    cases[k].subject, rc, cases[k].match);
		pyre_free(&re);
	}
	pyre_ctx_free(ctx);
}

static void
test_groups_and_prefilter_fields(void **state)
{
	static const char pat[] = "(?P<an_interface_name_longer_than_32_chars>"
				  "\\S+)\\s+is(?P<x>\\s+up)?";
	struct pyre_ctx *ctx = pyre_ctx_new(4);
	struct pyre re;
	size_t off, len;
	char err[256];

	(void)state;
	assert_int_equal(
	    pyre_compile(&re, pat, strlen(pat), PYRE_JIT, err, sizeof(err)), 0);
	assert_int_equal(re.ngroups, 2);
	assert_int_equal(re.nnames, 2);
	assert_string_equal(
	    re.names[0].name, "an_interface_name_longer_than_32_chars");
	assert_int_equal(re.names[0].group, 1);
	assert_string_equal(re.names[1].name, "x");
	assert_int_equal(pyre_match(&re, "Et1 is down", 11, ctx), PYRE_MATCH);
	assert_int_equal(pyre_group(ctx, 1, &off, &len), 0);
	assert_int_equal(off, 0);
	assert_int_equal(len, 3);
	/* A group that took no part is Python's None. */
	assert_int_equal(pyre_group(ctx, 2, &off, &len), -1);
	assert_int_equal(re.min_len, 4);
	assert_int_equal(re.max_len, 0);
	assert_int_equal(re.needle_len, 2);
	assert_memory_equal(re.needle, "is", 2);
	pyre_free(&re);

	assert_int_equal(pyre_compile(&re, "\\s+MTU\\s+(\\d+) x{2}$", 17,
			     PYRE_JIT, err, sizeof(err)),
	    0);
	assert_int_equal(re.prefix_ws, 1);
	assert_int_equal(re.prefix_len, 3);
	assert_memory_equal(re.prefix, "MTU", 3);
	assert_int_equal(re.max_len, 0);
	pyre_free(&re);

	assert_int_equal(pyre_compile(&re, "^\\s{0,1}(a|b)(?=\\S).{17,18}$", 28,
			     0, err, sizeof(err)),
	    0);
	assert_int_equal(re.max_len, 20);
	assert_int_equal(re.prefix_len, 0);
	pyre_free(&re);
	pyre_ctx_free(ctx);
}

static void
test_match_limit_is_reported(void **state)
{
	static const char pat[] = "(a|aa)*b$";
	struct pyre_ctx *ctx = pyre_ctx_new(2);
	struct pyre re;
	char subject[64], err[256];
	unsigned flags;

	(void)state;
	memset(subject, 'a', sizeof(subject));
	memcpy(subject + sizeof(subject) - 2, "bx", 2);
	pyre_ctx_limit(ctx, 1000000);
	/* Exponential backtracking: a limit, never a silent miss. */
	for (flags = 0; flags <= PYRE_JIT; flags += PYRE_JIT) {
		assert_int_equal(pyre_compile(&re, pat, strlen(pat), flags, err,
				     sizeof(err)),
		    0);
		assert_int_equal(pyre_match(&re, subject, sizeof(subject), ctx),
		    PYRE_ELIMIT);
		pyre_free(&re);
	}
	pyre_ctx_free(ctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_translation),
	    cmocka_unit_test(test_errors_as_python),
	    cmocka_unit_test(test_match),
	    cmocka_unit_test(test_groups_and_prefilter_fields),
	    cmocka_unit_test(test_match_limit_is_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
