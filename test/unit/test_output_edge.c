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

#include "escape.h"
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
	escape_tty(&b, in, n);
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

/* Sanitized, a JSON string, dumped, parsed back: the same bytes. */
static void
json_round_trip(const char *in, size_t n, const char *want, size_t wantlen)
{
	struct buf b;
	json_t *j, *back;
	json_error_t jerr;
	char *dump;

	buf_init(&b);
	escape_utf8(&b, in, n);
	assert_int_equal(b.len, wantlen);
	assert_memory_equal(b.data, want, wantlen);
	j = json_stringn(b.data, b.len);
	assert_non_null(j);
	dump = json_dumps(j, JSON_ENCODE_ANY);
	assert_non_null(dump);
	back = json_loads(dump, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	assert_non_null(back);
	assert_int_equal(json_string_length(back), wantlen);
	assert_memory_equal(json_string_value(back), want, wantlen);
	json_decref(back);
	free(dump);
	json_decref(j);
	buf_free(&b);
}

static void
test_nul_bytes(void **state)
{
	static const char raw[] = "show x\r\na\0b\r\n\0\r\nR1#";
	struct buf b;
	json_t *j;
	char *out, *dump;
	size_t n;
	int ansi;

	(void)state;
	/* The cleaner keeps NULs; the length says where the output ends. */
	for (ansi = 0; ansi <= 1; ansi++) {
		out = screen_clean(
		    raw, sizeof(raw) - 1, "show x", "R1", ansi, &n);
		assert_int_equal(n, 5);
		assert_memory_equal(out, "a\0b\n\0", 6);
		free(out);
	}
	/* JSON carries them as \u0000; the terminal sees \x00. */
	buf_init(&b);
	escape_utf8(&b, "a\0b", 3);
	j = json_stringn(b.data, b.len);
	assert_non_null(j);
	dump = json_dumps(j, JSON_ENCODE_ANY);
	assert_string_equal(dump, "\"a\\u0000b\"");
	free(dump);
	json_decref(j);
	buf_free(&b);
	json_round_trip("a\0b", 3, "a\0b", 3);
	check_tty("a\0b", 3, "a\\x00b");
}

#define FFFD "\xef\xbf\xbd"

/* Invalid UTF-8: each invalid byte becomes U+FFFD; JSON stays valid. */
static void
test_invalid_utf8_json(void **state)
{
	char all[256];
	struct buf b;
	size_t i, nfffd = 0;
	json_t *j;

	(void)state;
	json_round_trip("a\xff"
			"b",
	    3, "a" FFFD "b", 5);
	/* A truncated sequence, an overlong '/', a surrogate, > U+10FFFF. */
	json_round_trip("\xc3(", 2, FFFD "(", 4);
	json_round_trip("\xc0\xaf", 2, FFFD FFFD, 6);
	json_round_trip("\xed\xa0\x80", 3, FFFD FFFD FFFD, 9);
	json_round_trip("\xf4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD, 12);
	json_round_trip("ok\xe2\x82", 4, "ok" FFFD FFFD, 8);
	/* Valid text is kept as is, emoji included. */
	json_round_trip("caf\xc3\xa9 \xf0\x9f\x98\x80", 10,
	    "caf\xc3\xa9 \xf0\x9f\x98\x80", 10);
	/* Every byte value once: 0x80..0xff are all stray here. */
	for (i = 0; i < 256; i++)
		all[i] = (char)i;
	buf_init(&b);
	escape_utf8(&b, all, sizeof(all));
	assert_int_equal(b.len, 128 + 128 * 3);
	for (i = 0; i + 3 <= b.len; i++)
		if (memcmp(b.data + i, FFFD, 3) == 0)
			nfffd++;
	assert_int_equal(nfffd, 128);
	j = json_stringn(b.data, b.len);
	assert_non_null(j);
	json_decref(j);
	/* What jansson refuses without the sanitizer. */
	assert_null(json_stringn(all, sizeof(all)));
	buf_free(&b);
}

/* A 10 MB line with no break: exact length, bounded time. */
static void
test_ten_megabyte_line(void **state)
{
	const size_t mb10 = 10u * 1024 * 1024;
	const char *cmd = "show tech-support";
	struct screen_re *re;
	struct screen_mask m;
	struct buf raw, b;
	char err[128], *out;
	size_t n, i;
	int64_t t0;
	int ansi;

	(void)state;
	buf_init(&raw);
	buf_appendf(&raw, "%s\r\n", cmd);
	memset(buf_reserve(&raw, mb10), 'x', mb10);
	raw.len += mb10;
	t0 = mono_ns();
	re = screen_re_new(
	    platform_find("generic")->prompt_re, err, sizeof(err));
	assert_non_null(re);
	/* Still reading: no prompt, no pager at the end of the line. */
	assert_false(screen_last_line_matches(re, raw.data, raw.len, 1));
	assert_int_equal(screen_pager_at_end(raw.data, raw.len), -1);
	buf_append(&raw, "\r\nR1#", 5);
	assert_true(screen_last_line_matches(re, raw.data, raw.len, 1));
	for (ansi = 0; ansi <= 1; ansi++) {
		out = screen_clean(raw.data, raw.len, cmd, "R1", ansi, &n);
		assert_int_equal(n, mb10);
		assert_int_equal(out[0], 'x');
		assert_int_equal(out[n - 1], 'x');
		assert_null(memchr(out, '\n', n));
		free(out);
	}
	/* Masking in 64 KiB reads, UTF-8 repair and tty escaping. */
	screen_mask_init(&m);
	screen_mask_add(&m, "xxy");
	buf_init(&b);
	for (i = 0; i < raw.len; i += 65536)
		screen_mask_feed(&m, raw.data + i,
		    raw.len - i < 65536 ? raw.len - i : 65536, &b);
	screen_mask_flush(&m, &b);
	assert_int_equal(b.len, raw.len);
	screen_mask_free(&m);
	buf_reset(&b);
	escape_utf8(&b, raw.data, raw.len);
	assert_int_equal(b.len, raw.len);
	buf_reset(&b);
	escape_tty(&b, raw.data, raw.len);
	assert_int_equal(b.len, raw.len + 2 * 3); /* \r twice, as \x0d */
	buf_free(&b);
	screen_re_free(re);
	buf_free(&raw);
	/* Linear: a fraction of a second, seconds under sanitizers. */
	assert_true(mono_ns() - t0 < 30 * NS_PER_SEC);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mask_secret_prefix_of_another),
	    cmocka_unit_test(test_nul_in_last_line),
	    cmocka_unit_test(test_tty_escapes),
	    cmocka_unit_test(test_nul_bytes),
	    cmocka_unit_test(test_invalid_utf8_json),
	    cmocka_unit_test(test_ten_megabyte_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
