/*
 * Unit tests for netsim's ns_exec (the Linux exec shell): exact stdout,
 * stderr and status for each line, as bash 5.2 gives them for
 * "bash -c LINE" (t1033 compares the same through OpenSSH with this
 * machine's bash).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ns_device.h"
#include "ns_exec.h"

struct want {
	const char *line, *out, *err;
	int status;
};

static void
check(const struct want *w)
{
	struct ns_device d;
	struct ns_exec_out r;

	ns_device_defaults(&d, 4);
	assert_int_equal(ns_exec_run(&d, w->line, &r), 0);
	assert_int_equal(r.outlen, strlen(w->out));
	assert_memory_equal(r.outlen ? r.out : "", w->out, r.outlen);
	assert_int_equal(r.errlen, strlen(w->err));
	assert_memory_equal(r.errlen ? r.err : "", w->err, r.errlen);
	assert_int_equal(r.status, w->status);
	ns_exec_out_free(&r);
	ns_device_free(&d);
}

static void
test_commands(void **state)
{
	static const struct want w[] = {
	    {"echo hello", "hello\n", "", 0},
	    {"echo -n hi", "hi", "", 0},
	    {"echo -nx a", "-nx a\n", "", 0},
	    {"echo -e 'a\\tb'", "a\tb\n", "", 0},
	    {"true", "", "", 0},
	    {":", "", "", 0},
	    {"false", "", "", 1},
	    {"hostname", "R4\n", "", 0},
	    {"whoami", "admin\n", "", 0},
	    {"uname", "Linux\n", "", 0},
	    {"uname -a", "Linux R4 6.1.0-netsim #1 SMP x86_64 GNU/Linux\n", "",
		0},
	    {"uname -sn", "Linux R4\n", "", 0},
	    {"uname -z", "",
		"uname: invalid option -- 'z'\n"
		"Try 'uname --help' for more information.\n",
		1},
	    {"cat /etc/hostname", "R4\n", "", 0},
	    {"cat /nonexistent", "",
		"cat: /nonexistent: No such file or directory\n", 1},
	    {"foo", "", "bash: line 1: foo: command not found\n", 127},
	    {"echo $HOME $SHELL", "/home/admin /bin/bash\n", "", 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		check(&w[i]);
}

static void
test_exit(void **state)
{
	static const struct want w[] = {
	    {"exit 3", "", "", 3},
	    {"exit 300", "", "", 44},
	    {"exit -1", "", "", 255},
	    {"exit \" 4 \"", "", "", 4},
	    {"false; exit", "", "", 1},
	    {"exit 3; echo no", "", "", 3},
	    {"exit abc", "",
		"bash: line 1: exit: abc: numeric argument required\n", 2},
	    {"exit 1 2; echo after", "",
		"bash: line 1: exit: too many arguments\n", 1},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		check(&w[i]);
}

static void
test_words_and_lists(void **state)
{
	static const struct want w[] = {
	    {"echo a   \"b  c\" 'd e' \\x", "a b  c d e x\n", "", 0},
	    {"echo 'it''s'", "its\n", "", 0},
	    {"echo \"\\$x \\\"q\\\" \\a\"", "$x \"q\" \\a\n", "", 0},
	    {"foo; echo $?", "127\n", "bash: line 1: foo: command not found\n",
		0},
	    {"false && echo no || echo yes", "yes\n", "", 0},
	    {"true || echo a && echo b", "b\n", "", 0},
	    {"echo a;echo b", "a\nb\n", "", 0},
	    {"echo a\necho b", "a\nb\n", "", 0},
	    {"echo # c", "\n", "", 0},
	    {"echo $NOPE x", "x\n", "", 0},
	    {"", "", "", 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		check(&w[i]);
}

static void
test_redirections(void **state)
{
	static const struct want w[] = {
	    {"echo oops >&2", "", "oops\n", 0},
	    {"echo a >&2 b", "", "a b\n", 0},
	    {"echo x 2>/dev/null >&2", "", "", 0},
	    {"echo x >/dev/null", "", "", 0},
	    {"foo 2>&1", "bash: line 1: foo: command not found\n", "", 127},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		check(&w[i]);
}

static void
test_syntax(void **state)
{
	static const struct want w[] = {
	    {"\"unterminated", "",
		"bash: -c: line 1: unexpected EOF while looking for matching "
		"`\"'\n",
		2},
	    {";", "",
		"bash: -c: line 1: syntax error near unexpected token `;'\n"
		"bash: -c: line 1: `;'\n",
		2},
	    {"echo a; ; echo b", "",
		"bash: -c: line 1: syntax error near unexpected token `;'\n"
		"bash: -c: line 1: `echo a; ; echo b'\n",
		2},
	    {"echo a &&", "",
		"bash: -c: line 2: syntax error: unexpected end of file\n", 2},
	    /* Not simulated: said so, nothing run. */
	    {"echo a | cat", "", "netsim: bash syntax not simulated: |\n", 2},
	    {"echo $(hostname)", "", "netsim: bash syntax not simulated: $(\n",
		2},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		check(&w[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_commands),
	    cmocka_unit_test(test_exit),
	    cmocka_unit_test(test_words_and_lists),
	    cmocka_unit_test(test_redirections),
	    cmocka_unit_test(test_syntax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
