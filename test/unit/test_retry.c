/*
 * Unit tests for retry: exactly the kinds a new connection may cure are
 * retried, waits double from the base and stop at the cap, their sum,
 * and a pause lasts at least its time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "retry.h"
#include "util.h"

static void
test_kinds(void **state)
{
	size_t k, n = 0;

	(void)state;
	assert_true(retry_may_help(ERR_REFUSED));
	assert_true(retry_may_help(ERR_CONNECT_TIMEOUT));
	assert_true(retry_may_help(ERR_CLOSED));
	assert_true(retry_may_help(ERR_TIMEOUT));
	assert_true(retry_may_help(ERR_DNS));
	assert_false(retry_may_help(ERR_AUTH));
	assert_false(retry_may_help(ERR_HOSTKEY_UNKNOWN));
	assert_false(retry_may_help(ERR_HOSTKEY_CHANGED));
	assert_false(retry_may_help(ERR_DEVICE_ERROR));
	assert_false(retry_may_help(ERR_NONE));
	for (k = 0; k < ERR_KIND_COUNT; k++)
		n += retry_may_help((enum err_kind)k) != 0;
	assert_int_equal(n, 5);
}

static void
test_waits(void **state)
{
	(void)state;
	assert_int_equal(retry_wait_ms(1000, 1), 1000);
	assert_int_equal(retry_wait_ms(1000, 2), 2000);
	assert_int_equal(retry_wait_ms(1000, 3), 4000);
	assert_int_equal(retry_wait_ms(1000, 7), 60000);
	assert_int_equal(retry_wait_ms(1000, 100), RETRY_MAX_WAIT_MS);
	assert_int_equal(retry_wait_ms(90000, 1), RETRY_MAX_WAIT_MS);
	assert_int_equal(retry_wait_ms(250, 3), 1000);
	assert_int_equal(retry_total_wait_ms(1000, 0), 0);
	assert_int_equal(retry_total_wait_ms(1000, 3), 7000);
	assert_int_equal(retry_total_wait_ms(1000, RETRY_MAX),
	    1000 + 2000 + 4000 + 8000 + 16000 + 32000 + 60000 * 94);
}

static void
test_pause(void **state)
{
	int64_t t0 = mono_ns();

	(void)state;
	retry_pause(30);
	assert_true(mono_ns() - t0 >= 30 * NS_PER_MS);
	t0 = mono_ns();
	retry_pause(0);
	assert_true(mono_ns() - t0 < 1000 * NS_PER_MS);
}

static void
expect_notice(
    const char *device, const char *msg, int64_t wait_ms, const char *want)
{
	struct buf b;

	buf_init(&b);
	retry_notice(&b, device, ERR_REFUSED, msg, 1, 3, wait_ms);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

/* The stderr line: kind, cause, attempt of all, the wait in seconds. */
static void
test_notice(void **state)
{
	(void)state;
	expect_notice("R3", "connection refused", 1000,
	    "R3: refused: connection refused (attempt 1 of 3); retrying in "
	    "1.0 s");
	expect_notice("R3", "x", 50,
	    "R3: refused: x (attempt 1 of 3); "
	    "retrying in 0.05 s");
	expect_notice("R3", "x", 60000,
	    "R3: refused: x (attempt 1 of 3); "
	    "retrying in 60.0 s");
	expect_notice("R3", "x", 1125,
	    "R3: refused: x (attempt 1 of 3); "
	    "retrying in 1.125 s");
	/* A device's name and message cannot rewrite the terminal. */
	expect_notice("R\0333", "a\nb", 2000,
	    "R\\x1b3: refused: a\\x0ab (attempt 1 of 3); retrying in 2.0 s");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_waits),
	    cmocka_unit_test(test_pause),
	    cmocka_unit_test(test_notice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
