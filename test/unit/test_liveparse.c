/*
 * Unit tests for liveparse and rowtext: which parser a (device_type,
 * command) pair gets (--template CMD=FILE, then --template FILE, then the
 * index, else none), the plan made once with a device count per pair,
 * the notes for commands without a template, an index template that does
 * not compile becoming a parse error, the directory Netmiko would use,
 * --parsed-only's drop, the rows in json, and the text table of rows.
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

#include "jsonout.h"
#include "liveparse.h"
#include "rowtext.h"
#include "util.h"

#include "tempdir_fixture.h"

static int
setup(void **state)
{
	struct tempdir *f = tempdir_new("test_liveparse");

	if (f == NULL)
		return -1;
	tempdir_put(f, "index",
	    "Template, Hostname, Platform, Command\n\n"
	    "idx.textfsm, .*, cisco_ios, sh[[ow]] cl[[ock]]\n"
	    "broken.textfsm, .*, cisco_ios, sh[[ow]] bad\n");
	tempdir_put(
	    f, "idx.textfsm", "Value A (\\S+)\n\nStart\n  ^${A} -> Record\n");
	tempdir_put(f, "broken.textfsm", "Value A (\\S+\n\nStart\n  ^${A}\n");
	tempdir_put(
	    f, "all.textfsm", "Value ALL (.+)\n\nStart\n  ^${ALL} -> Record\n");
	tempdir_put(f, "one.textfsm",
	    "Value First (\\S+)\n\nStart\n  ^${First} -> Record\n");
	*state = f;
	return 0;
}

static const char *
run(const struct liveparse *lp, const char *plat, const char *cmd,
    const char *text, enum liveparse_status want)
{
	static char out[2048];
	char err[512] = "";
	struct buf b;

	buf_init(&b);
	assert_int_equal(liveparse_run(lp, plat, cmd, text, strlen(text), &b,
			     err, sizeof(err)),
	    want);
	snprintf(out, sizeof(out), "%s",
	    want == LIVEPARSE_ERROR ? err : (b.data ? b.data : ""));
	buf_free(&b);
	return out;
}

static void
test_precedence_and_plan(void **state)
{
	struct tempdir *f = *state;
	char *all = xasprintf("%s/all.textfsm", f->dir);
	char *one = xasprintf("show version=%s/one.textfsm", f->dir);
	char *specs[] = {all, one}, *cmds[] = {"show clock", "show version"};
	char *mine[] = {"show bad"};
	char *unused = xasprintf("show clok=%s/one.textfsm", f->dir), *want;
	char *text;
	json_t *js;
	struct device devs[3] = {
	    {.name = "R1", .device_type = "cisco_ios"},
	    {.name = "R2", .device_type = "cisco_ios"},
	    {.name = "R3",
		.device_type = "cisco_ios",
		.commands = mine,
		.ncommands = 1},
	};
	struct inventory inv = {.devices = devs, .ndevices = 3};
	struct liveparse *lp;
	char err[512];
	struct buf notes;

	/* No --template: the index, or nothing. */
	lp = liveparse_new(f->dir, NULL, 0, err, sizeof(err));
	assert_non_null(lp);
	liveparse_plan(lp, &inv, cmds, 2);
	assert_string_equal(
	    run(lp, "cisco_ios", "show clock", "x y\nz\n", LIVEPARSE_ROWS),
	    "[{\"a\":\"x\"},{\"a\":\"z\"}]");
	run(lp, "cisco_ios", "show version", "x", LIVEPARSE_NONE);
	/* A pair the plan never saw is not looked up during the run. */
	run(lp, "cisco_xr", "show clock", "x", LIVEPARSE_NONE);
	assert_non_null(
	    strstr(run(lp, "cisco_ios", "show bad", "x", LIVEPARSE_ERROR),
		"broken.textfsm"));
	buf_init(&notes);
	liveparse_notes(lp, &notes);
	assert_string_equal(notes.data,
	    "no TextFSM template for 'show version' (cisco_ios: 2 devices)\n");
	buf_free(&notes);
	js = liveparse_notes_json(lp);
	text = json_dumps(js, JSON_COMPACT);
	assert_string_equal(text,
	    "[{\"command\":\"show version\",\"platform\":"
	    "\"cisco_ios\",\"devices\":2}]");
	free(text);
	json_decref(js);
	liveparse_free(lp);

	/* A CMD=FILE for a command no device runs. */
	lp = liveparse_new(NULL, &unused, 1, err, sizeof(err));
	assert_non_null(lp);
	liveparse_plan(lp, &inv, cmds, 2);
	buf_init(&notes);
	liveparse_unused(lp, &notes);
	want = xasprintf("--template: no device runs 'show clok': "
			 "%s/one.textfsm is not used\n",
	    f->dir);
	assert_string_equal(notes.data, want);
	free(want);
	buf_free(&notes);
	liveparse_free(lp);

	/* CMD=FILE, then FILE for every other command, then the index. */
	lp = liveparse_new(f->dir, specs, 2, err, sizeof(err));
	assert_non_null(lp);
	liveparse_plan(lp, &inv, cmds, 2);
	assert_string_equal(
	    run(lp, "cisco_ios", "show version", "v1 x\n", LIVEPARSE_ROWS),
	    "[{\"first\":\"v1\"}]");
	assert_string_equal(
	    run(lp, "cisco_ios", "show clock", "x y\n", LIVEPARSE_ROWS),
	    "[{\"all\":\"x y\"}]");
	buf_init(&notes);
	liveparse_notes(lp, &notes);
	assert_int_equal(notes.len, 0);
	liveparse_unused(lp, &notes);
	assert_int_equal(notes.len, 0);
	buf_free(&notes);
	js = liveparse_notes_json(lp);
	assert_int_equal(json_array_size(js), 0);
	json_decref(js);
	liveparse_free(lp);
	free(all);
	free(one);
	free(unused);
}

