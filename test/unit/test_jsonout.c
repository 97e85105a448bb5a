/*
 * Unit tests for jsonout_read(), the inverse netcollect merge uses: a
 * result written by jsonout_result() and read back writes the very same
 * bytes (errors, NUL bytes and raw outputs, attempts, timings to the
 * microsecond, timestamps, null timestamps), and each malformed record is
 * refused with a message naming the field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsonout.h"
#include "util.h"

static struct device dev = {
    .name = "R1",
    .group = "core",
    .host = "10.0.0.1",
    .port = 2201,
    .device_type = "cisco_ios",
};

/* r as one jsonl line (without the newline), a new string. */
static char *
line_of(const struct result *r, char *const *cmds, size_t ncmds)
{
	json_t *j = jsonout_result(&dev, r, cmds, ncmds);
	size_t len;
	char *s = jsonout_dump(j, 0, &len);

	json_decref(j);
	assert_non_null(s);
	s[len - 1] = '\0';
	return s;
}

/* Read line back; its result, written again, is the same line. */
static void
round_trip(const char *line, enum err_kind want_kind, size_t want_cmds)
{
	struct result *r = result_new(0);
	json_error_t e;
	struct buf err;
	char **cmds;
	size_t ncmds;
	json_t *j = json_loads(line, JSON_ALLOW_NUL, &e);
	char *again;

	assert_non_null(j);
	buf_init(&err);
	if (jsonout_read(j, r, &cmds, &ncmds, &err) != 0)
		fail_msg("%s", err.data);
	assert_int_equal(r->kind, want_kind);
	assert_int_equal(ncmds, want_cmds);
	again = line_of(r, cmds, ncmds);
	assert_string_equal(again, line);
	free(again);
	jsonout_free_commands(cmds, ncmds);
	result_free(r);
	json_decref(j);
	buf_free(&err);
}

static void
test_ok_round_trip(void **state)
{
	char *cmds[] = {"show version", "show clock"};
	struct result *r = result_new(0);
	struct cmd_output *o;
	char *line;

	(void)state;
	r->attempts = 2;
	o = result_output(r, 0);
	o->output = xstrndup("IOS \0 v15", 9);
	o->len = 9;
	o->complete = 1;
	o = result_output(r, 1);
	o->output = xstrdup("12:00 \xc3\xa9");
	o->len = strlen(o->output);
	o->raw = xstrdup("raw\r\n");
	o->raw_len = 5;
	o->err = xstrdup("warning: x");
	o->err_len = 10;
	o->exit_status = 3;
	o->has_exit_status = 1;
	o->complete = 1;
	r->t = (struct timings){
	    INT64_C(94506000), 1917000, 63517000, 2933000, 164799000};
	r->started = INT64_C(1796162142024784000);
	r->finished = INT64_C(1796162142190832000);
	line = line_of(r, cmds, 2);
	round_trip(line, ERR_NONE, 2);
	free(line);
	result_free(r);
}

static void
test_failed_round_trip(void **state)
{
	char *cmds[] = {"show version", "show run"};
	struct result *r = result_new(0);
	char *line;

	(void)state;
	r->attempts = 3;
	result_fail(r, ERR_CLOSED, "the device closed \"the\" session");
	result_output(r, 0)->output = xstrdup("partial");
	result_output(r, 0)->len = 7;
	r->started = INT64_C(1796162142000001000);
	r->finished = INT64_C(1796162143000000000);
	line = line_of(r, cmds, 2);
	round_trip(line, ERR_CLOSED, 1);
	free(line);
	result_free(r);
	/* Never started: attempts 0, null timestamps, no outputs. */
	r = result_new(0);
	result_fail(r, ERR_MISSING, "in none of the 4 files merged");
	line = line_of(r, NULL, 0);
	assert_non_null(strstr(line, "\"attempts\":0,\"outputs\":[]"));
	assert_non_null(strstr(line, "\"started\":null,\"finished\":null"));
	round_trip(line, ERR_MISSING, 0);
	free(line);
	result_free(r);
}

