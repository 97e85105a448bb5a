/*
 * Unit tests for textfsm (compiler and state machine) and tfsm_table:
 * every template error python-textfsm raises is one line "NAME:LINE: ..."
 * here; the option hooks, actions, states and EOF behave as
 * python-textfsm 1.1.0's (cases cross-checked with it by t3503); the
 * fast JSON writer gives jansson's bytes; one compiled template serves
 * many threads at once and a forked child.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "textfsm.h"
#include "util.h"

static struct tfsm_template *
compile_ok(const char *text)
{
	struct tfsm_template *t;
	char err[512];

	t = tfsm_compile("t.textfsm", text, strlen(text), err, sizeof(err));
	if (t == NULL)
		fail_msg("%s", err);
	return t;
}

static void
check_compile_error(const char *text, const char *want)
{
	struct tfsm_template *t;
	char err[512];

	t = tfsm_compile("t.textfsm", text, strlen(text), err, sizeof(err));
	if (t != NULL)
		fail_msg("accepted: %s", text);
	assert_string_equal(err, want);
}

/* Parse text and return the rows as compact JSON (caller frees). */
static char *
parse_json(const struct tfsm_template *t, const char *text, int *rc, char *err,
    size_t errlen)
{
	struct tfsm_table tab;
	json_t *j;
	char *s;

	tfsm_table_init(&tab);
	*rc = tfsm_parse(t, text, strlen(text), &tab, err, errlen);
	j = tfsm_table_json(&tab, TFSM_JSON_LOWER);
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	tfsm_table_free(&tab);
	return s;
}

static void
check_rows(const char *tpl, const char *text, const char *want)
{
	struct tfsm_template *t = compile_ok(tpl);
	char err[512], *got;
	int rc;

	got = parse_json(t, text, &rc, err, sizeof(err));
	if (rc != 0)
		fail_msg("%s", err);
	assert_string_equal(got, want);
	free(got);
	tfsm_free(t);
}

static void
test_template_errors(void **state)
{
	(void)state;
	check_compile_error(
	    "Start\n  ^x\n", "t.textfsm:1: no Value definitions found");
	check_compile_error("Value A (x)\nStart\n",
	    "t.textfsm:2: expected a blank line after the last Value");
	check_compile_error("Value A\n\nStart\n",
	    "t.textfsm:1: expected at least 3 tokens on the Value line");
	check_compile_error("Value Foo A (x)\n\nStart\n",
	    "t.textfsm:1: unknown option \"Foo\"");
	check_compile_error("Value Key,Key A (x)\n\nStart\n",
	    "t.textfsm:1: duplicate option \"Key\"");
	check_compile_error(
	    "Value Key, A (x)\n\nStart\n", "t.textfsm:1: unknown option \"\"");
	check_compile_error(
	    "Value A_name_of_forty_nine_characters_xxxxxxxxxxxxx"
	    "xxxx (x)\n\nStart\n",
	    "t.textfsm:1: invalid Value name "
	    "'A_name_of_forty_nine_characters_xxxxxxxxxxxxxxxxx' or name too "
	    "long");
	check_compile_error("Value A (x\n\nStart\n",
	    "t.textfsm:1: Value '(x' must be contained within a '()' pair");
	check_compile_error("Value A (x))(\n\nStart\n",
	    "t.textfsm:1: Value '(x))(' must be contained within a '()' pair");
	check_compile_error("Value A (x)\nValue A (y)\n\nStart\n",
	    "t.textfsm:2: duplicate declarations for Value 'A'");
	check_compile_error("Value List A ((?P<n>x)(?P<n>y))\n\nStart\n",
	    "t.textfsm:1: invalid regular expression in List Value 'A': "
	    "redefinition of group name 'n'");
	check_compile_error("Value A (x)\n\nBegin\n  ^x\n",
	    "t.textfsm:4: missing state 'Start'");
	check_compile_error("Value A (x)\n\nStart here\n",
	    "t.textfsm:3: invalid state name: 'Start here'");
	check_compile_error("Value A (x)\n\nRecord\n",
	    "t.textfsm:3: invalid state name: 'Record'");
	check_compile_error("Value A (x)\n\nStart\n\nStart\n",
	    "t.textfsm:5: duplicate state name: 'Start'");
	check_compile_error("Value A (x)\n\nStart\n   ^x\n",
	    "t.textfsm:4: missing white space or caret ('^') before rule");
	check_compile_error("Value A (x)\n\nStart\n  ^x -> Next Foo Bar\n",
	    "t.textfsm:4: badly formatted rule ' Next Foo Bar'");
	check_compile_error("Value A (x)\n\nStart\n  ^x -> Continue Start\n",
	    "t.textfsm:4: action 'Continue' with a new state 'Start'");
	check_compile_error("Value A (x)\n\nStart\n  ^x -> \"q\"\n",
	    "t.textfsm:4: alphanumeric characters only in state names");
	check_compile_error("Value A (x)\n\nStart\n  ^x -> Nowhere\n",
	    "t.textfsm:4: state 'Nowhere' not found, referenced in state "
	    "'Start'");
	check_compile_error("Value A (x)\n\nStart\n  ^x\n\nEnd\n  ^y\n",
	    "t.textfsm:6: non-empty 'End' state");
	check_compile_error("Value A (x)\n\nStart\n  ^x\n\nEOF\n  ^y\n",
	    "t.textfsm:6: non-empty 'EOF' state");
	check_compile_error("Value A (x)\n\nStart\n  ^${B}\n",
	    "t.textfsm:4: duplicate or invalid variable substitution: '^${B}'");
	check_compile_error("Value A (x)\n\nStart\n  ^$Ab\n",
	    "t.textfsm:4: duplicate or invalid variable substitution: '^$Ab'");
	check_compile_error("Value A (x)\n\nStart\n  ^x$\n",
	    "t.textfsm:4: duplicate or invalid variable substitution: '^x$'");
	check_compile_error("Value A (x)\n\nStart\n  ^${A}\\q\n",
	    "t.textfsm:4: invalid regular expression '^(?P<A>x)\\q': bad "
	    "escape \\q");
	check_compile_error("Value A (x)\n\nStart\n  ^x\n  ^\xff\n",
	    "t.textfsm:5: not valid UTF-8");
}

