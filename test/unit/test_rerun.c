/*
 * Unit tests for rerun: the failed devices of a jsonl file, a device's
 * last record counting, blank lines skipped, a run directory read through
 * its results.jsonl, the exact errors for a bad line, a missing and an
 * empty file, and the failed devices the inventory lacks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "rerun.h"
#include "util.h"

static char dir[] = "/tmp/nc-rerun-XXXXXX";

static char *
write_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void
test_failed(void **state)
{
	struct buf err;
	struct rerun *rr;
	char *path;

	(void)state;
	buf_init(&err);
	path = write_file("run.jsonl",
	    "{\"device\":\"R1\",\"ok\":true,\"outputs\":[]}\n"
	    "{\"device\":\"R2\",\"ok\":false}\n"
	    "\n"
	    "{\"device\":\"R3\",\"ok\":false}\n"
	    "{\"device\":\"R4\",\"ok\":false}\r\n"
	    "{\"device\":\"R3\",\"ok\":true}\n"
	    "{\"device\":\"R1\",\"ok\":false}\n");
	rr = rerun_load(path, &err);
	assert_non_null(rr);
	assert_int_equal(err.len, 0);
	assert_int_equal(rerun_count(rr), 3);
	assert_true(rerun_failed(rr, "R1"));
	assert_true(rerun_failed(rr, "R2"));
	assert_false(rerun_failed(rr, "R3"));
	assert_true(rerun_failed(rr, "R4"));
	assert_false(rerun_failed(rr, "R5"));
	assert_false(rerun_failed(rr, ""));
	rerun_free(rr);
	free(path);
	buf_free(&err);
}

static void
test_run_dir(void **state)
{
	struct buf err;
	struct rerun *rr;
	char *sub = xasprintf("%s/run", dir), *path;

	(void)state;
	buf_init(&err);
	assert_int_equal(mkdir(sub, 0700), 0);
	path = write_file(
	    "run/results.jsonl", "{\"device\":\"X\",\"ok\":false}\n");
	rr = rerun_load(sub, &err);
	assert_non_null(rr);
	assert_true(rerun_failed(rr, "X"));
	assert_int_equal(rerun_count(rr), 1);
	rerun_free(rr);
	free(path);
	free(sub);
	buf_free(&err);
}

static void
test_errors(void **state)
{
	struct buf err;
	char *path, *want;

	(void)state;
	buf_init(&err);
	path = write_file("bad.jsonl",
	    "{\"device\":\"R1\",\"ok\":false}\n{\"device\":\"R2\"}\n");
	assert_null(rerun_load(path, &err));
	want = xasprintf("--rerun-failed: %s:2: not a netcollect result (jsonl "
			 "of --format jsonl, or a --run-dir run)",
	    path);
	assert_string_equal(err.data, want);
	free(want);
	free(path);
	buf_free(&err);
	buf_init(&err);
	path = xasprintf("%s/none.jsonl", dir);
	assert_null(rerun_load(path, &err));
	want = xasprintf("--rerun-failed: %s: No such file or directory", path);
	assert_string_equal(err.data, want);
	free(want);
	free(path);
	buf_free(&err);
}

/* An empty file, and a line whose bad bytes jansson quotes. */
static void
test_empty_and_escaped(void **state)
{
	struct buf err;
	char *path, *want;

	(void)state;
	buf_init(&err);
	path = write_file("empty.jsonl", "\n\n");
	assert_null(rerun_load(path, &err));
	want = xasprintf(
	    "--rerun-failed: %s: empty: no results of an earlier run", path);
	assert_string_equal(err.data, want);
	free(want);
	free(path);
	buf_reset(&err);
	path = write_file("esc.jsonl", "\033]0;x\n");
	assert_null(rerun_load(path, &err));
	assert_null(strchr(err.data, '\033'));
	assert_non_null(strstr(err.data, "\\x1b"));
	free(path);
	buf_free(&err);
}

/* The failed devices no rerun_mark() named, compressed. */
static void
test_unknown(void **state)
{
	struct buf err, b;
	struct rerun *rr;
	char *path;

	(void)state;
	buf_init(&err);
	buf_init(&b);
	path = write_file("unknown.jsonl",
	    "{\"device\":\"R1\",\"ok\":false}\n"
	    "{\"device\":\"R7\",\"ok\":false}\n"
	    "{\"device\":\"R8\",\"ok\":false}\n"
	    "{\"device\":\"R9\",\"ok\":true}\n"
	    "{\"device\":\"s\\u001bw\",\"ok\":false}\n");
	rr = rerun_load(path, &err);
	assert_non_null(rr);
	rerun_mark(rr, "R1");
	rerun_mark(rr, "R2");
	assert_int_equal(rerun_unknown(rr, &b), 3);
	assert_string_equal(b.data, "R[7-8],s\\x1bw");
	rerun_mark(rr, "R7");
	rerun_mark(rr, "R8");
	rerun_mark(rr, "s\033w");
	buf_reset(&b);
	assert_int_equal(rerun_unknown(rr, &b), 0);
	assert_int_equal(b.len, 0);
	rerun_free(rr);
	free(path);
	buf_free(&b);
	buf_free(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_failed),
	    cmocka_unit_test(test_run_dir),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_empty_and_escaped),
	    cmocka_unit_test(test_unknown),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
