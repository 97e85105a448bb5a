/*
 * Unit tests for shard: I/N as written, and "auto" from a scripted
 * environment: Kubernetes (0-based index), Slurm arrays that start at 0,
 * at 1, elsewhere and with a step, and every missing or inconsistent
 * variable with its exact message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "shard.h"
#include "util.h"

/* The scripted environment: NAME=VALUE strings, NULL-terminated. */
static const char *const *env;

static const char *
lookup(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; env != NULL && env[i] != NULL; i++)
		if (strncmp(env[i], name, n) == 0 && env[i][n] == '=')
			return env[i] + n + 1;
	return NULL;
}

/* Resolve spec under vars; expect shard want_i of want_n. */
static void
expect_shard(
    const char *const *vars, const char *spec, unsigned want_i, unsigned want_n)
{
	unsigned i = 0, n = 0;
	struct buf err;

	env = vars;
	buf_init(&err);
	if (shard_resolve(spec, lookup, &i, &n, &err) != 0)
		fail_msg("%s: %s", spec, err.data);
	assert_int_equal(i, want_i);
	assert_int_equal(n, want_n);
	buf_free(&err);
}

/* Resolve spec under vars; expect this error. */
static void
expect_error(const char *const *vars, const char *spec, const char *want)
{
	unsigned i = 77, n = 77;
	struct buf err;

	env = vars;
	buf_init(&err);
	assert_int_equal(shard_resolve(spec, lookup, &i, &n, &err), -1);
	assert_string_equal(err.data, want);
	assert_int_equal(i, 77); /* untouched on failure */
	assert_int_equal(n, 77);
	buf_free(&err);
}

static void
test_explicit(void **state)
{
	static const char *const k8s[] = {
	    "JOB_COMPLETION_INDEX=3", "NC_SHARDS=9", NULL};

	(void)state;
	expect_shard(NULL, "1/1", 1, 1);
	expect_shard(NULL, "2/4", 2, 4);
	/* Written out, the variables are not read. */
	expect_shard(k8s, "4/4", 4, 4);
	expect_error(NULL, "5/4",
	    "'5/4' is not a shard: I/N with 1 <= I <= N <= 1000000 (like 2/4)");
	expect_error(NULL, "0/4",
	    "'0/4' is not a shard: I/N with 1 <= I <= N <= 1000000 (like 2/4)");
	expect_error(NULL, "Auto",
	    "'Auto' is not a shard: I/N with 1 <= I <= N <= 1000000 (like "
	    "2/4)");
}

static void
test_kubernetes(void **state)
{
	static const char *const first[] = {
	    "JOB_COMPLETION_INDEX=0", "NC_SHARDS=4", NULL};
	static const char *const last[] = {
	    "JOB_COMPLETION_INDEX=3", "NC_SHARDS=4", NULL};
	static const char *const over[] = {
	    "JOB_COMPLETION_INDEX=4", "NC_SHARDS=4", NULL};
	static const char *const nocount[] = {"JOB_COMPLETION_INDEX=1", NULL};
	static const char *const zero[] = {
	    "JOB_COMPLETION_INDEX=0", "NC_SHARDS=0", NULL};
	static const char *const word[] = {
	    "JOB_COMPLETION_INDEX=one", "NC_SHARDS=4", NULL};
	static const char *const empty[] = {
	    "JOB_COMPLETION_INDEX=", "NC_SHARDS=4", NULL};
	static const char *const sign[] = {
	    "JOB_COMPLETION_INDEX=1", "NC_SHARDS=-4", NULL};

	(void)state;
	expect_shard(first, "auto", 1, 4);
	expect_shard(last, "auto", 4, 4);
	expect_error(over, "auto",
	    "JOB_COMPLETION_INDEX=4 is not below NC_SHARDS=4 (the index is "
	    "0-based: NC_SHARDS must be the Job's completions)");
	expect_error(nocount, "auto",
	    "JOB_COMPLETION_INDEX is set but NC_SHARDS is not (Kubernetes "
	    "Indexed Job: set NC_SHARDS to the Job's completions)");
	expect_error(zero, "auto",
	    "NC_SHARDS=0 is not a number of shards (1 to 1000000)");
	expect_error(
	    word, "auto", "JOB_COMPLETION_INDEX='one' is not a number");
	expect_error(empty, "auto", "JOB_COMPLETION_INDEX='' is not a number");
	expect_error(sign, "auto", "NC_SHARDS='-4' is not a number");
}

