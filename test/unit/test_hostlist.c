/*
 * Unit tests for hostlist: range expansion (padding, several brackets,
 * comma lists, the size limit), matching without expanding (globs,
 * exclusions, IPv6 brackets), every malformed pattern with its exact
 * message, compression as dshbak -c prints it, and stable shards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hostlist.h"
#include "util.h"

/* The expansion of pattern, joined with spaces. */
static char *
expand_joined(const char *pattern)
{
	struct buf err, out;
	char **names;
	size_t n, i;

	buf_init(&err);
	if (hostlist_expand(pattern, &names, &n, &err) == -1)
		fprintf(stderr, "%s\n", err.data);
	assert_null(err.data);
	buf_init(&out);
	for (i = 0; i < n; i++)
		buf_appendf(&out, "%s%s", i > 0 ? " " : "", names[i]);
	hostlist_names_free(names, n);
	return buf_steal(&out, NULL);
}

static void
expect_expand(const char *pattern, const char *joined)
{
	char *s = expand_joined(pattern);

	assert_string_equal(s, joined);
	free(s);
}

static void
expect_bad(const char *pattern, const char *msg)
{
	struct buf err;
	char **names = (char **)1;
	size_t n = 99;

	buf_init(&err);
	assert_int_equal(hostlist_expand(pattern, &names, &n, &err), -1);
	assert_null(names);
	assert_int_equal(n, 0);
	assert_string_equal(err.data, msg);
	buf_free(&err);
}

/* The same message from the selection compiler (no '*' or '!' there). */
static void
expect_bad_both(const char *pattern, const char *msg)
{
	struct buf err;

	expect_bad(pattern, msg);
	buf_init(&err);
	assert_null(hostlist_compile(&pattern, 1, &err));
	assert_string_equal(err.data, msg);
	buf_free(&err);
	assert_int_equal(hostlist_match(pattern, "R1"), -1);
}

static void
test_expand(void **state)
{
	(void)state;
	expect_expand("R1", "R1");
	expect_expand("R[1-3]", "R1 R2 R3");
	expect_expand("R[1-3,7]", "R1 R2 R3 R7");
	expect_expand("R[01-03]", "R01 R02 R03");
	expect_expand("R[08-11]", "R08 R09 R10 R11");
	expect_expand("R[8-011]", "R008 R009 R010 R011");
	expect_expand("R[98-101]", "R98 R99 R100 R101");
	expect_expand("R[098-101]", "R098 R099 R100 R101");
	expect_expand("R[001-2,10]", "R001 R002 R10");
	expect_expand("R[7]", "R7");
	expect_expand("R[07]", "R07");
	expect_expand("R[0-2]", "R0 R1 R2");
	expect_expand("r[1-2]s[1-3]", "r1s1 r1s2 r1s3 r2s1 r2s2 r2s3");
	expect_expand("[1-2]x[1,3]y", "1x1y 1x3y 2x1y 2x3y");
	expect_expand("R1,R2,sw[1-2]-core", "R1 R2 sw1-core sw2-core");
	expect_expand(" R1 , R[2-3] ", "R1 R2 R3");
	expect_expand("10.0.0.[1-3]", "10.0.0.1 10.0.0.2 10.0.0.3");
	expect_expand("[::1]:[2222-2223]", "[::1]:2222 [::1]:2223");
	expect_expand("[2001:db8::1],[::1]", "[2001:db8::1] [::1]");
	expect_expand("R[1-1,1]", "R1 R1");
	expect_expand("R[999999999999999998-999999999999999999]",
	    "R999999999999999998 R999999999999999999");
}

