/*
 * Unit tests for platform: every device_type listed is in the table, its
 * patterns compile, real prompts of that platform match it as a last
 * line, and banner-like lines do not; each platform's refusal text is
 * found as a line of output, ordinary output is not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "platform.h"
#include "screen.h"
#include "util.h"

static void
test_list_and_find(void **state)
{
	struct buf names;
	char *list, *name, *save = NULL;
	size_t n = 0;

	(void)state;
	buf_init(&names);
	platform_names(&names);
	list = xstrndup(names.data, names.len);
	buf_free(&names);
	for (name = strtok_r(list, ", ", &save); name != NULL;
	     name = strtok_r(NULL, ", ", &save)) {
		const struct platform *p = platform_find(name);
		struct screen_re *re;
		char err[256];

		assert_non_null(p);
		assert_string_equal(p->name, name);
		re = screen_re_new(p->prompt_re, err, sizeof(err));
		assert_non_null(re);
		screen_re_free(re);
		if (p->enable_cmd != NULL) {
			re = screen_re_new(
			    p->enable_prompt_re, err, sizeof(err));
			assert_non_null(re);
			screen_re_free(re);
		}
		assert_non_null(p->exit_cmd);
		if (p->context_re != NULL) {
			re = screen_re_new(p->context_re, err, sizeof(err));
			assert_non_null(re);
			screen_re_free(re);
		}
		/* A push must be able to leave after a refusal. */
		if (p->config_cmd != NULL)
			assert_non_null(p->config_abort[0]);
		n++;
	}
	assert_int_equal(n, 10);
	assert_null(platform_find("cisco"));
	assert_null(platform_find(""));
	free(list);
}

static int
matches(const char *type, const char *line)
{
	char err[256];
	struct screen_re *re;
	int m;

	re = screen_re_new(platform_find(type)->prompt_re, err, sizeof(err));
	assert_non_null(re);
	m = screen_last_line_matches(re, line, strlen(line), 1);
	screen_re_free(re);
	return m;
}

static void
test_prompts(void **state)
{
	(void)state;
	assert_true(matches("cisco_ios", "\r\nR1>"));
	assert_true(matches("cisco_ios", "\r\nsw-core.lab#"));
	assert_true(matches("cisco_ios", "\r\nR1(config-if)#"));
	assert_true(matches("cisco_xr", "\r\nRP/0/RSP0/CPU0:xr1#"));
	assert_true(matches("cisco_nxos", "\r\nnx1# "));
	assert_true(matches("cisco_asa", "\r\nasa1/pri/act> "));
	assert_true(matches("arista_eos", "\r\neos1>"));
	assert_true(matches("juniper_junos", "\r\nadmin@mx1> "));
	assert_true(matches("juniper_junos", "\r\nadmin@mx1# "));
	/* Junos's shell, where a root login lands. */
	assert_true(matches("juniper_junos", "\r\nroot@mx1:~ # "));
	assert_true(matches("juniper_junos", "\r\nroot@mx1% "));
	assert_true(matches("juniper_junos", "\r\n% "));
	/* Mode prompts, a cut-short one too. */
	assert_true(matches("cisco_xr", "\r\nRP/0/RP0/CPU0:xr1(config-if)#"));
	assert_true(matches("cisco_nxos", "\r\nnx1(config)# "));
	assert_true(matches("linux", "\r\nuser@host:~$ "));
	assert_true(matches("linux", "\r\n\x1b[01;32mroot@h\x1b[00m:/tmp# "));
	assert_true(matches("hp_procurve", "\r\nHP-2920# "));
	assert_true(matches("generic", "\r\nanything %"));
	/* Banner lines are not prompts. */
	assert_false(matches("cisco_ios", "\r\n#################"));
	assert_false(matches("cisco_ios", "\r\nrouter> switch#"));
	assert_false(
	    matches("cisco_ios", "\r\nUnauthorized access > denied#x"));
	assert_false(matches("cisco_ios", "R1#\r\nmore"));
}

/* pattern's first matching line in text, or "" (caller frees). */
static char *
refusal(const char *type, const char *text)
{
	const struct platform *pf = platform_find(type);
	struct screen_re *re;
	char err[256];
	size_t off, n;
	char *line;

	assert_non_null(pf);
	assert_non_null(pf->error_re);
	re = screen_re_new(pf->error_re, err, sizeof(err));
	assert_non_null(re);
	if (screen_re_find_line(re, text, strlen(text), &off, &n))
		line = xstrndup(text + off, n);
	else
		line = xstrdup("");
	screen_re_free(re);
	return line;
}

#define EXPECT_REFUSAL(type, text, want)                                       \
	do {                                                                   \
		char *got_ = refusal(type, text);                              \
		assert_string_equal(got_, want);                               \
		free(got_);                                                    \
	} while (0)

static void
test_refusals(void **state)
{
	static const char *const cisco[] = {"cisco_ios", "cisco_xe", "cisco_xr",
	    "cisco_nxos", "arista_eos", "cisco_asa"};

	(void)state;
	for (size_t i = 0; i < sizeof(cisco) / sizeof(cisco[0]); i++) {
		EXPECT_REFUSAL(cisco[i],
		    "         ^\n% Invalid input detected at "
		    "'^' marker.\n",
		    "% Invalid input detected at '^' marker.");
		EXPECT_REFUSAL(cisco[i], "% Incomplete command.\n",
		    "% Incomplete command.");
		EXPECT_REFUSAL(cisco[i], "% Ambiguous command:  \"sh\"",
		    "% Ambiguous command:  \"sh\"");
		/* Ordinary output, and a '%' that is not at a line start. */
		EXPECT_REFUSAL(cisco[i],
		    "Interface  IP-Address\nCPU 5% used, % Invalid x", "");
	}
	EXPECT_REFUSAL("arista_eos", "% Invalid input\n", "% Invalid input");
	EXPECT_REFUSAL("cisco_nxos", "% Invalid command at '^' marker.",
	    "% Invalid command at '^' marker.");
	EXPECT_REFUSAL("cisco_asa",
	    "ERROR: % Invalid input detected at '^' "
	    "marker.",
	    "ERROR: % Invalid input detected at '^' marker.");
	EXPECT_REFUSAL("juniper_junos",
	    "                  ^\nunknown command.\n", "unknown command.");
	EXPECT_REFUSAL("juniper_junos", "syntax error, expecting <command>.",
	    "syntax error, expecting "
	    "<command>.");
	EXPECT_REFUSAL("juniper_junos",
	    "          ^\n's' is ambiguous.\nPossible completions:\n",
	    "'s' is ambiguous.");
	EXPECT_REFUSAL("juniper_junos", "Physical interface: ge-0/0/0", "");
	EXPECT_REFUSAL(
	    "hp_procurve", "Invalid input: foo", "Invalid input: foo");
	assert_null(platform_find("linux")->error_re);
	assert_null(platform_find("generic")->error_re);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_list_and_find),
	    cmocka_unit_test(test_prompts),
	    cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