static void
test_spec_errors(void **state)
{
	struct tempdir *f = *state;
	char *a = xasprintf("%s/all.textfsm", f->dir);
	char *b = xasprintf("%s/one.textfsm", f->dir);
	char *c = xasprintf("show x=%s/broken.textfsm", f->dir);
	char *two[] = {a, b}, *bad[] = {c}, err[512], *want;

	assert_null(liveparse_new(NULL, two, 2, err, sizeof(err)));
	assert_string_equal(err, "--template: two templates for every command");
	assert_null(liveparse_new(NULL, bad, 1, err, sizeof(err)));
	want = xasprintf("%s/broken.textfsm:1: ", f->dir);
	assert_memory_equal(err, want, strlen(want));
	assert_null(liveparse_new("/nonexistent", NULL, 0, err, sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent/index"));
	free(want);
	free(a);
	free(b);
	free(c);
}

static void
test_dir(void **state)
{
	struct tempdir *f = *state;
	char *top = xasprintf("%s/top", f->dir);
	char *sub = xasprintf("%s/top/templates", f->dir), *d;

	d = liveparse_dir(f->dir);
	assert_string_equal(d, f->dir);
	free(d);
	/* NET_TEXTFSM naming the checkout's top: Netmiko adds templates/. */
	assert_int_equal(mkdir(top, 0700), 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	tempdir_put(f, "top/templates/index", "Template, Platform, Command\n");
	setenv("NET_TEXTFSM", top, 1);
	d = liveparse_dir(NULL);
	assert_string_equal(d, sub);
	free(d);
	setenv("NET_TEXTFSM", "/nonexistent", 1);
	d = liveparse_dir(NULL);
	assert_string_equal(d, "/nonexistent");
	free(d);
	unsetenv("NET_TEXTFSM");
	setenv("HOME", "/home/x", 1);
	d = liveparse_dir(NULL);
	assert_string_equal(d, "/home/x/ntc-templates/templates");
	free(d);
	free(top);
	free(sub);
}

static void
test_drop_text(void **state)
{
	struct result *r = result_new(0);
	struct cmd_output *o;

	(void)state;
	o = result_output(r, 1);
	o->output = xstrdup("text");
	o->len = 4;
	o->parsed = xstrdup("[]");
	o->parsed_len = 2;
	o = result_output(r, 0);
	o->output = xstrdup("kept");
	o->len = 4;
	liveparse_drop_text(r);
	assert_string_equal(r->outputs[0].output, "kept");
	assert_null(r->outputs[1].output);
	assert_int_equal(r->outputs[1].len, 0);
	assert_string_equal(r->outputs[1].parsed, "[]");
	result_free(r);
}

/* The rows reach json/jsonl whole, a NUL in a cell included. */
static void
test_json(void **state)
{
	static const char rows[] = "[{\"a\":\"x\\u0000y\"}]";
	struct device d = {
	    .name = "R1", .host = "h", .port = 22, .device_type = "cisco_ios"};
	struct result *r = result_new(0);
	struct cmd_output *o = result_output(r, 0);
	char *cmds[] = {"show x"}, *s;
	json_t *j;

	(void)state;
	o->output = xstrdup("x");
	o->len = 1;
	o->parsed = xstrdup(rows);
	o->parsed_len = strlen(rows);
	j = jsonout_result(&d, r, cmds, 1);
	s = json_dumps(
	    json_object_get(
		json_array_get(json_object_get(j, "outputs"), 0), "parsed"),
	    JSON_COMPACT);
	assert_non_null(s);
	assert_string_equal(s, rows);
	free(s);
	json_decref(j);
	result_free(r);
}

static void
check_table(const char *json, const char *want)
{
	struct buf b;

	buf_init(&b);
	assert_int_equal(rowtext_table(&b, json, strlen(json)), 0);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

static void
test_table(void **state)
{
	struct buf b;

	(void)state;
	check_table("[{\"intf\":\"Gi0/0\",\"ip\":\"10.0.0.1\",\"st\":\"up\"},"
		    "{\"intf\":\"Gi0/10\",\"ip\":\"\",\"st\":\"down\"}]",
	    "INTF    IP        ST\n"
	    "Gi0/0   10.0.0.1  up\n"
	    "Gi0/10            down\n");
	check_table("[]", "(no rows)\n");
	/* Lists joined, other values as JSON, widths in characters. */
	check_table(
	    "[{\"n\":[\"a\",\"b\"],\"m\":\"\xc3\xa9t\xc3\xa9\",\"x\":1},"
	    "{\"n\":[{\"k\":\"v\"},null],\"m\":\"\\u0007\",\"x\":2}]",
	    "N                M     X\n"
	    "a, b             \xc3\xa9t\xc3\xa9   1\n"
	    "{\"k\":\"v\"}, null  \\x07  2\n");
	/* A NUL from the device is a cell like any other. */
	check_table("[{\"a\":\"x\\u0000y\"}]", "A\nx\\x00y\n");
	buf_init(&b);
	assert_int_equal(rowtext_table(&b, "{\"a\":1}", 7), -1);
	assert_int_equal(rowtext_table(&b, "[1]", 3), -1);
	assert_int_equal(rowtext_table(&b, "[{", 2), -1);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_precedence_and_plan, setup, tempdir_teardown),
	    cmocka_unit_test_setup_teardown(
		test_spec_errors, setup, tempdir_teardown),
	    cmocka_unit_test_setup_teardown(test_dir, setup, tempdir_teardown),
	    cmocka_unit_test(test_drop_text),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