static void
test_expand_limit(void **state)
{
	struct buf err;
	char **names;
	size_t n;

	(void)state;
	buf_init(&err);
	/* Exactly the limit is fine. */
	assert_int_equal(
	    hostlist_expand("n[1-1000]x[1-1000]", &names, &n, &err), 0);
	assert_int_equal(n, 1000000);
	assert_string_equal(names[0], "n1x1");
	assert_string_equal(names[999999], "n1000x1000");
	hostlist_names_free(names, n);
	assert_int_equal(hostlist_count("n[1-1000]x[1-1000]", &n, &err), 0);
	assert_int_equal(n, 1000000);
	assert_int_equal(
	    hostlist_count("R1,R[2-3],R[01-10]x[1-2]", &n, &err), 0);
	assert_int_equal(n, 23);
	assert_int_equal(hostlist_count("n[1-1000]x[1-1000],one", &n, &err), 0);
	assert_int_equal(n, 1000001);
	assert_int_equal(
	    hostlist_count(
		"a[1-999999999999999999]b[1-999999999999999999]", &n, &err),
	    0);
	assert_int_equal(n, 1000001);
	assert_null(err.data);
	assert_int_equal(hostlist_count("R*", &n, &err), -1);
	assert_string_equal(err.data,
	    "'R*': a wildcard ('*' or '?') selects, "
	    "it cannot be expanded");
	buf_free(&err);
	assert_int_equal(hostlist_count("R[", &n, &err), -1);
	assert_string_equal(err.data, "'R[': '[' without its ']'");
	buf_free(&err);
	expect_bad("n[1-1000]x[1-1000],one",
	    "'n[1-1000]x[1-1000],one': more than 1000000 names");
	expect_bad("n[1-1000001]", "'n[1-1000001]': more than 1000000 names");
	/* Refused before anything is allocated, however large. */
	expect_bad("a[1-999999999999999999]b[1-999999999999999999]c[0-9]",
	    "'a[1-999999999999999999]b[1-999999999999999999]c[0-9]': more "
	    "than 1000000 names");
}

static void
test_bad_patterns(void **state)
{
	(void)state;
	expect_bad_both("R[1-", "'R[1-': '[' without its ']'");
	expect_bad_both("R1]", "'R1]': ']' without its '['");
	expect_bad_both("R[]", "'R[]': an empty range '[]'");
	expect_bad_both("R[a-c]",
	    "'R[a-c]': '[a-c]' is not a list of numbers "
	    "and ranges (like [1-10,12])");
	expect_bad_both("R[1-]",
	    "'R[1-]': '[1-]' is not a list of numbers and "
	    "ranges (like [1-10,12])");
	expect_bad_both("R[-3]",
	    "'R[-3]': '[-3]' is not a list of numbers and "
	    "ranges (like [1-10,12])");
	expect_bad_both("R[1,,2]",
	    "'R[1,,2]': '[1,,2]' is not a list of "
	    "numbers and ranges (like [1-10,12])");
	expect_bad_both("R[1-2-3]",
	    "'R[1-2-3]': '[1-2-3]' is not a list of "
	    "numbers and ranges (like [1-10,12])");
	expect_bad_both("R[ 1-2]",
	    "'R[ 1-2]': '[ 1-2]' is not a list of "
	    "numbers and ranges (like [1-10,12])");
	expect_bad_both("R[10-1]", "'R[10-1]': the range 10-1 runs backwards");
	expect_bad_both(
	    "R[1,020-010]", "'R[1,020-010]': the range 020-010 runs backwards");
	expect_bad_both("R[1-1234567890123456789]",
	    "'R[1-1234567890123456789]': a number longer than 18 digits");
	expect_bad_both("R1,,R2", "'R1,,R2': an empty name");
	expect_bad_both("R1,", "'R1,': an empty name");
	expect_bad_both("", "'': an empty name");
	expect_bad_both(" , R1", "' , R1': an empty name");
	expect_bad_both("!", "'!': an empty name");
	expect_bad("R*",
	    "'R*': a wildcard ('*' or '?') selects, it cannot be "
	    "expanded");
	expect_bad("R?",
	    "'R?': a wildcard ('*' or '?') selects, it cannot be "
	    "expanded");
	expect_bad("R1,!R2",
	    "'R1,!R2': an exclusion ('!') selects, it cannot "
	    "be expanded");
}