static void
test_values_and_options(void **state)
{
	(void)state;
	/* Filldown keeps a value across records until Clearall. */
	check_rows("Value Filldown H (\\S+)\nValue I (\\d+)\n\nStart\n"
		   "  ^h ${H}\n  ^i ${I} -> Record\n  ^w -> Clearall\n",
	    "h a\ni 1\ni 2\nw\ni 3\n",
	    "[{\"h\":\"a\",\"i\":\"1\"},{\"h\":\"a\",\"i\":\"2\"},"
	    "{\"h\":\"\",\"i\":\"3\"}]");
	/* Required drops the row; an all-empty row is never recorded, but
	 * a matched empty string is a value. */
	check_rows("Value Required A (\\S*)\nValue B (\\d+)\n\nStart\n"
		   "  ^a:${A}\n  ^b ${B}\n  ^r -> Record\n",
	    "b 1\nr\na:\nr\nr\na:x\nr\n", "[{\"a\":\"x\",\"b\":\"\"}]");
	check_rows("Value A (\\S*)\n\nStart\n  ^a:${A} -> Record\n", "a:\n",
	    "[{\"a\":\"\"}]");
	/* Fillup writes upwards into empty cells until a filled one (and
	 * stays the current value); the implicit Record at the end. */
	check_rows("Value N (\\w)\nValue Fillup F (\\d)\n\nStart\n"
		   "  ^n ${N} -> Record\n  ^f ${F}\n",
	    "n a\nn b\nf 1\nn c\nn d\nf 2\n",
	    "[{\"n\":\"a\",\"f\":\"1\"},{\"n\":\"b\",\"f\":\"1\"},"
	    "{\"n\":\"c\",\"f\":\"1\"},{\"n\":\"d\",\"f\":\"2\"},"
	    "{\"n\":\"\",\"f\":\"2\"}]");
	/* List, nested groups as mappings (None where a group took no
	 * part); Required before List tests the last string, after it the
	 * list. */
	check_rows("Value List M ((?P<p>\\w+)=(?P<v>\\d+)|(?P<o>\\w+))\n\n"
		   "Start\n  ^m ${M}\n  ^e -> Record\n",
	    "m a=1\nm zz\ne\n",
	    "[{\"m\":[{\"p\":\"a\",\"v\":\"1\",\"o\":null},"
	    "{\"p\":null,\"v\":null,\"o\":\"zz\"}]}]");
	check_rows("Value Required,List A (\\w+)\nValue C (\\w+)\n\nStart\n"
		   "  ^a ${A}\n  ^c ${C}\n  ^r -> Record\n",
	    "a x\nc y\nr\nc z\nr\n", "[{\"a\":[\"x\"],\"c\":\"y\"}]");
	/* Names longer than 32 characters (PCRE2's limit) and $$. */
	check_rows("Value A_value_name_longer_than_32_chars_x (\\$\\d+)\n\n"
		   "Start\n  ^cost ${A_value_name_longer_than_32_chars_x}$$ -> "
		   "Record\n",
	    "cost $5\ncost $6 more\n",
	    "[{\"a_value_name_longer_than_32_chars_x\":\"$5\"}]");
}