static void
test_slurm(void **state)
{
	/* --array=0-3 */
	static const char *const from0[] = {"SLURM_ARRAY_TASK_ID=0",
	    "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0",
	    "SLURM_ARRAY_TASK_MAX=3", NULL};
	/* --array=1-4 */
	static const char *const from1[] = {"SLURM_ARRAY_TASK_ID=4",
	    "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=1",
	    "SLURM_ARRAY_TASK_MAX=4", NULL};
	/* --array=100-103, no MAX given */
	static const char *const from100[] = {"SLURM_ARRAY_TASK_ID=101",
	    "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=100", NULL};
	/* --array=0-15:4 is 0, 4, 8, 12 */
	static const char *const step[] = {"SLURM_ARRAY_TASK_ID=8",
	    "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0",
	    "SLURM_ARRAY_TASK_MAX=12", "SLURM_ARRAY_TASK_STEP=4", NULL};
	/* --array=1,3,7 */
	static const char *const list[] = {"SLURM_ARRAY_TASK_ID=3",
	    "SLURM_ARRAY_TASK_COUNT=3", "SLURM_ARRAY_TASK_MIN=1",
	    "SLURM_ARRAY_TASK_MAX=7", NULL};
	static const char *const offstep[] = {"SLURM_ARRAY_TASK_ID=6",
	    "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0",
	    "SLURM_ARRAY_TASK_MAX=12", "SLURM_ARRAY_TASK_STEP=4", NULL};
	static const char *const below[] = {"SLURM_ARRAY_TASK_ID=0",
	    "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=1", NULL};
	static const char *const nomin[] = {
	    "SLURM_ARRAY_TASK_ID=2", "SLURM_ARRAY_TASK_COUNT=4", NULL};
	static const char *const nocount[] = {"SLURM_ARRAY_TASK_ID=2", NULL};
	static const char *const both[] = {"SLURM_ARRAY_TASK_ID=2",
	    "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=1",
	    "JOB_COMPLETION_INDEX=1", "NC_SHARDS=4", NULL};

	(void)state;
	expect_shard(from0, "auto", 1, 4);
	expect_shard(from1, "auto", 4, 4);
	expect_shard(from100, "auto", 2, 4);
	expect_shard(step, "auto", 3, 4);
	expect_error(list, "auto",
	    "the Slurm array is not one range (MIN=1 MAX=7 STEP=1 COUNT=3): "
	    "submit it as --array=1-N or give --shard I/N");
	expect_error(offstep, "auto",
	    "SLURM_ARRAY_TASK_ID=6 is not in the array 0-12:4 of 4 tasks");
	expect_error(below, "auto",
	    "SLURM_ARRAY_TASK_ID=0 is not in the array 1-4:1 of 4 tasks");
	expect_error(nomin, "auto",
	    "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not (a "
	    "Slurm job array sets it)");
	expect_error(nocount, "auto",
	    "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not (a "
	    "Slurm job array sets it)");
	expect_error(both, "auto",
	    "both JOB_COMPLETION_INDEX (Kubernetes) and SLURM_ARRAY_TASK_ID "
	    "(Slurm) are set: give --shard I/N");
}

static void
test_nothing(void **state)
{
	static const char *const parallel[] = {"PARALLEL_SEQ=2", NULL};

	(void)state;
	/* GNU parallel is a recipe (--shard {#}/N), not a source of auto. */
	expect_error(parallel, "auto",
	    "no shard in the environment (Kubernetes: JOB_COMPLETION_INDEX "
	    "and NC_SHARDS; Slurm: SLURM_ARRAY_TASK_ID and "
	    "SLURM_ARRAY_TASK_COUNT); give --shard I/N");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_explicit),
	    cmocka_unit_test(test_kubernetes),
	    cmocka_unit_test(test_slurm),
	    cmocka_unit_test(test_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
