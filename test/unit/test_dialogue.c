/*
 * Unit tests for dialogue against a scripted fake device (fake_channel.h),
 * no SSH at all: login prompt detection past a prompt-like banner,
 * enable with a right, wrong or missing secret, width and paging-off
 * sent in order, a --More-- pager answered and erased, echo and prompt
 * stripped, a mode-variant prompt, the read deadline and the device's
 * overall one (named in the message), a device closing mid-output,
 * device text quoted with its control bytes escaped, secrets masked in
 * the session log across split reads, and the logout command; a
 * configuration push (transcript, a cut-short mode prompt, a refused
 * line and the abort), a save answering its question, and the quirks:
 * the ASA's login and \r\n\r, ProCurve's any key and logout questions,
 * Junos's shell and {master:0}, a coloured prompt. Every assertion is on
 * exact bytes.
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

#include "dialogue.h"
#include "fake_channel.h"
#include "platform.h"
#include "screen.h"
#include "util.h"

#define NSTEPS(a) (sizeof(a) / sizeof((a)[0]))

/* An IOS login: user mode, enable with s3cret, width, paging off. */
#define IOS_LOGIN                                                              \
	{NULL, "\r\nR1>", 0}, {"\n", "\r\nR1>", 0},                            \
	    {"enable\n", "enable\r\nPassword: ", 0},                           \
	    {"s3cret\n", "\r\nR1#", 0},                                        \
	    {"terminal width 511\n", "terminal width 511\r\nR1#", 0},          \
	{                                                                      \
		"terminal length 0\n", "terminal length 0\r\nR1#", 0           \
	}

static const char ios_login_sent[] =
    "\nenable\ns3cret\nterminal width 511\nterminal length 0\n";

struct fixture {
	struct fake fk;
	struct channel_source src;
	struct dialogue_params p;
	struct failure f;
};

static void
setup(struct fixture *x, const struct fake_step *steps, size_t n,
    const char *type)
{
	memset(x, 0, sizeof(*x));
	fake_init(&x->fk, steps, n, &x->src);
	x->p.platform = platform_find(type);
	assert_non_null(x->p.platform);
	x->p.secret = "s3cret";
	x->p.read_timeout_ms = 5000;
	x->p.log_fd = -1;
}

static void
expect_written(struct fixture *x, const char *want)
{
	assert_non_null(x->fk.written.data);
	assert_string_equal(x->fk.written.data, want);
}

