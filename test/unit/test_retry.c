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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_waits),
	    cmocka_unit_test(test_pause),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