static void
test_match(void **state)
{
	(void)state;
	assert_int_equal(hostlist_match("R[1-10]", "R1"), 1);
	assert_int_equal(hostlist_match("R[1-10]", "R10"), 1);
	assert_int_equal(hostlist_match("R[1-10]", "R11"), 0);
	assert_int_equal(hostlist_match("R[1-10]", "R0"), 0);
	assert_int_equal(hostlist_match("R[1-10]", "R01"), 0);
	assert_int_equal(hostlist_match("R[1-10]", "r1"), 0);
	assert_int_equal(hostlist_match("R[1-10]", "R1x"), 0);
	assert_int_equal(hostlist_match("R[01-10]", "R01"), 1);
	assert_int_equal(hostlist_match("R[01-10]", "R1"), 0);
	assert_int_equal(hostlist_match("R[01-10]", "R10"), 1);
	assert_int_equal(hostlist_match("R[098-101]", "R100"), 1);
	assert_int_equal(hostlist_match("R[098-101]", "R0100"), 0);
	assert_int_equal(hostlist_match("R[0-2]", "R0"), 1);
	assert_int_equal(hostlist_match("R[0-2]", "R00"), 0);
	assert_int_equal(hostlist_match("R[1-3,7]", "R7"), 1);
	assert_int_equal(hostlist_match("R[1-3,7]", "R5"), 0);
	/* A range followed by digits: every split is tried. */
	assert_int_equal(hostlist_match("R[1-20]0", "R200"), 1);
	assert_int_equal(hostlist_match("R[1-20]0", "R10"), 1);
	assert_int_equal(hostlist_match("R[1-20]0", "R210"), 0);
	assert_int_equal(hostlist_match("r[1-2]s[1-3]", "r2s3"), 1);
	assert_int_equal(hostlist_match("r[1-2]s[1-3]", "r3s1"), 0);
	assert_int_equal(hostlist_match("[1-12][1-12]", "111"), 1);
	/* A range of a billion is not expanded to match. */
	assert_int_equal(hostlist_match("n[1-1000000000]", "n999999999"), 1);
	/* Globs, and globs with ranges. */
	assert_int_equal(hostlist_match("*", ""), 1);
	assert_int_equal(hostlist_match("core-*", "core-sw1"), 1);
	assert_int_equal(hostlist_match("core-*", "edge-sw1"), 0);
	assert_int_equal(hostlist_match("*-sw[1-4]", "core-sw3"), 1);
	assert_int_equal(hostlist_match("*-sw[1-4]", "core-sw5"), 0);
	assert_int_equal(hostlist_match("r?", "r1"), 1);
	assert_int_equal(hostlist_match("r?", "r10"), 0);
	assert_int_equal(hostlist_match("*a*b*", "xxaxxbxx"), 1);
	assert_int_equal(hostlist_match("*a*b*", "xxbxxaxx"), 0);
	/* Comma lists and exclusions. */
	assert_int_equal(hostlist_match("R1,R2", "R2"), 1);
	assert_int_equal(hostlist_match("R1,R2", "R3"), 0);
	assert_int_equal(hostlist_match("R[1-10],!R5", "R5"), 0);
	assert_int_equal(hostlist_match("R[1-10],!R5", "R6"), 1);
	assert_int_equal(hostlist_match("!R5", "R6"), 1);
	assert_int_equal(hostlist_match("!R5", "R5"), 0);
	assert_int_equal(hostlist_match("!R[1-3],!sw*", "sw1"), 0);
	assert_int_equal(hostlist_match("!R[1-3],!sw*", "fw1"), 1);
	/* IPv6 addresses in brackets are text. */
	assert_int_equal(hostlist_match("[::1]:2222", "[::1]:2222"), 1);
	assert_int_equal(hostlist_match("[::1]:[2222-2230]", "[::1]:2225"), 1);
	assert_int_equal(hostlist_match("[::1]*", "[::1]:22"), 1);
	assert_int_equal(hostlist_match("[::1]", "::1"), 0);
}

