/*
 * Unit tests for pystr: UTF-8 decoding with errors='replace' (each case
 * checked against CPython 3.11's bytes.decode), str.splitlines() line by
 * line, str.isspace() and strip(), code point counts. Exact bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pystr.h"

#define S(lit) lit, sizeof(lit) - 1
#define FFFD "\xef\xbf\xbd"

static void
check_replace(const char *in, size_t n, const char *want)
{
	size_t len;
	char *out = pystr_utf8_replace(in, n, &len);

	if (want == NULL) {
		assert_null(out);
		assert_true(pystr_utf8_valid(in, n));
		return;
	}
	assert_non_null(out);
	assert_false(pystr_utf8_valid(in, n));
	assert_int_equal(len, strlen(want));
	assert_memory_equal(out, want, len);
	assert_true(pystr_utf8_valid(out, len));
	free(out);
}

static void
test_replace_like_python(void **state)
{
	(void)state;
	check_replace(S("abc"), NULL);
	check_replace(S("\xf0\x9f\x98\x80"), NULL);
	check_replace(S("\xff"), FFFD);
	/* A truncated sequence is one U+FFFD; what follows is kept. */
	check_replace(S("\xe2\x82"), FFFD);
	check_replace(S("\xe2\x82x"), FFFD "x");
	check_replace(S("a\xc3"), "a" FFFD);
	check_replace(S("\xf0\x90\x80"), FFFD);
	/* Surrogates, overlongs and code points past U+10FFFF: one each. */
	check_replace(S("\xed\xa0\x80"), FFFD FFFD FFFD);
	check_replace(S("\xc0\x80"), FFFD FFFD);
	check_replace(S("\xe0\x80\x80"), FFFD FFFD FFFD);
	check_replace(S("\xf4\x90\x80\x80"), FFFD FFFD FFFD FFFD);
	/* The ASCII fast path still sees a bad byte after eight good ones. */
	check_replace(S("abcdefgh\xffijklmnop"), "abcdefgh" FFFD "ijklmnop");
	assert_int_equal(pystr_utf8_prefix(S("abcdefghij\x80")), 10);
}

static void
test_splitlines(void **state)
{
	static const char text[] =
	    "a\r\nb\rc\vd\fe\x1c"
	    "f\x1dg\x1eh\xc2\x85i\xe2\x80\xa8j\xe2\x80\xa9"
	    "k\x1fl\n\nend";
	static const char *const want[] = {"a", "b", "c", "d", "e", "f", "g",
	    "h", "i", "j", "k\x1fl", "", "end"};
	const char *line;
	size_t pos = 0, len, k = 0;

	(void)state;
	while (pystr_next_line(text, sizeof(text) - 1, &pos, &line, &len)) {
		assert_true(k < sizeof(want) / sizeof(want[0]));
		assert_int_equal(len, strlen(want[k]));
		assert_memory_equal(line, want[k], len);
		k++;
	}
	assert_int_equal(k, sizeof(want) / sizeof(want[0]));
	/* '' has no line, '\n' one empty one, 'a\r\r\n' two. */
	pos = 0;
	assert_false(pystr_next_line("", 0, &pos, &line, &len));
	pos = 0;
	assert_true(pystr_next_line(S("\n"), &pos, &line, &len));
	assert_int_equal(len, 0);
	assert_false(pystr_next_line(S("\n"), &pos, &line, &len));
	pos = 0;
	assert_true(pystr_next_line(S("a\r\r\n"), &pos, &line, &len));
	assert_true(pystr_next_line(S("a\r\r\n"), &pos, &line, &len));
	assert_int_equal(len, 0);
	assert_false(pystr_next_line(S("a\r\r\n"), &pos, &line, &len));
	/* A long line without breaks takes the eight-byte path. */
	pos = 0;
	assert_true(
	    pystr_next_line(S("0123456789abcdefghij\x85"), &pos, &line, &len));
	assert_int_equal(len, 21);
}

static void
test_space_strip_count(void **state)
{
	static const uint32_t space[] = {9, 10, 11, 12, 13, 0x1c, 0x1d, 0x1e,
	    0x1f, ' ', 0x85, 0xa0, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029,
	    0x202f, 0x205f, 0x3000};
	static const uint32_t other[] = {
	    0, 8, 14, 0x1b, '!', 0x84, 0xa1, 0x180e, 0x200b, 0xfeff, 0x3001};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(space) / sizeof(space[0]); k++)
		assert_true(pystr_isspace(space[k]));
	for (k = 0; k < sizeof(other) / sizeof(other[0]); k++)
		assert_false(pystr_isspace(other[k]));
	assert_int_equal(pystr_rstrip(S("ab \t\xe3\x80\x80")), 2);
	assert_int_equal(pystr_rstrip(S("\xc2\xa0")), 0);
	assert_int_equal(pystr_lstrip(S("\xc2\xa0 x ")), 3);
	assert_int_equal(pystr_lstrip(S("   ")), 3);
	assert_int_equal(pystr_ncodepoints(S("caf\xc3\xa9 \xe2\x82\xac")), 6);
	assert_int_equal(
	    pystr_ncodepoints(S("0123456789\xc3\xa9\xc3\xa9xyz")), 15);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_replace_like_python),
	    cmocka_unit_test(test_splitlines),
	    cmocka_unit_test(test_space_strip_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
