/*
 * Unit tests for clitable: the index read as texttable.CsvToTable reads it
 * (header, comments, rows of the wrong width dropped), Command completion,
 * re.match semantics (a prefix match) with the first matching row winning,
 * errors naming the index line, templates cached, merges on Key values or
 * by row, and cells stringified as CliTable does (None, Python repr() of
 * mappings). Each in a fresh temp directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "clitable.h"
#include "util.h"

#include "tempdir_fixture.h"

static int
setup(void **state)
{
	struct tempdir *f = tempdir_new("test_clitable");

	if (f == NULL)
		return -1;
	tempdir_put(f, "a.textfsm",
	    "Value Key NAME ([^,\\s]+)\nValue PID (\\w+)\n\nStart\n"
	    "  ^NAME: ${NAME}, PID: ${PID} -> Record\n");
	tempdir_put(f, "b.textfsm",
	    "Value Key NAME ([^,\\s]+)\nValue SN (\\w+)\n\nStart\n"
	    "  ^NAME: ${NAME}.*SN: ${SN} -> Record\n");
	tempdir_put(f, "pos.textfsm",
	    "Value SN (\\w+)\n\nStart\n  ^.*SN: ${SN} -> Record\n");
	tempdir_put(f, "nokey.textfsm",
	    "Value NAME ([^,\\s]+)\n\nStart\n  ^NAME: ${NAME}, -> Record\n");
	tempdir_put(f, "list.textfsm",
	    "Value List P ((?P<k>[a-z]+)=(?P<v>\\S+)|(?P<o>[A-Z]+))\n"
	    "Value List Q ((\\d)|(x))\n\nStart\n  ^p ${P}\n  ^q ${Q}\n");
	*state = f;
	return 0;
}

static struct clitable *
open_index(const struct tempdir *f, const char *index)
{
	struct clitable *ct;
	char err[512];

	tempdir_put(f, "index", index);
	ct = clitable_open(f->dir, err, sizeof(err));
	if (ct == NULL)
		fail_msg("%s", err);
	return ct;
}

/* The Template field of the row for (platform, command), or "-". */
static const char *
lookup(struct clitable *ct, const char *platform, const char *command)
{
	const struct clitable_entry *e;
	char err[512];
	int rc;

	rc = clitable_lookup(ct, platform, command, &e, err, sizeof(err));
	if (rc < 0)
		fail_msg("%s", err);
	return rc == 0 ? "-" : clitable_entry_templates(e);
}

