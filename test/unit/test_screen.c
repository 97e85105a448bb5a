/*
 * Unit tests for screen: prompt matching at the end of the buffer only,
 * echo and prompt stripping (IOS backspace repaint too), every line-ending
 * form, ANSI removal, pagers, and secret masking split across feeds.
 * Every assertion is on exact bytes.
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

#define S(lit) lit, sizeof(lit) - 1

static struct screen_re *
ios_re(void)
{
	char err[256];
	struct screen_re *re;

	re = screen_re_new(
	    platform_find("cisco_ios")->prompt_re, err, sizeof(err));
	assert_non_null(re);
	return re;
}

static void
test_prompt_last_line_only(void **state)
{
	struct screen_re *re = ios_re();

	(void)state;
	assert_true(screen_last_line_matches(re, S("\r\nR1#"), 0));
	assert_true(screen_last_line_matches(re, S("x\r\nR1>"), 0));
	/* A prompt-like line inside output does not count. */
	assert_false(screen_last_line_matches(re, S("R1#\r\nline 2"), 0));
	assert_false(screen_last_line_matches(re, S("R1#\r\n"), 0));
	/* Banners made of '#' or with spaces are not prompts. */
	assert_false(screen_last_line_matches(re, S("\r\n##########"), 0));
	assert_false(screen_last_line_matches(re, S("router> switch#"), 0));
	assert_false(screen_last_line_matches(re, S(""), 0));
	screen_re_free(re);
}

static void
test_prompt_exact_end(void **state)
{
	(void)state;
	assert_true(screen_ends_with_prompt(S("out\r\nR1#"), "R1#", 0));
	assert_true(screen_ends_with_prompt(S("R1#"), "R1#", 0));
	/* Not on its own line, or followed by more text. */
	assert_false(screen_ends_with_prompt(S("xR1#"), "R1#", 0));
	assert_false(screen_ends_with_prompt(S("R1#\r\nlog R1#x"), "R1#", 0));
	assert_false(screen_ends_with_prompt(S("\r\nR1# "), "R1#", 0));
	assert_false(screen_ends_with_prompt(S("\r\nR11#"), "R1#", 0));
	/* ANSI-coloured prompt on an ANSI platform. */
	assert_true(
	    screen_ends_with_prompt(S("x\r\n\x1b[1mR1#\x1b[0m"), "R1#", 1));
}

static void
test_normalize(void **state)
{
	char s[] = "a\r\nb\r\r\nc\n\rd\re\r\r\r\nf\ng";
	char s2[] = "a\r\n\rb\n\r\nc";
	size_t n;

	(void)state;
	n = screen_normalize(s, sizeof(s) - 1);
	assert_int_equal(n, 13);
	assert_memory_equal(s, "a\nb\nc\nd\ne\nf\ng", 13);
	/* "\r\n\r" is "\r\n" then a lone "\r"; "\n\r\n" is "\n\r" + "\n". */
	memcpy(s, s2, sizeof(s2));
	n = screen_normalize(s, sizeof(s2) - 1);
	assert_int_equal(n, 7);
	assert_memory_equal(s, "a\n\nb\n\nc", 7);
	memcpy(s, "\r", 1);
	assert_int_equal(screen_normalize(s, 1), 1);
	assert_int_equal(s[0], '\n');
}

/* The ASA's "\r\n\r" is one line end: "\r\n" before normalising. */
static void
test_crlfcr(void **state)
{
	char s[] = "a\r\n\rb\r\n\rR1# \r\n\r\r\nc\r\n\r";
	size_t n;

	(void)state;
	n = screen_crlfcr(s, sizeof(s) - 1);
	assert_int_equal(n, 17);
	assert_memory_equal(s, "a\r\nb\r\nR1# \r\n\r\nc\r\n", 17);
	n = screen_normalize(s, n);
	assert_memory_equal(s, "a\nb\nR1# \n\nc\n", n);
}