static void
test_login_and_command(void **state)
{
	static const struct fake_step steps[] = {IOS_LOGIN,
	    {"show clock\n",
		"show clock\r\n*10:00:00.000 UTC Mon Jan 1 2024\r\nR1#", 0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	d = dialogue_open(&x.src, &x.p, &x.f);
	assert_non_null(d);
	expect_written(&x, ios_login_sent);
	assert_int_equal(dialogue_run(d, "show clock", &out, &len, &x.f), 0);
	assert_string_equal(out, "*10:00:00.000 UTC Mon Jan 1 2024");
	assert_int_equal(len, strlen(out));
	free(out);
	dialogue_close(d);
	/* Logout: the platform's exit command, then the channel closed. */
	expect_written(&x,
	    "\nenable\ns3cret\nterminal width 511\n"
	    "terminal length 0\nshow clock\nexit\n");
	assert_int_equal(x.fk.closed, 1);
	fake_free(&x.fk);
}

static void
test_banner_like_prompt(void **state)
{
	/* A banner line ending in '#' ends the first read: not the prompt. */
	static const struct fake_step steps[] = {
	    {NULL, "Authorized#", 0},
	    {"\n", "\r\nR1#", 0},
	    {"\n", "\r\nR1#", 0},
	    {"terminal width 511\n", "terminal width 511\r\nR1#", 0},
	    {"terminal length 0\n", "terminal length 0\r\nR1#", 0},
	    {"show ver\n", "show ver\r\nCisco IOS\r\nR1#", 0},
	};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	d = dialogue_open(&x.src, &x.p, &x.f);
	assert_non_null(d);
	/* Already privileged: no enable. */
	expect_written(&x, "\n\nterminal width 511\nterminal length 0\n");
	assert_int_equal(dialogue_run(d, "show ver", &out, &len, &x.f), 0);
	assert_string_equal(out, "Cisco IOS");
	free(out);
	dialogue_close(d);
	fake_free(&x.fk);
}

static void
test_no_prompt(void **state)
{
	static const struct fake_step steps[] = {
	    {NULL, "Welcome to the lab\r\nplease wait", 0}};
	struct fixture x;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_null(dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(x.f.kind, ERR_PROMPT);
	assert_string_equal(
	    x.f.msg, "no prompt within 5 s (last: 'please wait')");
	fake_free(&x.fk);
}

static void
test_no_prompt_quoted(void **state)
{
	/* Not a prompt shape for IOS; its escape must not reach a terminal. */
	static const struct fake_step steps[] = {
	    {NULL, "\r\n\x1b[31mR1>\x07", 0}};
	struct fixture x;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_null(dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(x.f.kind, ERR_PROMPT);
	assert_string_equal(
	    x.f.msg, "no prompt within 5 s (last: '\\x1b[31mR1>\\x07')");
	fake_free(&x.fk);
}

static void
test_enable_wrong_secret(void **state)
{
	static const struct fake_step steps[] = {
	    {NULL, "\r\nR1>", 0},
	    {"\n", "\r\nR1>", 0},
	    {"enable\n", "enable\r\nPassword: ", 0},
	    {"s3cret\n", "\r\n% Access denied\r\n\r\nR1>", 0},
	};
	struct fixture x;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_null(dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(x.f.kind, ERR_ENABLE);
	assert_string_equal(x.f.msg, "enable failed: wrong secret");
	fake_free(&x.fk);
}

static void
test_enable_reprompt(void **state)
{
	/* Real IOS asks again instead of refusing: wrong at once. */
	static const struct fake_step steps[] = {
	    {NULL, "\r\nR1>", 0},
	    {"\n", "\r\nR1>", 0},
	    {"enable\n", "enable\r\nPassword: ", 0},
	    {"s3cret\n", "\r\nPassword: ", 0},
	};
	struct fixture x;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_null(dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(x.f.kind, ERR_ENABLE);
	assert_string_equal(x.f.msg, "enable failed: wrong secret");
	/* No second guess was typed into the password prompt. */
	expect_written(&x, "\nenable\ns3cret\n");
	fake_free(&x.fk);
}

static void
test_enable_no_secret(void **state)
{
	static const struct fake_step steps[] = {
	    {NULL, "\r\nR1>", 0},
	    {"\n", "\r\nR1>", 0},
	    {"enable\n", "enable\r\nPassword: ", 0},
	};
	struct fixture x;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	x.p.secret = NULL;
	assert_null(dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(x.f.kind, ERR_ENABLE);
	assert_string_equal(x.f.msg,
	    "enable failed: device asks for a secret "
	    "and none was given");
	fake_free(&x.fk);
}

static void
test_pager(void **state)
{
	static const struct fake_step steps[] = {IOS_LOGIN,
	    {"show run\n", "show run\r\nline 1\r\nline 2\r\n --More-- ", 0},
	    {" ",
		"\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b"
		"line 3\r\nR1#",
		0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_run(d, "show run", &out, &len, &x.f), 0);
	assert_string_equal(out, "line 1\nline 2\nline 3");
	free(out);
	dialogue_close(d);
	fake_free(&x.fk);
}

static void
test_prompt_inside_output_and_mode_prompt(void **state)
{
	static const struct fake_step steps[] = {IOS_LOGIN,
	    {"show log\n", "show log\r\nR1#reload by admin\r\nend\r\nR1#", 0},
	    {"configure terminal\n",
		"configure terminal\r\nEnter configuration commands\r\n"
		"R1(config)#",
		0},
	    {"interface Gi0/1\n", "interface Gi0/1\r\nR1(config-if)#", 0},
	    {"end\n", "end\r\nR1#", 0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_run(d, "show log", &out, &len, &x.f), 0);
	assert_string_equal(out, "R1#reload by admin\nend");
	free(out);
	assert_int_equal(
	    dialogue_run(d, "configure terminal", &out, &len, &x.f), 0);
	assert_string_equal(out, "Enter configuration commands");
	free(out);
	assert_int_equal(
	    dialogue_run(d, "interface Gi0/1", &out, &len, &x.f), 0);
	assert_string_equal(out, "");
	free(out);
	/* Back from config mode: the plain prompt ends the read again. */
	assert_int_equal(dialogue_run(d, "end", &out, &len, &x.f), 0);
	assert_string_equal(out, "");
	free(out);
	dialogue_close(d);
	fake_free(&x.fk);
}

static void
test_read_timeout(void **state)
{
	static const struct fake_step steps[] = {
	    IOS_LOGIN, {"show tech\n", "show tech\r\npart one\r\n", 0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;
	int64_t before;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	before = mono_ns();
	assert_int_equal(dialogue_run(d, "show tech", &out, &len, &x.f), -1);
	assert_int_equal(x.f.kind, ERR_READ_TIMEOUT);
	assert_string_equal(
	    x.f.msg, "no prompt after 'show tech' within the read timeout");
	/* The partial output is kept. */
	assert_string_equal(out, "part one\n");
	free(out);
	/* The wait was bounded by the command's own read timeout. */
	assert_true(x.fk.last_deadline >= before + 5000 * NS_PER_MS);
	assert_true(x.fk.last_deadline <= mono_ns() + 5000 * NS_PER_MS);
	dialogue_close(d);
	fake_free(&x.fk);
}

static void
test_overall_deadline_caps_read(void **state)
{
	static const struct fake_step steps[] = {
	    IOS_LOGIN, {"show tech\n", "show tech\r\n", 0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	x.p.deadline = mono_ns() + 1500 * NS_PER_MS;
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_run(d, "show tech", &out, &len, &x.f), -1);
	free(out);
	assert_int_equal(x.fk.last_deadline, x.p.deadline);
	dialogue_close(d);
	fake_free(&x.fk);
}

static void
test_overall_deadline_named(void **state)
{
	/* The device's own deadline ran out: kind timeout, limit named. */
	static const struct fake_step steps[] = {
	    IOS_LOGIN, {"show clock\n", "show clock\r\n", 0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	x.p.deadline = mono_ns() - 1;
	x.p.budget_ms = 2000;
	x.p.budget_name = "--timeout";
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_run(d, "show clock", &out, &len, &x.f), -1);
	free(out);
	assert_int_equal(x.f.kind, ERR_TIMEOUT);
	assert_string_equal(x.f.msg,
	    "no prompt after 'show clock' within "
	    "the device's 2 s --timeout");
	dialogue_close(d);
	/* Out of time: no logout is attempted. */
	expect_written(&x,
	    "\nenable\ns3cret\nterminal width 511\n"
	    "terminal length 0\nshow clock\n");
	fake_free(&x.fk);
}

static void
test_closed_mid_output(void **state)
{
	static const struct fake_step steps[] = {
	    IOS_LOGIN, {"show log\n", "show log\r\nline 1\r\nline", 1}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_run(d, "show log", &out, &len, &x.f), -1);
	assert_int_equal(x.f.kind, ERR_CLOSED);
	assert_string_equal(x.f.msg, "device closed the session");
	assert_string_equal(out, "line 1\nline");
	free(out);
	dialogue_close(d);
	fake_free(&x.fk);
}

static void
test_output_limit(void **state)
{
	static const struct fake_step steps[] = {
	    IOS_LOGIN, {"show big\n", "show big\r\n0123456789abcdef", 0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	x.p.max_output = 20;
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_run(d, "show big", &out, &len, &x.f), -1);
	assert_int_equal(x.f.kind, ERR_OUTPUT_LIMIT);
	assert_string_equal(x.f.msg, "output of 'show big' exceeds 20 bytes");
	free(out);
	dialogue_close(d);
	fake_free(&x.fk);
}

static char *
slurp(FILE *fp)
{
	struct buf b;
	char tmp[4096];
	size_t n;

	buf_init(&b);
	rewind(fp);
	while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
		buf_append(&b, tmp, n);
	return buf_steal(&b, &n);
}

static void
test_session_log_masks_secrets(void **state)
{
	/* The device echoes secrets; every read is 3 bytes at most. */
	static const struct fake_step steps[] = {
	    {NULL, "login pw hunter2 ok\r\nR1>", 0},
	    {"\n", "\r\nR1>", 0},
	    {"enable\n", "enable\r\nPassword: ", 0},
	    {"s3cret\n", "s3cret\r\nR1#", 0},
	    {"terminal width 511\n", "terminal width 511\r\nR1#", 0},
	    {"terminal length 0\n", "terminal length 0\r\nR1#", 0},
	};
	struct fixture x;
	struct dialogue *d;
	FILE *fp = tmpfile();
	char *log;

	(void)state;
	assert_non_null(fp);
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	x.fk.drip = 3;
	x.p.hide[0] = "hunter2";
	x.p.log_fd = fileno(fp);
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	dialogue_close(d);
	log = slurp(fp);
	assert_string_equal(log,
	    "login pw ******** ok\r\nR1>\r\nR1>enable\r\nPassword: "
	    "********\r\nR1#terminal width 511\r\nR1#terminal length 0\r\n"
	    "R1#");
	free(log);
	fclose(fp);
	fake_free(&x.fk);
}

static void
test_ansi_platform_prompt(void **state)
{
	/* NX-OS strips ANSI: a coloured prompt is still the prompt. */
	static const struct fake_step steps[] = {
	    {NULL, "\r\n\x1b[1mN1#\x1b[0m", 0},
	    {"\n", "\r\n\x1b[1mN1#\x1b[0m", 0},
	    {"terminal width 511\n", "terminal width 511\r\nN1#", 0},
	    {"terminal length 0\n", "terminal length 0\r\nN1#", 0},
	    {"show ver\n", "show ver\r\n\x1b[32mNX-OS\x1b[0m\r\nN1#", 0},
	};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_nxos");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_run(d, "show ver", &out, &len, &x.f), 0);
	assert_string_equal(out, "NX-OS");
	free(out);
	dialogue_close(d);
	fake_free(&x.fk);
}

static void
test_exec(void **state)
{
	static const struct fake_cmd cmds[] = {
	    {"uname -a", "Linux h 6.1.0 x86_64 GNU/Linux\n", NULL, 0, 0},
	    {"ls /nope", "", "ls: cannot access '/nope': No such file\n", 2, 0},
	    {"printf", "a\r\nb\x1b[0m\n\n", "warn\n", 0, 0},
	    {"sleep 99", "started\n", NULL, 0, 1},
	};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len, elen;
	const char *err;

	(void)state;
	setup(&x, NULL, 0, "linux");
	fake_cmds = cmds;
	fake_ncmds = sizeof(cmds) / sizeof(cmds[0]);
	x.p.exec = 1;
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_true(dialogue_is_exec(d));
	/* No shell was opened, nothing typed. */
	assert_int_equal(x.fk.opened, 0);
	assert_int_equal(dialogue_run(d, "uname -a", &out, &len, &x.f), 0);
	/* Byte for byte: the final newline stays. */
	assert_string_equal(out, "Linux h 6.1.0 x86_64 GNU/Linux\n");
	free(out);
	assert_int_equal(dialogue_exit_status(d), 0);
	dialogue_stderr(d, &elen);
	assert_int_equal(elen, 0);
	assert_int_equal(dialogue_run(d, "ls /nope", &out, &len, &x.f), 0);
	assert_int_equal(len, 0);
	free(out);
	err = dialogue_stderr(d, &elen);
	assert_string_equal(err, "ls: cannot access '/nope': No such file\n");
	assert_int_equal(dialogue_exit_status(d), 2);
	/* Nothing is cleaned: CR, escapes and blank lines are the host's. */
	assert_int_equal(dialogue_run(d, "printf", &out, &len, &x.f), 0);
	assert_int_equal(len, 10);
	assert_memory_equal(out, "a\r\nb\x1b[0m\n\n", 10);
	free(out);
	assert_string_equal(dialogue_stderr(d, &elen), "warn\n");
	/* One channel per command, each closed. */
	assert_int_equal(x.fk.opened, 3);
	assert_int_equal(x.fk.closed, 3);
	/* A command that never ends: the read timeout, output kept. */
	assert_int_equal(dialogue_run(d, "sleep 99", &out, &len, &x.f), -1);
	assert_int_equal(x.f.kind, ERR_READ_TIMEOUT);
	assert_string_equal(
	    x.f.msg, "'sleep 99' did not finish within the read timeout");
	assert_string_equal(out, "started\n");
	free(out);
	assert_int_equal(dialogue_exit_status(d), -1);
	/* A refused exec request. */
	assert_int_equal(dialogue_run(d, "nope", &out, &len, &x.f), -1);
	assert_int_equal(x.f.kind, ERR_SSH);
	free(out);
	dialogue_close(d);
	/* No exit command typed anywhere. */
	assert_null(x.fk.written.data);
	fake_free(&x.fk);
}

static struct screen_re *
refusals(const char *type)
{
	char err[256];

	return screen_re_new(platform_find(type)->error_re, err, sizeof(err));
}

/*
 * A push: the transcript from the config command's echo to the last
 * prompt, normalised; a long hostname cut short in the mode prompts is
 * still the device's prompt.
 */
static void
test_configure(void **state)
{
	static const struct fake_step steps[] = {
	    {NULL, "\r\nedge-router-number-one#", 0},
	    {"\n", "\r\nedge-router-number-one#", 0},
	    {"terminal width 511\n",
		"terminal width 511\r\nedge-router-number-one#", 0},
	    {"terminal length 0\n",
		"terminal length 0\r\nedge-router-number-one#", 0},
	    {"configure terminal\n",
		"configure terminal\r\nEnter configuration commands\r\n"
		"edge-router-number-o(config)#",
		0},
	    {"interface Gi0/1\n",
		"interface Gi0/1\r\nedge-router-number-o(config-if)#", 0},
	    {"description x\n",
		"description x\r\nedge-router-number-o(config-if)#", 0},
	    {"end\n", "end\r\nedge-router-number-one#", 0}};
	char *const lines[] = {"interface Gi0/1", "description x"};
	struct screen_re *re = refusals("cisco_ios");
	struct fixture x;
	struct dialogue *d;
	const char *bad;
	char *out, *why;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(
	    dialogue_configure(d, lines, 2, re, &bad, &why, &out, &len, &x.f),
	    0);
	assert_null(bad);
	assert_null(why);
	assert_string_equal(out,
	    "configure terminal\nEnter configuration commands\n"
	    "edge-router-number-o(config)#interface Gi0/1\n"
	    "edge-router-number-o(config-if)#description x\n"
	    "edge-router-number-o(config-if)#end\nedge-router-number-one#");
	assert_int_equal(len, strlen(out));
	free(out);
	dialogue_close(d);
	screen_re_free(re);
	fake_free(&x.fk);
}

/* A refused line: nothing more but the abort (XR drops its candidate). */
static void
test_configure_refused(void **state)
{
	static const struct fake_step steps[] = {{NULL, "\r\nxr1#", 0},
	    {"\n", "\r\nxr1#", 0},
	    {"terminal width 511\n", "terminal width 511\r\nxr1#", 0},
	    {"terminal length 0\n", "terminal length 0\r\nxr1#", 0},
	    {"configure terminal\n", "configure terminal\r\nxr1(config)#", 0},
	    {"foo\n",
		"foo\r\n     ^\r\n% Invalid input detected at '^' "
		"marker.\r\n\r\nxr1(config)#",
		0},
	    {"abort\n", "abort\r\nxr1#", 0}};
	char *const lines[] = {"foo", "ntp server 10.0.0.1"};
	struct screen_re *re = refusals("cisco_xr");
	struct fixture x;
	struct dialogue *d;
	const char *bad;
	char *out, *why;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_xr");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(
	    dialogue_configure(d, lines, 2, re, &bad, &why, &out, &len, &x.f),
	    0);
	assert_ptr_equal(bad, lines[0]);
	assert_string_equal(why, "% Invalid input detected at '^' marker.");
	assert_string_equal(out,
	    "configure terminal\nxr1(config)#foo\n     ^\n"
	    "% Invalid input detected at '^' marker.\n\nxr1(config)#abort\n"
	    "xr1#");
	free(out);
	free(why);
	dialogue_close(d);
	expect_written(&x,
	    "\nterminal width 511\nterminal length 0\nconfigure terminal\n"
	    "foo\nabort\nexit\n");
	screen_re_free(re);
	fake_free(&x.fk);
}

/* Configuration mode refused (say, by AAA): no line is sent. */
static void
test_configure_not_entered(void **state)
{
	static const struct fake_step steps[] = {{NULL, "\r\nR1#", 0},
	    {"\n", "\r\nR1#", 0},
	    {"terminal width 511\n", "terminal width 511\r\nR1#", 0},
	    {"terminal length 0\n", "terminal length 0\r\nR1#", 0},
	    {"configure terminal\n",
		"configure terminal\r\n   ^\r\n% Invalid input detected at "
		"'^' marker.\r\n\r\nR1#",
		0}};
	char *const lines[] = {"ntp server 10.0.0.1"};
	struct screen_re *re = refusals("cisco_ios");
	struct fixture x;
	struct dialogue *d;
	const char *bad;
	char *out, *why;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(
	    dialogue_configure(d, lines, 1, re, &bad, &why, &out, &len, &x.f),
	    0);
	assert_string_equal(bad, "configure terminal");
	assert_string_equal(why, "% Invalid input detected at '^' marker.");
	free(out);
	free(why);
	dialogue_close(d);
	expect_written(&x,
	    "\nterminal width 511\nterminal length 0\n"
	    "configure terminal\nexit\n");
	screen_re_free(re);
	fake_free(&x.fk);
}

/* The save answers "Destination filename [startup-config]?" with Enter. */
static void
test_save_confirm(void **state)
{
	static const struct fake_step steps[] = {IOS_LOGIN,
	    {"write memory\n",
		"write memory\r\nDestination filename [startup-config]? ", 0},
	    {"\n", "\r\nBuilding configuration...\r\n[OK]\r\nR1#", 0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_save(d, &out, &len, &x.f), 0);
	assert_string_equal(out,
	    "Destination filename [startup-config]? \n"
	    "Building configuration...\n[OK]");
	free(out);
	dialogue_close(d);
	fake_free(&x.fk);
}

/*
 * The ASA without a secret: login with the user's name and password;
 * its \r\n\r line ends are one line end each.
 */
static void
test_asa_login(void **state)
{
	static const struct fake_step steps[] = {{NULL, "\r\n\rasa>", 0},
	    {"\n", "\r\n\rasa>", 0}, {"login\n", "login\r\n\rUsername: ", 0},
	    {"admin\n", "admin\r\n\rPassword: ", 0}, {"pw\n", "\r\n\rasa#", 0},
	    {"terminal pager 0\n", "terminal pager 0\r\n\rasa#", 0},
	    {"show run\n", "show run\r\n\rline 1\r\n\rline 2\r\n\rasa#", 0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_asa");
	x.p.secret = NULL;
	x.p.username = "admin";
	x.p.password = "pw";
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_run(d, "show run", &out, &len, &x.f), 0);
	assert_string_equal(out, "line 1\nline 2");
	free(out);
	dialogue_close(d);
	fake_free(&x.fk);
}

/*
 * ProCurve: Enter gets past "Press any key to continue", the logout's
 * questions are answered y (log out) and n (save).
 */
static void
test_procurve_any_key_logout(void **state)
{
	static const struct fake_step steps[] = {
	    {NULL, "HP Switch\r\n\r\nPress any key to continue", 0},
	    {"\n", "\x1b[2J\x1b[24;1Hsw1# ", 0}, {"\n", "\r\nsw1# ", 0},
	    {"terminal width 511\n", "terminal width 511\r\nsw1# ", 0},
	    {"no page\n", "no page\r\nsw1# ", 0},
	    {"logout\n", "logout\r\nDo you want to log out [y/n]? ", 0},
	    {"y\n",
		"y\r\nDo you want to save the current configuration "
		"[y/n]? ",
		0},
	    {"n\n", "n\r\n", 1}};
	struct fixture x;
	struct dialogue *d;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "hp_procurve");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	dialogue_close(d);
	expect_written(&x, "\n\nterminal width 511\nno page\nlogout\ny\nn\n");
	fake_free(&x.fk);
}

/* Junos: a root login in the shell starts the CLI; {master:0} is cut. */
static void
test_junos_shell_and_context(void **state)
{
	static const struct fake_step steps[] = {{NULL, "\r\nroot@r1:~ # ", 0},
	    {"\n", "\r\nroot@r1:~ # ", 0},
	    {"cli\n", "cli\r\n{master:0}\r\nroot@r1> ", 0},
	    {"\n", "\r\n{master:0}\r\nroot@r1> ", 0},
	    {"set cli screen-width 511\n",
		"set cli screen-width 511\r\nScreen width set to 511\r\n"
		"{master:0}\r\nroot@r1> ",
		0},
	    {"set cli screen-length 0\n",
		"set cli screen-length 0\r\nScreen length set to 0\r\n"
		"{master:0}\r\nroot@r1> ",
		0},
	    {"show version\n",
		"show version\r\nHostname: r1\r\n\r\n{master:0}\r\n"
		"root@r1> ",
		0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "juniper_junos");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_run(d, "show version", &out, &len, &x.f), 0);
	assert_string_equal(out, "Hostname: r1\n");
	free(out);
	dialogue_close(d);
	fake_free(&x.fk);
}

/* A prompt in colour escapes is the prompt on any platform. */
static void
test_coloured_prompt(void **state)
{
	static const struct fake_step steps[] = {
	    {NULL, "\r\n\x1b[01;32mR1#\x1b[00m", 0},
	    {"\n", "\r\n\x1b[01;32mR1#\x1b[00m", 0},
	    {"terminal width 511\n",
		"terminal width 511\r\n\x1b[01;32mR1#\x1b[00m", 0},
	    {"terminal length 0\n",
		"terminal length 0\r\n\x1b[01;32mR1#\x1b[00m", 0},
	    {"show clock\n", "show clock\r\n10:00\r\n\x1b[01;32mR1#\x1b[00m",
		0}};
	struct fixture x;
	struct dialogue *d;
	char *out;
	size_t len;

	(void)state;
	setup(&x, steps, NSTEPS(steps), "cisco_ios");
	assert_non_null(d = dialogue_open(&x.src, &x.p, &x.f));
	assert_int_equal(dialogue_run(d, "show clock", &out, &len, &x.f), 0);
	assert_string_equal(out, "10:00");
	free(out);
	dialogue_close(d);
	fake_free(&x.fk);
}

/* What --dry-run shows for a push. */
static void
test_config_plan(void **state)
{
	char *const lines[] = {"set system host-name r9"};
	struct buf b;

	(void)state;
	buf_init(&b);
	dialogue_config_plan(platform_find("juniper_junos"), lines, 1, 1, &b);
	assert_string_equal(
	    b.data, "configure\nset system host-name r9\ncommit and-quit\n");
	buf_reset(&b);
	dialogue_config_plan(platform_find("cisco_xr"), lines, 1, 1, &b);
	assert_string_equal(b.data,
	    "configure terminal\nset system host-name r9\ncommit\nend\n");
	buf_reset(&b);
	dialogue_config_plan(platform_find("arista_eos"), lines, 1, 1, &b);
	assert_string_equal(b.data,
	    "configure terminal\nset system host-name r9\nend\n"
	    "copy running-config startup-config\n");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_login_and_command),
	    cmocka_unit_test(test_banner_like_prompt),
	    cmocka_unit_test(test_no_prompt),
	    cmocka_unit_test(test_no_prompt_quoted),
	    cmocka_unit_test(test_enable_wrong_secret),
	    cmocka_unit_test(test_enable_reprompt),
	    cmocka_unit_test(test_enable_no_secret),
	    cmocka_unit_test(test_pager),
	    cmocka_unit_test(test_prompt_inside_output_and_mode_prompt),
	    cmocka_unit_test(test_read_timeout),
	    cmocka_unit_test(test_overall_deadline_caps_read),
	    cmocka_unit_test(test_overall_deadline_named),
	    cmocka_unit_test(test_closed_mid_output),
	    cmocka_unit_test(test_output_limit),
	    cmocka_unit_test(test_session_log_masks_secrets),
	    cmocka_unit_test(test_ansi_platform_prompt),
	    cmocka_unit_test(test_exec),
	    cmocka_unit_test(test_configure),
	    cmocka_unit_test(test_configure_refused),
	    cmocka_unit_test(test_configure_not_entered),
	    cmocka_unit_test(test_save_confirm),
	    cmocka_unit_test(test_asa_login),
	    cmocka_unit_test(test_procurve_any_key_logout),
	    cmocka_unit_test(test_junos_shell_and_context),
	    cmocka_unit_test(test_coloured_prompt),
	    cmocka_unit_test(test_config_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
