/* Unit tests for postproc: the --pipe command runner. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "postproc.h"
#include "util.h"

static int
run(const char *cmd, char *const *env, const char *in, int64_t ms,
    struct buf *out, char *why)
{
	buf_init(out);
	return postproc_run(cmd, env, in, strlen(in),
	    mono_ns() + ms * NS_PER_MS, 0, out, why, 256);
}

static void
test_stdin_to_stdout(void **state)
{
	struct buf out;
	char why[256];

	(void)state;
	assert_int_equal(
	    run("tr a-z A-Z", NULL, "show clock\n", 5000, &out, why), 0);
	assert_string_equal(out.data, "SHOW CLOCK\n");
	buf_free(&out);
}

static void
test_env_not_command_string(void **state)
{
	char *env[] = {"NC_DEVICE=$(touch /tmp/nc-pwned); R1", NULL};
	struct buf out;
	char why[256];

	(void)state;
	/* Device data reaches the command only as a variable's value. */
	assert_int_equal(
	    run("printf '%s' \"$NC_DEVICE\"", env, "", 5000, &out, why), 0);
	assert_string_equal(out.data, "$(touch /tmp/nc-pwned); R1");
	buf_free(&out);
}

static void
test_failure_last_stderr_line(void **state)
{
	struct buf out;
	char why[256];

	(void)state;
	assert_int_equal(run("echo first >&2; echo 'parse error' >&2; exit 3",
			     NULL, "x", 5000, &out, why),
	    -1);
	assert_string_equal(why, "exited 3: parse error");
	buf_free(&out);
}

static void
test_timeout_kills(void **state)
{
	struct buf out;
	char why[256];
	int64_t t0 = mono_ns();

	(void)state;
	assert_int_equal(run("exec sleep 30", NULL, "", 200, &out, why), -1);
	assert_string_equal(why, "--pipe command timed out");
	assert_true(mono_ns() - t0 < 5 * NS_PER_SEC);
	buf_free(&out);
}

static void
test_big_input_no_deadlock(void **state)
{
	size_t n = 4 << 20;
	char *in = xmalloc(n + 1);
	struct buf out;
	char why[256];

	(void)state;
	memset(in, 'x', n);
	in[n] = '\0';
	/* cat writes while we still write: the poll loop must pump both. */
	assert_int_equal(run("cat", NULL, in, 20000, &out, why), 0);
	assert_int_equal(out.len, n);
	free(in);
	buf_free(&out);
}

/*
 * Whatever the caller ignores or blocks (netcollect ignores SIGPIPE,
 * worker threads block every signal), the command starts with default
 * dispositions and an empty mask.
 */
static void
test_signals_default(void **state)
{
	struct sigaction ign = {.sa_handler = SIG_IGN}, old_pipe, old_term;
	unsigned long long blocked, ignored;
	sigset_t all, old;
	struct buf out;
	char why[256];

	(void)state;
	sigaction(SIGPIPE, &ign, &old_pipe);
	sigaction(SIGTERM, &ign, &old_term);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	assert_int_equal(run("exec grep -E '^Sig(Ign|Blk)' /proc/self/status",
			     NULL, "", 5000, &out, why),
	    0);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	assert_int_equal(sscanf(out.data, "SigBlk:\t%llx\nSigIgn:\t%llx\n",
			     &blocked, &ignored),
	    2);
	assert_int_equal(blocked, 0);
	/*
	 * Bits 0-30 are signals 1-31 (SIGPIPE is bit 12). glibc's
	 * posix_spawn() leaves its two internal real-time signals (32, 33)
	 * ignored in every child, whatever the attributes ask.
	 */
	assert_int_equal(ignored & 0x7fffffffu, 0);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stdin_to_stdout),
	    cmocka_unit_test(test_env_not_command_string),
	    cmocka_unit_test(test_failure_last_stderr_line),
	    cmocka_unit_test(test_timeout_kills),
	    cmocka_unit_test(test_big_input_no_deadlock),
	    cmocka_unit_test(test_signals_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