static void
test_strip_ansi(void **state)
{
	char s[128];
	const char in[] = "\x1b[?25l\x1b[1;32mgreen\x1b[0m\x1b[K x\x1b"
			  "E"
			  "y\x1b]0;title\ax\x1b(Bz";
	size_t n;

	(void)state;
	memcpy(s, in, sizeof(in) - 1);
	n = screen_strip_ansi(s, sizeof(in) - 1);
	assert_int_equal(n, 11);
	assert_memory_equal(s, "green x\nyxz", 11);
}

static void
test_clean_basic(void **state)
{
	char *o;
	size_t n;

	(void)state;
	o = screen_clean(S("show clock\r\n*10:00:00 UTC\r\nline 2\r\nR1#"),
	    "show clock", "R1", 0, &n);
	assert_int_equal(n, 20);
	assert_string_equal(o, "*10:00:00 UTC\nline 2");
	free(o);
	/* Error text is output. */
	o = screen_clean(S("shw\r\n          ^\r\n% Invalid input detected at "
			   "'^' marker.\r\n\r\nR1#"),
	    "shw", "R1", 0, &n);
	assert_string_equal(
	    o, "          ^\n% Invalid input detected at '^' marker.\n");
	assert_int_equal(n, strlen(o));
	free(o);
	/* No output at all. */
	o = screen_clean(S("conf t\r\nR1(config)#"), "conf t", "R1", 0, &n);
	assert_int_equal(n, 0);
	assert_string_equal(o, "");
	free(o);
	/* A prompt-like line inside stays. */
	o = screen_clean(
	    S("show log\r\nR1#fake\r\nend\r\nR1#"), "show log", "R1", 0, &n);
	assert_string_equal(o, "R1#fake\nend");
	free(o);
}

static void
test_clean_backspace_repaint(void **state)
{
	char *o;
	size_t n;
	const char raw[] = "show running-config | include very long\b\b\b\b"
			   "$ng-config | include very long pattern\r\n"
			   "hostname R1\r\nR1#";

	(void)state;
	o = screen_clean(S(raw),
	    "show running-config | include very long pattern", "R1", 0, &n);
	assert_string_equal(o, "hostname R1");
	assert_int_equal(n, 11);
	free(o);
}

static void
test_clean_ansi_platform(void **state)
{
	char *o;
	size_t n;

	(void)state;
	o = screen_clean(S("ls\r\n\x1b[01;34mdir\x1b[0m  file\r\n"
			   "\x1b[32muser@h:~$\x1b[0m "),
	    "ls", "user@h:~", 1, &n);
	assert_string_equal(o, "dir  file");
	free(o);
}

static void
test_pager(void **state)
{
	(void)state;
	assert_int_equal(screen_pager_at_end(S("a\r\nb\r\n --More-- ")), 6);
	assert_int_equal(screen_pager_at_end(S("a\r\n--More--")), 3);
	assert_int_equal(screen_pager_at_end(S("a\r\n-- More --")), 3);
	assert_int_equal(screen_pager_at_end(S("a\n<--- More --->")), 2);
	assert_int_equal(screen_pager_at_end(S("a\r\n---(more)---")), 3);
	assert_int_equal(screen_pager_at_end(S("a\r\n---(more 45%)---")), 3);
	assert_int_equal(screen_pager_at_end(S("-- more text --")), -1);
	/* Not at the end: text after it, or just the word "more". */
	assert_int_equal(screen_pager_at_end(S(" --More-- \r\nx")), -1);
	assert_int_equal(screen_pager_at_end(S("show more details")), -1);
	assert_int_equal(screen_pager_at_end(S("")), -1);
	/* The erase sequences after answering. */
	assert_int_equal(screen_pager_erase_len(S("\b\b\b  \b\bnext")), 7);
	assert_int_equal(screen_pager_erase_len(S("\r          \rnext")), 12);
	assert_int_equal(screen_pager_erase_len(S("\x1b[Knext")), 3);
	assert_int_equal(screen_pager_erase_len(S("next")), 0);
}

static void
feed_all(struct screen_mask *m, const char *in, size_t chunk, struct buf *out)
{
	size_t len = strlen(in), i, n;

	for (i = 0; i < len; i += n) {
		n = len - i < chunk ? len - i : chunk;
		screen_mask_feed(m, in + i, n, out);
	}
	screen_mask_flush(m, out);
}