static void
test_actions_states_eof(void **state)
{
	(void)state;
	/* Continue.Record then the next rule on the same line. */
	check_rows("Value A (\\w+)\nValue B (\\w+)\n\nStart\n"
		   "  ^${A} -> Continue.Record\n  ^\\w+ ${B}\n",
	    "x y\nz w\n",
	    "[{\"a\":\"x\",\"b\":\"\"},{\"a\":\"z\",\"b\":\"y\"},"
	    "{\"a\":\"\",\"b\":\"w\"}]");
	/* A transition, End (no implicit record) and EOF. */
	check_rows("Value A (\\w+)\n\nStart\n  ^go -> Other\n\nOther\n"
		   "  ^a ${A} -> Record\n  ^stop -> End\n",
	    "a 0\ngo\na 1\nstop\na 2\n", "[{\"a\":\"1\"}]");
	check_rows("Value A (\\w+)\n\nStart\n  ^a ${A}\n", "a 1\na 2\n",
	    "[{\"a\":\"2\"}]");
	check_rows(
	    "Value A (\\w+)\n\nStart\n  ^a ${A}\n\nEOF\n", "a 1\n", "[]");
	check_rows("Value A (\\w+)\n\nStart\n  ^a ${A} -> EOF\n", "a 1\na 2\n",
	    "[{\"a\":\"1\"}]");
	/* Clear keeps Filldown values (so the end records one more row). */
	check_rows("Value Filldown F (\\w+)\nValue A (\\w+)\n\nStart\n"
		   "  ^f ${F}\n  ^a ${A}\n  ^c -> Clear\n  ^r -> Record\n",
	    "f 1\na 2\nc\nr\n",
	    "[{\"f\":\"1\",\"a\":\"\"},{\"f\":\"1\",\"a\":\"\"}]");
	/* No Values: nothing to record, and no substitution at all. */
	check_rows("\nStart\n  ^$$x -> Record\n", "$$x\n", "[]");
}

static void
test_error_action(void **state)
{
	struct tfsm_template *t;
	char err[512], *got;
	int rc;

	(void)state;
	t = compile_ok("Value A (\\d)\n\nStart\n  ^${A} -> Record\n"
		       "  ^bad -> Error \"no bad lines\"\n  ^. -> Error\n");
	got = parse_json(t, "1\nbad one\n", &rc, err, sizeof(err));
	assert_int_equal(rc, -1);
	assert_string_equal(err,
	    "t.textfsm:5: Error action: \"no bad lines\" "
	    "at input line 2: bad one");
	/* Rows recorded before the error are dropped, as Python does. */
	assert_string_equal(got, "[]");
	free(got);
	got = parse_json(t, "1\n2\nx\n", &rc, err, sizeof(err));
	assert_int_equal(rc, -1);
	assert_string_equal(
	    err, "t.textfsm:6: Error action at input line 3: x");
	free(got);
	tfsm_free(t);
}

