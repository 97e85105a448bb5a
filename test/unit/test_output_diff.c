/*
 * Unit tests for the diff and group sinks: diff_unified() against hunks
 * GNU diff -u prints for the same inputs (written out here), skipped
 * lines, a large input within the cost bound; group_build()'s groups,
 * order and compressed names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diff.h"
#include "group.h"
#include "util.h"

static void
check(const char *a, const char *b, size_t ctx, const char *want, size_t edits)
{
	struct diff_opts o = {.context = ctx};
	struct buf out;

	buf_init(&out);
	assert_int_equal(
	    diff_unified(&out, a, strlen(a), b, strlen(b), &o), edits);
	buf_append(&out, "", 1);
	assert_string_equal(out.data, want);
	buf_free(&out);
}

static void
test_diff_gnu_cases(void **state)
{
	(void)state;
	check("a\nb\nc\n", "a\nb\nc\n", 3, "", 0);
	check("", "x\ny\n", 3, "@@ -0,0 +1,2 @@\n+x\n+y\n", 2);
	check("x\n", "", 3, "@@ -1 +0,0 @@\n-x\n", 1);
	check("a\nb", "a\nb\n", 3,
	    "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n", 2);
	check("1\n2\n3\n", "1\n3\n", 0, "@@ -2 +1,0 @@\n-2\n", 1);
	/* Two changes 7 lines apart: two hunks with -U3, one with -U4. */
	check("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n",
	    "A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n", 3,
	    "@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n"
	    "@@ -7,4 +7,4 @@\n g\n h\n i\n-j\n+J\n",
	    4);
	check("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n",
	    "A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n", 4,
	    "@@ -1,10 +1,10 @@\n-a\n+A\n b\n c\n d\n e\n f\n g\n h\n i\n-j\n"
	    "+J\n",
	    4);
	/* A shortest script: one line moved is one delete, one insert. */
	check("a\nb\nc\nd\n", "b\nc\nd\na\n", 3,
	    "@@ -1,4 +1,4 @@\n-a\n b\n c\n d\n+a\n", 2);
}

static int
skip_hash(void *arg, const char *line, size_t len)
{
	(void)arg;
	return len > 0 && line[0] == '#';
}

static void
test_diff_skip(void **state)
{
	struct diff_opts o = {.context = 3, .skip = skip_hash};
	const char *a = "# uptime 1\nx\n", *b = "# uptime 2\nx\n";
	struct buf out;

	(void)state;
	buf_init(&out);
	assert_int_equal(diff_unified(&out, a, strlen(a), b, strlen(b), &o), 0);
	assert_int_equal(out.len, 0);
	buf_free(&out);
}

/* 20,000 lines all different: bounded by MAX_D, still a correct diff. */
static void
test_diff_large(void **state)
{
	struct diff_opts o = {.context = 3};
	struct buf a, b, out;
	size_t minus = 0, plus = 0;

	(void)state;
	buf_init(&a);
	buf_init(&b);
	for (int i = 0; i < 20000; i++) {
		buf_appendf(&a, "a%d\n", i);
		buf_appendf(&b, "b%d\n", i);
	}
	buf_init(&out);
	assert_int_equal(
	    diff_unified(&out, a.data, a.len, b.data, b.len, &o), 40000);
	buf_append(&out, "", 1);
	for (char *p = out.data; p != NULL && *p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		minus += *p == '-';
		plus += *p == '+';
	}
	assert_int_equal(minus, 20000);
	assert_int_equal(plus, 20000);
	buf_free(&a);
	buf_free(&b);
	buf_free(&out);
}

static struct result *
res(size_t index, const char *const *outs, size_t n)
{
	struct result *r = result_new(index);

	for (size_t i = 0; i < n; i++) {
		struct cmd_output *c = result_output(r, i);

		c->output = xstrdup(outs[i]);
		c->len = strlen(outs[i]);
		c->complete = 1;
	}
	return r;
}

static void
test_group_build(void **state)
{
	char *names[] = {"R1", "R2", "R3", "R4", "sw1"};
	char *cmds[] = {"show a", "show b"};
	struct device devs[5] = {{0}};
	struct inventory inv = {.devices = devs, .ndevices = 5};
	struct config cfg = {.commands = cmds, .ncommands = 2};
	const char *x[] = {"x", "same"}, *y[] = {"y", "same"};
	struct result *rs[5];
	struct group *g;
	size_t n;

	(void)state;
	for (int i = 0; i < 5; i++)
		devs[i].name = names[i];
	rs[0] = res(0, x, 2);
	rs[1] = res(1, y, 2);
	rs[2] = res(2, y, 2);
	rs[3] = NULL; /* no result */
	rs[4] = res(4, x, 1);
	g = group_build(rs, &cfg, &inv, &n);
	/* Equal sizes: the group of the earlier device first. */
	assert_int_equal(n, 3);
	assert_string_equal(g[0].command, "show a");
	assert_string_equal(g[0].names, "R1,sw1");
	assert_string_equal(g[0].output, "x");
	assert_int_equal(g[0].ndevices, 2);
	assert_int_equal(g[0].devices[1], 4);
	assert_string_equal(g[1].names, "R[2-3]");
	assert_string_equal(g[1].output, "y");
	assert_string_equal(g[2].command, "show b");
	assert_string_equal(g[2].names, "R[1-3]");
	assert_int_equal(g[2].ndevices, 3);
	group_free(g, n);
	for (int i = 0; i < 5; i++)
		result_free(rs[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_diff_gnu_cases),
	    cmocka_unit_test(test_diff_skip),
	    cmocka_unit_test(test_diff_large),
	    cmocka_unit_test(test_group_build),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