static void
test_mask_split(void **state)
{
	struct screen_mask m;
	struct buf out;
	size_t chunk;
	const char in[] = "Password: s3cr3t\r\nR1#s3cr3ts3cr3 en4ble x";
	const char want[] = "Password: ********\r\nR1#********s3cr3 "
			    "******** x";

	(void)state;
	for (chunk = 1; chunk <= sizeof(in); chunk++) {
		screen_mask_init(&m);
		screen_mask_add(&m, "s3cr3t");
		screen_mask_add(&m, "en4ble");
		buf_init(&out);
		feed_all(&m, in, chunk, &out);
		assert_int_equal(out.len, sizeof(want) - 1);
		assert_memory_equal(out.data, want, out.len);
		buf_free(&out);
		screen_mask_free(&m);
	}
}

static void
test_mask_holds_back(void **state)
{
	struct screen_mask m;
	struct buf out;

	(void)state;
	screen_mask_init(&m);
	screen_mask_add(&m, "abcd");
	buf_init(&out);
	/* "xab" could be the start of "abcd": only "x" may be written. */
	screen_mask_feed(&m, S("xab"), &out);
	assert_int_equal(out.len, 1);
	screen_mask_feed(&m, S("cd!"), &out);
	screen_mask_flush(&m, &out);
	assert_int_equal(out.len, 10);
	assert_memory_equal(out.data, "x********!", 10);
	buf_free(&out);
	screen_mask_free(&m);
	/* No secrets: everything passes at once. */
	screen_mask_init(&m);
	screen_mask_add(&m, "");
	buf_init(&out);
	screen_mask_feed(&m, S("abc"), &out);
	assert_int_equal(out.len, 3);
	buf_free(&out);
	screen_mask_free(&m);
}

static void
test_bracketed_paste(void **state)
{
	/* OpenSSH + bash 5.2, "uname -a" on a pty. */
	static const char raw[] = "uname -a\r\n\x1b[?2004l\rLinux h 6.1.0\r\n"
				  "\x1b[?2004hadmin@h:~$ ";
	char *out;
	size_t n;

	(void)state;
	out =
	    screen_clean(raw, sizeof(raw) - 1, "uname -a", "admin@h:~", 1, &n);
	assert_string_equal(out, "Linux h 6.1.0");
	free(out);
}

static void
test_quote(void **state)
{
	char *q;

	(void)state;
	q = screen_quote(S("\x1b[31mR1>\r\n\t\x7f"), 60);
	assert_string_equal(q, "\\x1b[31mR1>\\x0d\\x0a\\x09\\x7f");
	free(q);
	/* UTF-8 text stays; a C1 control as UTF-8 or a stray byte does not. */
	q = screen_quote(S("caf\xc3\xa9 \xe2\x82\xac \xc2\x9b"
			   "2J \x9b \xff"),
	    60);
	assert_string_equal(
	    q, "caf\xc3\xa9 \xe2\x82\xac \\xc2\\x9b2J \\x9b \\xff");
	free(q);
	/* At most max bytes of the input. */
	q = screen_quote(S("abcdef"), 3);
	assert_string_equal(q, "abc");
	free(q);
	q = screen_quote("", 0, 60);
	assert_string_equal(q, "");
	free(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_quote),
	    cmocka_unit_test(test_bracketed_paste),
	    cmocka_unit_test(test_prompt_last_line_only),
	    cmocka_unit_test(test_prompt_exact_end),
	    cmocka_unit_test(test_normalize),
	    cmocka_unit_test(test_crlfcr),
	    cmocka_unit_test(test_strip_ansi),
	    cmocka_unit_test(test_clean_basic),
	    cmocka_unit_test(test_clean_backspace_repaint),
	    cmocka_unit_test(test_clean_ansi_platform),
	    cmocka_unit_test(test_pager),
	    cmocka_unit_test(test_mask_split),
	    cmocka_unit_test(test_mask_holds_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
