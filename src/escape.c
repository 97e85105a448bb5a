/*
 * escape: terminal escaping and UTF-8 repair of device bytes. A valid
 * UTF-8 sequence is decoded once (utf8_seq) and both filters decide from
 * it, so they agree on what a character is.
 */
#include <stdint.h>

#include "escape.h"

static size_t utf8_seq(const unsigned char *s, size_t n);

/*
 * C0 controls (but \n and \t unless line) and DEL, C1 controls written as
 * UTF-8 (U+0080..U+009F: U+009B is CSI to many terminals) and stray bytes
 * 0x80..0x9f (CSI and friends to an 8-bit terminal) all become \xNN.
 */
static void
escape(struct buf *dst, const char *s, size_t n, int line)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		k = utf8_seq(p + i, n - i);
		if ((p[i] < 0x20 && (line || (p[i] != '\n' && p[i] != '\t'))) ||
		    p[i] == 0x7f || (k == 0 && p[i] >= 0x80 && p[i] <= 0x9f)) {
			buf_appendf(dst, "\\x%02x", p[i]);
			i++;
		} else if (k == 2 && p[i] == 0xc2 && p[i + 1] <= 0x9f) {
			buf_appendf(dst, "\\x%02x\\x%02x", p[i], p[i + 1]);
			i += 2;
		} else {
			k = k == 0 ? 1 : k;
			buf_append(dst, s + i, k);
			i += k;
		}
	}
}

void
escape_tty(struct buf *dst, const char *s, size_t n)
{
	escape(dst, s, n, 0);
}

void
escape_line(struct buf *dst, const char *s, size_t n)
{
	escape(dst, s, n, 1);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF are invalid. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

void
escape_utf8(struct buf *dst, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	buf_reserve(dst, n);
	while (i < n) {
		size_t k = utf8_seq(p + i, n - i);

		if (k == 0) {
			buf_append(dst, "\xef\xbf\xbd", 3);
			i++;
		} else {
			buf_append(dst, s + i, k);
			i += k;
		}
	}
}
