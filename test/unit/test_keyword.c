/*
 * Unit tests for keyword: exact and any-case lookups in the shared
 * tables, and the listing every "is not one of" message is built from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "keyword.h"
#include "knownhosts.h"
#include "util.h"

static void
test_hostkey(void **state)
{
	int v = -1;

	(void)state;
	assert_int_equal(
	    keyword_find(keyword_hostkey, KEYWORD_EXACT, "strict", &v), 0);
	assert_int_equal(v, HOSTKEY_STRICT);
	assert_int_equal(
	    keyword_find(keyword_hostkey, KEYWORD_EXACT, "accept-new", &v), 0);
	assert_int_equal(v, HOSTKEY_ACCEPT_NEW);
	assert_int_equal(
	    keyword_find(keyword_hostkey, KEYWORD_EXACT, "off", &v), 0);
	assert_int_equal(v, HOSTKEY_OFF);
	v = 42;
	assert_int_equal(
	    keyword_find(keyword_hostkey, KEYWORD_EXACT, "Strict", &v), -1);
	assert_int_equal(
	    keyword_find(keyword_hostkey, KEYWORD_EXACT, "stric", &v), -1);
	assert_int_equal(
	    keyword_find(keyword_hostkey, KEYWORD_EXACT, "", &v), -1);
	assert_int_equal(v, 42); /* untouched on failure */
}

static void
test_bool_any_case(void **state)
{
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes"};
	static const char *const no[] = {"false", "False", "NO", "no"};
	size_t i;
	int v;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		v = -1;
		assert_int_equal(
		    keyword_find(keyword_bool, KEYWORD_ANY_CASE, yes[i], &v),
		    0);
		assert_int_equal(v, 1);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		v = -1;
		assert_int_equal(
		    keyword_find(keyword_bool, KEYWORD_ANY_CASE, no[i], &v), 0);
		assert_int_equal(v, 0);
	}
	assert_int_equal(
	    keyword_find(keyword_bool, KEYWORD_ANY_CASE, "on", &v), -1);
	assert_int_equal(
	    keyword_find(keyword_bool, KEYWORD_ANY_CASE, "1", &v), -1);
	assert_int_equal(
	    keyword_find(keyword_bool, KEYWORD_EXACT, "True", &v), -1);
}

static void
test_list(void **state)
{
	static const struct keyword one[] = {{"only", 7}, {NULL, 0}};
	struct buf b;

	(void)state;
	buf_init(&b);
	keyword_list(keyword_hostkey, ", ", &b);
	assert_string_equal(b.data, "strict, accept-new, off");
	buf_reset(&b);
	keyword_list(keyword_bool, " or ", &b);
	assert_string_equal(b.data, "true, false, yes or no");
	buf_reset(&b);
	keyword_list(one, " or ", &b);
	assert_string_equal(b.data, "only");
	buf_free(&b);
}

static void
test_distance(void **state)
{
	static const struct {
		const char *a, *b;
		size_t d;
	} cases[] = {
	    {"", "", 0},
	    {"format", "format", 0},
	    {"formt", "format", 1},
	    {"format", "formt", 1},
	    {"hepl", "help", 1},
	    {"colour", "color", 1},
	    {"abc", "", 3},
	    {"", "abc", 3},
	    {"kitten", "sitting", 3},
	    {"ca", "abc", 3},
	    {"Format", "format", 1},
	};
	char longer[KEYWORD_MAX_LEN + 2];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(
		    keyword_distance(cases[i].a, cases[i].b, KEYWORD_EXACT),
		    cases[i].d);
	memset(longer, 'a', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	assert_int_equal(
	    keyword_distance(longer, "a", KEYWORD_EXACT), KEYWORD_FAR);
	longer[KEYWORD_MAX_LEN] = '\0';
	assert_int_equal(keyword_distance(longer, longer, KEYWORD_EXACT), 0);
	assert_int_equal(
	    keyword_distance(longer, "", KEYWORD_EXACT), KEYWORD_MAX_LEN);
	/* ssh_config keywords: letters in any case, swaps still one. */
	assert_int_equal(
	    keyword_distance("Hostname", "HostName", KEYWORD_ANY_CASE), 0);
	assert_int_equal(
	    keyword_distance("PrxoyJump", "proxyjump", KEYWORD_ANY_CASE), 1);
	assert_int_equal(
	    keyword_distance("Hostname", "HostName", KEYWORD_EXACT), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hostkey),
	    cmocka_unit_test(test_bool_any_case),
	    cmocka_unit_test(test_list),
	    cmocka_unit_test(test_distance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
