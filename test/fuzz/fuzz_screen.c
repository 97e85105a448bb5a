/*
 * libFuzzer harness for the output cleaner (screen.c). Input layout:
 *   byte 0: bit 0 ansi, bits 1-4 platform (prompt patterns), bits 5-7
 *           the feed size for secret masking (1 << n bytes)
 *   then, separated by NUL bytes: the command, the prompt, the secrets
 *   (split on 0x01, at most SCREEN_MASK_MAX), and the raw device output
 *   (the rest, NULs included).
 * Invariants checked: cleaning never grows the text and leaves no '\r',
 * no backspace and (with ansi) no ESC; stripping and normalising are
 * idempotent and never grow; the last line has no line break; a prompt
 * or pattern only matches the whole last line, NUL bytes included; a
 * pager line holds only pager characters; masking gives the same bytes
 * however the stream is split, and never lets a secret through.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "screen.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const types[] = {"cisco_ios", "cisco_xe", "cisco_nxos",
    "cisco_asa", "cisco_xr", "arista_eos", "juniper_junos", "hp_procurve",
    "linux", "generic"};
#define NTYPES (sizeof(types) / sizeof(types[0]))

static struct screen_re *prompt_re[NTYPES], *enable_re[NTYPES];

static void
compile_all(void)
{
	const struct platform *p;
	char err[256];
	size_t i;

	for (i = 0; i < NTYPES; i++) {
		if ((p = platform_find(types[i])) == NULL ||
		    (prompt_re[i] = screen_re_new(
			 p->prompt_re, err, sizeof(err))) == NULL)
			abort();
		if (p->enable_prompt_re != NULL &&
		    (enable_re[i] = screen_re_new(
			 p->enable_prompt_re, err, sizeof(err))) == NULL)
			abort();
	}
}

/* The next NUL-terminated field of the input, as a new string. */
static char *
field(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *z = memchr(*p, 0, (size_t)(end - *p));
	size_t n = z != NULL ? (size_t)(z - *p) : (size_t)(end - *p);
	char *s = xstrndup((const char *)*p, n);

	*p += z != NULL ? n + 1 : n;
	return s;
}