static void
test_selects(void **state)
{
	static const char *const limit[] = {"core-*,R[1-4]", "!R3", "!lab"};
	const char *dev1[] = {"R1", "routers", "10.0.0.1"};
	const char *dev3[] = {"R3", "routers", "10.0.0.3"};
	const char *dev9[] = {"R9", "routers", "10.0.0.9"};
	const char *core[] = {"x", "core-switches", NULL};
	const char *lab[] = {"R2", "lab", "10.0.9.2"};
	static const char *const bad[] = {"R1", "R[2-"};
	struct hostlist *hl;
	struct buf err;

	(void)state;
	buf_init(&err);
	hl = hostlist_compile(limit, 3, &err);
	assert_non_null(hl);
	assert_null(err.data);
	/* Any name of a device (name, group, host) may match a term. */
	assert_int_equal(hostlist_selects(hl, dev1, 3), 1);
	assert_int_equal(hostlist_selects(hl, dev3, 3), 0);
	assert_int_equal(hostlist_selects(hl, dev9, 3), 0);
	assert_int_equal(hostlist_selects(hl, core, 3), 1);
	assert_int_equal(hostlist_selects(hl, lab, 3), 0);
	hostlist_free(hl);
	/* No pattern at all selects everything. */
	hl = hostlist_compile(NULL, 0, &err);
	assert_non_null(hl);
	assert_int_equal(hostlist_selects(hl, dev9, 3), 1);
	hostlist_free(hl);
	/* One bad pattern of several: nothing compiled. */
	assert_null(hostlist_compile(bad, 2, &err));
	assert_string_equal(err.data, "'R[2-': '[' without its ']'");
	buf_free(&err);
}

static void
expect_compress(const char *const *names, size_t n, const char *want)
{
	char *s = hostlist_compress(names, n), *again;
	struct buf err;
	char **back;
	size_t nback, i, j;

	assert_string_equal(s, want);
	/* It expands back to exactly the set of names. */
	if (n > 0) {
		buf_init(&err);
		assert_int_equal(hostlist_expand(s, &back, &nback, &err), 0);
		for (i = 0; i < n; i++) {
			for (j = 0; j < nback; j++)
				if (strcmp(names[i], back[j]) == 0)
					break;
			assert_true(j < nback);
		}
		again = hostlist_compress((const char *const *)back, nback);
		assert_string_equal(again, want);
		free(again);
		hostlist_names_free(back, nback);
	}
	free(s);
}

static void
test_compress(void **state)
{
	static const char *const course[] = {"R1", "R2", "R3"};
	static const char *const gap[] = {"R42", "R3", "R1", "R2", "R40"};
	static const char *const padded[] = {"R01", "R02", "R03", "R10"};
	static const char *const mixed[] = {"sw2", "R2", "core", "R1", "sw1",
	    "fw-a", "R1", "10.0.0.2", "10.0.0.1", "sw3"};
	static const char *const suffix[] = {
	    "r1-core", "r2-core", "r3-edge", "r4-edge"};
	static const char *const widths[] = {"R1", "R01", "R001", "R2", "R02"};
	static const char *const special[] = {
	    "[::1]:2222", "[::1]:2223", "a,b", "R*", "", "R1"};
	static const char *const one[] = {"R42"};
	static const char *const big[] = {"n123456789012345678901"};
	const char **many;
	char *s;
	size_t i;

	(void)state;
	expect_compress(course, 3, "R[1-3]");
	expect_compress(gap, 5, "R[1-3,40,42]");
	expect_compress(padded, 4, "R[01-03,10]");
	expect_compress(mixed, 10, "10.0.0.[1-2],R[1-2],core,fw-a,sw[1-3]");
	expect_compress(suffix, 4, "r[1-2]-core,r[3-4]-edge");
	expect_compress(widths, 5, "R[1-2],R[01-02],R001");
	expect_compress(one, 1, "R42");
	expect_compress(big, 1, "n123456789012345678901");
	expect_compress(NULL, 0, "");
	/* Names with pattern characters are listed as they are. */
	s = hostlist_compress(special, 6);
	assert_string_equal(s, ",R1,R*,[::1]:2222,[::1]:2223,a,b");
	free(s);
	/* R1 .. R40 and R42, in any order, as the example. */
	many = xcalloc(41, sizeof(*many));
	for (i = 0; i < 40; i++)
		many[i] = xasprintf("R%zu", 40 - i);
	many[40] = "R42";
	s = hostlist_compress(many, 41);
	assert_string_equal(s, "R[1-40,42]");
	free(s);
	for (i = 0; i < 40; i++)
		free((char *)many[i]);
	free(many);
}

