/* Unit tests for util: deadlines, the byte buffer, secret wiping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"

static void
test_deadline_poll_ms(void **state)
{
	(void)state;
	assert_int_equal(deadline_poll_ms(0), -1);
	assert_int_equal(deadline_poll_ms(mono_ns() - NS_PER_SEC), 0);
	int ms = deadline_poll_ms(mono_ns() + 5 * NS_PER_SEC);
	assert_true(ms > 4900 && ms <= 5000);
	/* Rounded up: 1 ns left still waits 1 ms, never busy-loops at 0. */
	assert_int_equal(deadline_poll_ms(mono_ns() + NS_PER_MS / 2) >= 0, 1);
}

static void
test_deadline_min(void **state)
{
	(void)state;
	assert_int_equal(deadline_min(0, 5), 5);
	assert_int_equal(deadline_min(7, 0), 7);
	assert_int_equal(deadline_min(7, 5), 5);
	assert_int_equal(deadline_min(0, 0), 0);
}

static void
test_buf(void **state)
{
	struct buf b;
	size_t len;
	char *s;
	int i;

	(void)state;
	buf_init(&b);
	buf_append(&b, "abc", 3);
	buf_appendf(&b, "-%d-", 42);
	assert_int_equal(b.len, 7);
	assert_string_equal(b.data, "abc-42-");
	buf_consume(&b, 2);
	assert_string_equal(b.data, "c-42-");
	for (i = 0; i < 10000; i++)
		buf_append(&b, "x", 1);
	assert_int_equal(b.len, 10005);
	assert_int_equal(b.data[b.len], '\0');
	s = buf_steal(&b, &len);
	assert_int_equal(len, 10005);
	assert_null(b.data);
	free(s);
	/* An empty buffer still steals as an empty string. */
	s = buf_steal(&b, &len);
	assert_int_equal(len, 0);
	assert_string_equal(s, "");
	free(s);
	buf_free(&b);
}

static void
test_secure_zero(void **state)
{
	char pw[] = "s3cret";

	(void)state;
	secure_zero(pw, sizeof(pw) - 1);
	assert_memory_equal(pw, "\0\0\0\0\0\0", 6);
}

/* Counts and sizes, as --jobs, --keep and --max-output take them. */
static void
test_parse_count_size(void **state)
{
	long n = 0;
	size_t sz = 0;

	(void)state;
	assert_int_equal(parse_count("32", 1, 100, &n), 0);
	assert_int_equal(n, 32);
	assert_int_equal(parse_count("100", 1, 100, &n), 0);
	assert_int_equal(parse_count("101", 1, 100, &n), -1);
	assert_int_equal(parse_count("0", 0, 100, &n), -1);
	assert_int_equal(parse_count("08", 1, 100, &n), -1);
	assert_int_equal(parse_count("+5", 1, 100, &n), -1);
	assert_int_equal(parse_count("5k", 1, 100, &n), -1);
	assert_int_equal(parse_count("", 1, 100, &n), -1);
	assert_int_equal(parse_count("99999999999999999999", 1, 100, &n), -1);
	assert_int_equal(n, 100);

	assert_int_equal(parse_size("4096", &sz), 0);
	assert_int_equal(sz, 4096);
	assert_int_equal(parse_size("10k", &sz), 0);
	assert_int_equal(sz, 10240);
	assert_int_equal(parse_size("256MiB", &sz), 0);
	assert_int_equal(sz, (size_t)256 << 20);
	assert_int_equal(parse_size("1GB", &sz), 0);
	assert_int_equal(sz, (size_t)1 << 30);
	assert_int_equal(parse_size("64G", &sz), 0);
	assert_int_equal(parse_size("65G", &sz), -1);
	assert_int_equal(parse_size("1T", &sz), -1);
	assert_int_equal(parse_size("1kiBx", &sz), -1);
	assert_int_equal(parse_size("0", &sz), -1);
	assert_int_equal(parse_size("k", &sz), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_deadline_poll_ms),
	    cmocka_unit_test(test_deadline_min),
	    cmocka_unit_test(test_buf),
	    cmocka_unit_test(test_secure_zero),
	    cmocka_unit_test(test_parse_count_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
