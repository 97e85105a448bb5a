/* Unit tests for output byte hygiene (escape.c): UTF-8 repair, escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "escape.h"
#include "util.h"

static void
check_utf8(const char *in, size_t n, const char *want, size_t wantlen)
{
	struct buf b;

	buf_init(&b);
	escape_utf8(&b, in, n);
	assert_int_equal(b.len, wantlen);
	assert_memory_equal(b.data, want, wantlen);
	buf_free(&b);
}

static void
test_utf8_valid_kept(void **state)
{
	(void)state;
	check_utf8("plain", 5, "plain", 5);
	/* Cyrillic, a 3-byte char and a 4-byte emoji stay as they are. */
	check_utf8("\xd0\x9f\xe2\x82\xac\xf0\x9f\x98\x80", 9,
	    "\xd0\x9f\xe2\x82\xac\xf0\x9f\x98\x80", 9);
	/* NUL is valid UTF-8 and is kept (JSON escapes it). */
	check_utf8("a\0b", 3, "a\0b", 3);
}

static void
test_utf8_invalid_replaced(void **state)
{
	(void)state;
	/* A lone continuation byte, a truncated sequence, a bare 0xff. */
	check_utf8("a\x80z", 3, "a\xef\xbf\xbdz", 5);
	check_utf8("\xe2\x82", 2, "\xef\xbf\xbd\xef\xbf\xbd", 6);
	check_utf8("\xff", 1, "\xef\xbf\xbd", 3);
	/* Overlong encoding of '/' and a UTF-16 surrogate are invalid. */
	check_utf8("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd", 6);
	check_utf8(
	    "\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 9);
}

static void
test_tty_escape(void **state)
{
	struct buf b;
	const char in[] = "ok\tline\n\x1b[2J\rX\x7f";

	(void)state;
	buf_init(&b);
	escape_tty(&b, in, sizeof(in) - 1);
	assert_string_equal(b.data, "ok\tline\n\\x1b[2J\\x0dX\\x7f");
	buf_free(&b);

	/* 8-bit controls: a raw CSI byte, and CSI as UTF-8 (U+009B). */
	buf_init(&b);
	escape_tty(&b,
	    "a\x9b"
	    "2Jb\xc2\x9b"
	    "2J",
	    9);
	assert_string_equal(b.data, "a\\x9b2Jb\\xc2\\x9b2J");
	buf_free(&b);

	/* Printable UTF-8 stays readable: "Привет é". */
	buf_init(&b);
	escape_tty(&b, "\xd0\x9f\xd1\x80\xd0\xb8 \xc3\xa9", 9);
	assert_string_equal(b.data, "\xd0\x9f\xd1\x80\xd0\xb8 \xc3\xa9");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_valid_kept),
	    cmocka_unit_test(test_utf8_invalid_replaced),
	    cmocka_unit_test(test_tty_escape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