static void
test_compress_large(void **state)
{
	char **names;
	size_t n, i;
	struct buf err;
	char *s;

	(void)state;
	buf_init(&err);
	assert_int_equal(
	    hostlist_expand("n[1-50000],m[00001-50000]", &names, &n, &err), 0);
	s = hostlist_compress((const char *const *)names, n);
	assert_string_equal(s, "m[00001-50000],n[1-50000]");
	free(s);
	/* Every other one. */
	for (i = 0; i < n; i += 2)
		names[i][0] = 'x';
	s = hostlist_compress((const char *const *)names, n);
	assert_int_equal(strncmp(s, "m[00002,00004,", 14), 0);
	free(s);
	hostlist_names_free(names, n);
}

static void
test_shard(void **state)
{
	unsigned count[5] = {0}, shard[410], s;
	char name[32];
	size_t i;

	(void)state;
	assert_int_equal(hostlist_shard("R1", 0), 0);
	assert_int_equal(hostlist_shard("R1", 1), 1);
	/*
	 * Fixed values, computed from the algorithm in hostlist.h by an
	 * independent Python version: the hash is part of the interface.
	 */
	assert_int_equal(hostlist_shard("", 4), 2);
	assert_int_equal(hostlist_shard("R1", 4), 1);
	assert_int_equal(hostlist_shard("R2", 4), 2);
	assert_int_equal(hostlist_shard("core-sw1", 4), 3);
	assert_int_equal(hostlist_shard("10.0.0.1", 4), 2);
	assert_int_equal(hostlist_shard("sw7", 3), 3);
	assert_int_equal(hostlist_shard("R1", 1000000), 546590);
	for (i = 0; i < 400; i++) {
		snprintf(name, sizeof(name), "dev%zu", i + 1);
		shard[i] = hostlist_shard(name, 4);
		assert_true(shard[i] >= 1 && shard[i] <= 4);
		count[shard[i]]++;
	}
	/* Roughly even (deterministic, so the bounds cannot flake). */
	for (s = 1; s <= 4; s++)
		assert_true(count[s] >= 70 && count[s] <= 130);
	/* Adding ten devices moves none of the others. */
	for (i = 400; i < 410; i++) {
		snprintf(name, sizeof(name), "dev%zu", i + 1);
		shard[i] = hostlist_shard(name, 4);
	}
	for (i = 0; i < 400; i++) {
		snprintf(name, sizeof(name), "dev%zu", i + 1);
		assert_int_equal(hostlist_shard(name, 4), shard[i]);
	}
	/* Five shards instead of four: a device stays or goes to shard 5. */
	for (i = 0; i < 410; i++) {
		snprintf(name, sizeof(name), "dev%zu", i + 1);
		s = hostlist_shard(name, 5);
		assert_true(s == shard[i] || s == 5);
	}
}

static void
test_shard_parse(void **state)
{
	static const char *const bad[] = {"", "1", "0/4", "5/4", "1/0",
	    "1/1000001", "a/4", "1/4x", "-1/4", "1/-4", " 1/4", "1/ 4", "1//4",
	    "99999999999999999999/4"};
	unsigned i, n;
	struct buf err;
	size_t k;
	char want[128];

	(void)state;
	buf_init(&err);
	assert_int_equal(hostlist_shard_parse("2/4", &i, &n, &err), 0);
	assert_int_equal(i, 2);
	assert_int_equal(n, 4);
	assert_int_equal(hostlist_shard_parse("1/1", &i, &n, &err), 0);
	assert_int_equal(
	    hostlist_shard_parse("1000000/1000000", &i, &n, &err), 0);
	assert_int_equal(hostlist_shard_parse("007/010", &i, &n, &err), 0);
	assert_int_equal(i, 7);
	assert_int_equal(n, 10);
	assert_null(err.data);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		assert_int_equal(
		    hostlist_shard_parse(bad[k], &i, &n, &err), -1);
		snprintf(want, sizeof(want),
		    "'%s' is not a shard: I/N with 1 <= I <= N <= 1000000 "
		    "(like 2/4)",
		    bad[k]);
		assert_string_equal(err.data, want);
		buf_free(&err);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_expand),
	    cmocka_unit_test(test_expand_limit),
	    cmocka_unit_test(test_bad_patterns),
	    cmocka_unit_test(test_match),
	    cmocka_unit_test(test_selects),
	    cmocka_unit_test(test_compress),
	    cmocka_unit_test(test_compress_large),
	    cmocka_unit_test(test_shard),
	    cmocka_unit_test(test_shard_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