static char *
dup_bytes(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* The last line of raw as the screen sees it: ANSI stripped if asked. */
static char *
last_line(const char *raw, size_t len, int ansi, size_t *n)
{
	size_t off = screen_last_line(raw, len);
	char *l = dup_bytes(raw + off, len - off);

	*n = len - off;
	if (ansi)
		*n = screen_strip_ansi(l, *n);
	return l;
}

static void
check_clean(
    const char *raw, size_t len, const char *cmd, const char *prompt, int ansi)
{
	size_t n;
	char *out;

	out = screen_clean(raw, len, cmd, prompt, ansi, &n);
	if (out == NULL || n > len || out[n] != '\0' ||
	    memchr(out, '\r', n) != NULL || memchr(out, '\b', n) != NULL ||
	    (ansi && memchr(out, '\x1b', n) != NULL))
		abort();
	free(out);
}

static void
check_transforms(const char *raw, size_t len)
{
	char *a = dup_bytes(raw, len), *b;
	size_t n, m;

	n = screen_strip_ansi(a, len);
	if (n > len || memchr(a, '\x1b', n) != NULL)
		abort();
	b = dup_bytes(a, n);
	if (screen_strip_ansi(b, n) != n || memcmp(a, b, n) != 0)
		abort();
	free(b);
	free(a);

	a = dup_bytes(raw, len);
	n = screen_normalize(a, len);
	if (n > len || memchr(a, '\r', n) != NULL)
		abort();
	b = dup_bytes(a, n);
	m = screen_normalize(b, n);
	if (m != n || memcmp(a, b, n) != 0)
		abort();
	free(b);
	free(a);
}

static void
check_lines(
    const char *raw, size_t len, const char *prompt, int ansi, size_t type)
{
	size_t off = screen_last_line(raw, len), n, plen = strlen(prompt);
	ssize_t pg;
	char *l, *dup;
	int want;

	if (off > len || memchr(raw + off, '\n', len - off) != NULL ||
	    memchr(raw + off, '\r', len - off) != NULL)
		abort();
	l = last_line(raw, len, ansi, &n);
	dup = screen_last_line_dup(raw, len, ansi);
	if (strncmp(dup, l, n) != 0)
		abort();
	free(dup);

	want = n > 0 && screen_re_match(prompt_re[type], l, n);
	if (screen_last_line_matches(prompt_re[type], raw, len, ansi) != want)
		abort();
	if (enable_re[type] != NULL) {
		want = n > 0 && screen_re_match(enable_re[type], l, n);
		if (screen_last_line_matches(enable_re[type], raw, len, ansi) !=
		    want)
			abort();
	}
	if (strpbrk(prompt, "\r\n") == NULL) {
		want = plen > 0 && n == plen && memcmp(l, prompt, n) == 0;
		if (screen_ends_with_prompt(raw, len, prompt, ansi) != want)
			abort();
	}
	free(l);

	pg = screen_pager_at_end(raw, len);
	if (pg != -1) {
		if (pg < 0 || (size_t)pg > len ||
		    memchr(raw + pg, '\n', len - (size_t)pg) != NULL ||
		    memchr(raw + pg, '\r', len - (size_t)pg) != NULL ||
		    memchr(raw + pg, '\0', len - (size_t)pg) != NULL)
			abort();
	}
	if (screen_pager_erase_len(raw, len) > len)
		abort();
}

/* Mask raw in pieces of step bytes and in one piece: same bytes. */
static void
check_mask(const char *raw, size_t len, char *secrets, size_t step)
{
	struct screen_mask a, b;
	struct buf oa, ob;
	char *s, *next;
	size_t i, nsec = 0;
	const char *sec[SCREEN_MASK_MAX];

	screen_mask_init(&a);
	screen_mask_init(&b);
	for (s = secrets; s != NULL && nsec < SCREEN_MASK_MAX; s = next) {
		if ((next = strchr(s, '\x01')) != NULL)
			*next++ = '\0';
		screen_mask_add(&a, s);
		screen_mask_add(&b, s);
		if (s[0] != '\0')
			sec[nsec++] = s;
	}
	buf_init(&oa);
	buf_init(&ob);
	for (i = 0; i < len; i += step) {
		screen_mask_feed(
		    &a, raw + i, len - i < step ? len - i : step, &oa);
		if (a.pending.len > a.hold)
			abort();
	}
	screen_mask_flush(&a, &oa);
	screen_mask_feed(&b, raw, len, &ob);
	screen_mask_flush(&b, &ob);
	if (oa.len != ob.len ||
	    (oa.len > 0 && memcmp(oa.data, ob.data, oa.len) != 0))
		abort();
	for (i = 0; i < nsec; i++)
		if (strchr(sec[i], '*') == NULL && ob.len > 0 &&
		    memmem(ob.data, ob.len, sec[i], strlen(sec[i])) != NULL)
			abort();
	buf_free(&oa);
	buf_free(&ob);
	screen_mask_free(&a);
	screen_mask_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data + 1, *end = data + size;
	char *cmd, *prompt, *secrets, *raw;
	size_t len, type;
	int ansi;

	if (prompt_re[0] == NULL)
		compile_all();
	if (size == 0)
		return 0;
	ansi = data[0] & 1;
	type = (size_t)(data[0] >> 1 & 0xf) % NTYPES;
	cmd = field(&p, end);
	prompt = field(&p, end);
	secrets = field(&p, end);
	len = (size_t)(end - p);
	raw = dup_bytes((const char *)p, len);

	check_clean(raw, len, cmd, prompt[0] != '\0' ? prompt : NULL, ansi);
	check_clean(raw, len, cmd, prompt, !ansi);
	check_transforms(raw, len);
	check_lines(raw, len, prompt, ansi, type);
	check_mask(raw, len, secrets, (size_t)1 << (data[0] >> 5));

	free(raw);
	free(secrets);
	free(prompt);
	free(cmd);
	return 0;
}