static void
test_json_writer_matches_jansson(void **state)
{
	static const char tpl[] =
	    "Value Name (\\S+)\nValue NAME (\\S+)\nValue List L "
	    "((?P<k>\\w)|(?P<z>\\d))\nValue S (.*)\n\nStart\n"
	    "  ^${Name} ${NAME} ${L} ${S}$$ -> Record\n  ^l ${L}\n";
	static const char in[] = "a b c \"q\" \\ \t\x01 caf\xc3\xa9 \x7f\n"
				 "l 1\nd e f /\n";
	struct tfsm_template *t = compile_ok(tpl);
	struct tfsm_table tab;
	struct buf b;
	char err[512], *dumped;
	json_t *j;

	(void)state;
	tfsm_table_init(&tab);
	assert_int_equal(
	    tfsm_parse(t, in, strlen(in), &tab, err, sizeof(err)), 0);
	assert_int_equal(tab.nrows, 2);
	j = tfsm_table_json(&tab, TFSM_JSON_LOWER);
	dumped = json_dumps(j, JSON_COMPACT);
	buf_init(&b);
	tfsm_table_write_json(&tab, TFSM_JSON_LOWER, &b, NULL, NULL);
	assert_string_equal(b.data, dumped);
	/* "Name" and "NAME" share one key: first place, last value. */
	assert_string_equal(dumped,
	    "[{\"name\":\"b\",\"l\":[{\"k\":\"c\",\"z\":null}],"
	    "\"s\":\"\\\"q\\\" \\\\ \\t\\u0001 caf\xc3\xa9 \x7f\"},"
	    "{\"name\":\"e\",\"l\":[{\"k\":\"1\",\"z\":null},"
	    "{\"k\":\"f\",\"z\":null}],\"s\":\"/\"}]");
	free(dumped);
	json_decref(j);
	buf_free(&b);
	assert_int_equal(tfsm_nvalues(t), 4);
	assert_string_equal(tfsm_value_name(t, 1), "NAME");
	assert_false(tfsm_value_is_key(t, 0));
	tfsm_table_free(&tab);
	tfsm_free(t);
}

struct job {
	const struct tfsm_template *t;
	const char *text;
	char *want;
	int ok;
};

static void *
parse_many(void *arg)
{
	struct job *j = arg;
	char err[256], *got;
	int k, rc;

	j->ok = 1;
	for (k = 0; k < 200 && j->ok; k++) {
		got = parse_json(j->t, j->text, &rc, err, sizeof(err));
		j->ok = rc == 0 && strcmp(got, j->want) == 0;
		free(got);
	}
	return NULL;
}

static void
test_threads_and_fork(void **state)
{
	struct tfsm_template *t = compile_ok("Value Filldown A (\\S+)\nValue "
					     "B (\\d+)\n\nStart\n  ^\\s+A\\s+"
					     "${A}\n  ^\\s*${B}$$ -> Record\n");
	const char *text = "  A x\n1\n2\n  A y\n3\n";
	struct job jobs[4];
	pthread_t tid[4];
	char err[256];
	pid_t pid;
	int k, rc, status;

	(void)state;
	for (k = 0; k < 4; k++) {
		jobs[k].t = t;
		jobs[k].text = text;
		jobs[k].want = parse_json(t, text, &rc, err, sizeof(err));
		assert_int_equal(
		    pthread_create(&tid[k], NULL, parse_many, &jobs[k]), 0);
	}
	for (k = 0; k < 4; k++) {
		pthread_join(tid[k], NULL);
		assert_true(jobs[k].ok);
	}
	assert_string_equal(jobs[0].want,
	    "[{\"a\":\"x\",\"b\":\"1\"},{\"a\":\"x\",\"b\":\"2\"},"
	    "{\"a\":\"y\",\"b\":\"3\"},{\"a\":\"y\",\"b\":\"\"}]");
	/* Compiled (and JIT-compiled) in the parent, used in a child. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		parse_many(&jobs[0]);
		_exit(jobs[0].ok ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	for (k = 0; k < 4; k++)
		free(jobs[k].want);
	tfsm_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_template_errors),
	    cmocka_unit_test(test_values_and_options),
	    cmocka_unit_test(test_actions_states_eof),
	    cmocka_unit_test(test_error_action),
	    cmocka_unit_test(test_json_writer_matches_jansson),
	    cmocka_unit_test(test_threads_and_fork),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