static char *
parse(struct clitable *ct, const char *platform, const char *command,
    const char *text)
{
	const struct clitable_entry *e;
	struct tfsm_table tab;
	char err[512], *s;
	json_t *j;

	assert_int_equal(
	    clitable_lookup(ct, platform, command, &e, err, sizeof(err)), 1);
	tfsm_table_init(&tab);
	if (clitable_parse(e, text, strlen(text), &tab, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	j = tfsm_table_json(&tab, TFSM_JSON_LOWER);
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	tfsm_table_free(&tab);
	return s;
}

static void
test_index_rows_and_lookup(void **state)
{
	struct clitable *ct;

	ct = open_index(*state,
	    "# comment\n\n  Template, Hostname, Platform, Command # inline\n"
	    "a.textfsm, .*, os_a, sh[[ow]] inv[[entory]] det[[ail]]\n"
	    "b.textfsm, .*, os_a, sh[[ow]] inv[[entory]]\n"
	    "# b.textfsm, .*, os_b, show inventory\n"
	    "pos.textfsm, .*, os_a\n"
	    "pos.textfsm, , os_b, , extra\n"
	    "pos.textfsm, , os_b, sh[[ow]] x[[yz]]\n"
	    "nokey.textfsm, , , show any\n");
	/* Completion, longest row first by the index's own order. */
	assert_string_equal(
	    lookup(ct, "os_a", "show inventory detail"), "a.textfsm");
	assert_string_equal(lookup(ct, "os_a", "sh inv det"), "a.textfsm");
	assert_string_equal(lookup(ct, "os_a", "sh inv"), "b.textfsm");
	assert_string_equal(lookup(ct, "os_a", "show inventor"), "b.textfsm");
	/* re.match: the fields match a prefix of the attribute. */
	assert_string_equal(
	    lookup(ct, "os_a_ssh", "show inventory xyz"), "b.textfsm");
	assert_string_equal(lookup(ct, "os_b", "show xy"), "pos.textfsm");
	assert_string_equal(lookup(ct, "os_b", "sh inventory"), "-");
	/* An empty field matches anything. */
	assert_string_equal(
	    lookup(ct, "whatever", "show any"), "nokey.textfsm");
	assert_string_equal(lookup(ct, "os_c", "show version"), "-");
	clitable_free(ct);
}

static void
test_index_errors(void **state)
{
	const struct tempdir *f = *state;
	const struct clitable_entry *e;
	struct clitable *ct;
	char err[512], *want;

	tempdir_put(f, "index", "Name, Platform, Command\nx, y, z\n");
	assert_null(clitable_open(f->dir, err, sizeof(err)));
	want =
	    xasprintf("%s/index:1: the index has no 'Template' column", f->dir);
	assert_string_equal(err, want);
	free(want);

	tempdir_put(f, "index", "# only comments\n\n");
	assert_null(clitable_open(f->dir, err, sizeof(err)));
	want = xasprintf("%s/index: no header line", f->dir);
	assert_string_equal(err, want);
	free(want);

	ct = open_index(f,
	    "Template, Platform, Command\n"
	    "a.textfsm, os_a, sh[[ow]] (x\n"
	    "missing.textfsm, os_b, show\n");
	assert_int_equal(
	    clitable_lookup(ct, "os_a", "show x", &e, err, sizeof(err)), -1);
	want = xasprintf("%s/index:2: invalid regular expression "
			 "'sh(o(w)?)? (x': missing ), unterminated subpattern",
	    f->dir);
	assert_string_equal(err, want);
	free(want);
	assert_int_equal(
	    clitable_lookup(ct, "os_b", "show", &e, err, sizeof(err)), -1);
	want =
	    xasprintf("%s/missing.textfsm: No such file or directory", f->dir);
	assert_string_equal(err, want);
	free(want);
	clitable_free(ct);
}

static void
test_merge_and_stringify(void **state)
{
	static const char inv[] = "NAME: ch, PID: C1, SN: S1\n"
				  "NAME: fan, PID: F1, SN: S2\n";
	struct clitable *ct;
	char *got;

	ct = open_index(*state,
	    "Template, Platform, Command\n"
	    "a.textfsm:b.textfsm, os, keys\n"
	    "nokey.textfsm:pos.textfsm, os, rows\n"
	    "nokey.textfsm:b.textfsm, os, late\n"
	    "list.textfsm, os, list\n");
	/* Key NAME: b's SN goes on a's row with the same NAME. */
	got = parse(ct, "os", "keys",
	    "NAME: fan, SN: S2\n"
	    "NAME: ch, PID: C1\n"
	    "NAME: fan, PID: F1\nNAME: ch, SN: S1\n");
	assert_string_equal(got,
	    "[{\"name\":\"ch\",\"pid\":\"C1\",\"sn\":\"S1\"},"
	    "{\"name\":\"fan\",\"pid\":\"F1\",\"sn\":\"S2\"}]");
	free(got);
	/* No Key anywhere: row by row. */
	got = parse(ct, "os", "rows", inv);
	assert_string_equal(got,
	    "[{\"name\":\"ch\",\"sn\":\"S1\"},"
	    "{\"name\":\"fan\",\"sn\":\"S2\"}]");
	free(got);
	/* The first template has no Key: the second's Keys are used. */
	got = parse(ct, "os", "late", inv);
	assert_string_equal(got,
	    "[{\"name\":\"ch\",\"sn\":\"S1\"},"
	    "{\"name\":\"fan\",\"sn\":\"S2\"}]");
	free(got);
	/* Lists of strings; None is "None", a mapping its repr(). */
	got = parse(ct, "os", "list", "p a=it's\np B\nq 1\nq x\n");
	assert_string_equal(got,
	    "[{\"p\":[\"{'k': 'a', 'v': \\\"it's\\\", 'o': None}\","
	    "\"{'k': None, 'v': None, 'o': 'B'}\"],\"q\":[\"1\",\"x\"]}]");
	free(got);
	clitable_free(ct);
}

static void
check_repr(const char *in, const char *want)
{
	char *got = clitable_py_repr(in, strlen(in));

	assert_string_equal(got, want);
	free(got);
}

static void
test_py_repr(void **state)
{
	(void)state;
	check_repr("abc", "'abc'");
	check_repr("it's", "\"it's\"");
	check_repr("say \"hi\"", "'say \"hi\"'");
	check_repr("both ' and \"", "'both \\' and \"'");
	check_repr("back\\slash", "'back\\\\slash'");
	check_repr("tab\tnl\ncr\r", "'tab\\tnl\\ncr\\r'");
	check_repr("\x01\x7f", "'\\x01\\x7f'");
	check_repr("caf\xc3\xa9", "'caf\xc3\xa9'");
	check_repr("\xc2\xa0\xc2\xad\xe2\x80\xa8\xef\xbb\xbf",
	    "'\\xa0\\xad\\u2028\\ufeff'");
	check_repr("\xf0\x9f\x98\x80", "'\xf0\x9f\x98\x80'");
	check_repr("\xf3\xa0\x80\x81", "'\\U000e0001'");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_index_rows_and_lookup, setup, tempdir_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_errors, setup, tempdir_teardown),
	    cmocka_unit_test_setup_teardown(
		test_merge_and_stringify, setup, tempdir_teardown),
	    cmocka_unit_test(test_py_repr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
