/*
 * test_log: what log.c writes on stderr. A line logged over a progress
 * line (log_partial_line) erases it first; the next line does not.
 */
#include <sys/mman.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "log.h"

/* What fn wrote on stderr, into got (size n). */
static void
capture_stderr(void (*fn)(void), char *got, size_t n)
{
	ssize_t len;
	int fd, saved;

	assert_true((fd = memfd_create("stderr", MFD_CLOEXEC)) != -1);
	assert_true((saved = dup(STDERR_FILENO)) != -1);
	assert_int_equal(dup2(fd, STDERR_FILENO), STDERR_FILENO);
	fn();
	assert_int_equal(dup2(saved, STDERR_FILENO), STDERR_FILENO);
	close(saved);
	len = pread(fd, got, n - 1, 0);
	close(fd);
	assert_true(len >= 0);
	got[len] = '\0';
}

static void
over_progress(void)
{
	log_set_level(LOG_WARN);
	log_partial_line();
	log_warn("R3: retrying in %.1f s", 1.0);
	log_warn("next");
	log_info("not shown at LOG_WARN");
}

static void
test_erases_progress_line_once(void **state)
{
	char got[256];

	(void)state;
	capture_stderr(over_progress, got, sizeof(got));
	assert_string_equal(got,
	    "\r\033[Knetcollect: R3: retrying in 1.0 s\n"
	    "netcollect: next\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_erases_progress_line_once),
	};

	log_set_progname("netcollect");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