/*
 * The last output of a failed record is whole only when the failure came
 * after the commands (a write error, a refused command).
 */
static void
test_complete(void **state)
{
	static const char rec[] =
	    "{\"device\":\"R1\",\"ok\":false,\"error\":{\"kind\":\"%s\","
	    "\"message\":\"m\"},\"outputs\":[{\"command\":\"a\",\"output\":"
	    "\"1\"},{\"command\":\"b\",\"output\":\"2\"}],\"timings\":{"
	    "\"connect\":0,\"auth\":0,\"enable\":0,\"commands\":0,\"total\":"
	    "0},\"started\":null,\"finished\":null}";
	const char *kinds[] = {"read-timeout", "write", "device-error"};
	char text[1024];

	(void)state;
	for (int k = 0; k < 3; k++) {
		struct result *r = result_new(0);
		struct buf err;
		char **cmds;
		size_t n;
		json_t *j;

		snprintf(text, sizeof(text), rec, kinds[k]);
		j = json_loads(text, 0, NULL);
		buf_init(&err);
		assert_int_equal(jsonout_read(j, r, &cmds, &n, &err), 0);
		assert_int_equal(r->attempts, 1); /* absent: 1 */
		assert_int_equal(r->outputs[0].complete, 1);
		assert_int_equal(r->outputs[1].complete, k > 0);
		jsonout_free_commands(cmds, n);
		result_free(r);
		json_decref(j);
		buf_free(&err);
	}
}

static void
expect_refused(const char *text, const char *want)
{
	struct result *r = result_new(0);
	json_t *j = json_loads(text, 0, NULL);
	struct buf err;
	char **cmds;
	size_t n;

	assert_non_null(j);
	buf_init(&err);
	assert_int_equal(jsonout_read(j, r, &cmds, &n, &err), -1);
	assert_string_equal(err.data, want);
	jsonout_free_commands(cmds, n);
	result_free(r);
	json_decref(j);
	buf_free(&err);
}

#define TIMES                                                                  \
	"\"timings\":{\"connect\":0,\"auth\":0,\"enable\":0,\"commands\":0,"   \
	"\"total\":0}"

static void
test_refused(void **state)
{
	(void)state;
	expect_refused("[1]", "not a result object (no \"device\")");
	expect_refused("{\"device\":\"R1\"}", "\"ok\" is not true or false");
	expect_refused("{\"device\":\"R1\",\"ok\":false,\"error\":null}",
	    "failed without an error {kind, message}");
	expect_refused("{\"device\":\"R1\",\"ok\":true,\"error\":{}}",
	    "\"ok\" is true but \"error\" is not null");
	expect_refused("{\"device\":\"R1\",\"ok\":false,\"error\":{\"kind\":"
		       "\"gremlins\",\"message\":\"m\"}}",
	    "unknown error kind 'gremlins'");
	expect_refused("{\"device\":\"R1\",\"ok\":true,\"error\":null}",
	    "\"outputs\" is not an array");
	expect_refused("{\"device\":\"R1\",\"ok\":true,\"error\":null,"
		       "\"outputs\":[{\"command\":\"a\"}]}",
	    "outputs[0] has no \"output\"");
	expect_refused("{\"device\":\"R1\",\"ok\":true,\"error\":null,"
		       "\"attempts\":-1,\"outputs\":[]}",
	    "\"attempts\" is not a count");
	expect_refused("{\"device\":\"R1\",\"ok\":true,\"error\":null,"
		       "\"outputs\":[]}",
	    "\"timings\" are not five durations");
	expect_refused("{\"device\":\"R1\",\"ok\":true,\"error\":null,"
		       "\"outputs\":[]," TIMES ",\"started\":\"yesterday\"}",
	    "\"started\" or \"finished\" is not a time");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ok_round_trip),
	    cmocka_unit_test(test_failed_round_trip),
	    cmocka_unit_test(test_complete),
	    cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
