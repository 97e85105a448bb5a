/*
 * pystr: Python 3 text semantics over UTF-8. TextFSM reads its input as a
 * Python str (bytes decoded with errors='replace') and cuts it with
 * str.splitlines(); templates are cut by rstrip() and strip(). The
 * character sets below are Python 3.11's, checked code point by code point
 * against the interpreter; everything else here assumes valid UTF-8,
 * which pystr_utf8_replace guarantees.
 */
#include <stdlib.h>
#include <string.h>

#include "pystr.h"
#include "util.h"

int
pystr_isspace(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) ||
		    (cp >= 0x1c && cp <= 0x1f);
	switch (cp) {
	case 0x85:
	case 0xa0:
	case 0x1680:
	case 0x2028:
	case 0x2029:
	case 0x202f:
	case 0x205f:
	case 0x3000:
		return 1;
	}
	return cp >= 0x2000 && cp <= 0x200a;
}

size_t
pystr_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80 || n < 2) {
		*cp = u[0];
		return 1;
	}
	if (u[0] < 0xe0) {
		*cp = ((uint32_t)(u[0] & 0x1f) << 6) | (u[1] & 0x3f);
		return 2;
	}
	if (u[0] < 0xf0 || n < 4) {
		*cp = ((uint32_t)(u[0] & 0x0f) << 12) |
		    ((uint32_t)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
		return 3;
	}
	*cp = ((uint32_t)(u[0] & 0x07) << 18) |
	    ((uint32_t)(u[1] & 0x3f) << 12) | ((uint32_t)(u[2] & 0x3f) << 6) |
	    (u[3] & 0x3f);
	return 4;
}

size_t
pystr_prev_len(const char *s, size_t n)
{
	size_t k = 1;

	while (k < n && k < 4 && ((unsigned char)s[n - k] & 0xc0) == 0x80)
		k++;
	return k;
}

int
pystr_is_ascii(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t w, acc = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= w;
	}
	for (; i < n; i++)
		acc |= (unsigned char)s[i];
	return (acc & UINT64_C(0x8080808080808080)) == 0;
}

size_t
pystr_ncodepoints(const char *s, size_t n)
{
	size_t i = 0, c = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if ((w & UINT64_C(0x8080808080808080)) == 0) {
			c += 8;
			continue;
		}
		/* Count the bytes that are not 10xxxxxx continuations. */
		w = ~(w & ~(w << 1)) & UINT64_C(0x8080808080808080);
		c += (size_t)__builtin_popcountll(w);
	}
	for (; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/*
 * Length of the well-formed sequence at s, or 0 when it is ill-formed, in
 * which case *bad is the length of its maximal subpart (what one U+FFFD
 * replaces). The table is Unicode's "well-formed UTF-8 byte sequences".
 */
static size_t
seq_len(const unsigned char *s, size_t n, size_t *bad)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xc2 || s[0] > 0xf4) {
		*bad = 1;
		return 0;
	}
	need = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	for (i = 1; i < need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*bad = i;
			return 0;
		}
		lo = 0x80;
		hi = 0xbf;
	}
	return need;
}

size_t
pystr_utf8_prefix(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, bad;
	uint64_t w;

	while (i < n) {
		if (i + 8 <= n) {
			memcpy(&w, u + i, 8);
			if ((w & UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				continue;
			}
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = seq_len(u + i, n - i, &bad)) == 0)
			return i;
		i += k;
	}
	return n;
}

int
pystr_utf8_valid(const char *s, size_t n)
{
	return pystr_utf8_prefix(s, n) == n;
}

char *
pystr_utf8_replace(const char *s, size_t n, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)s;
	struct buf b;
	size_t i = 0, k, bad;

	if (pystr_utf8_valid(s, n))
		return NULL;
	buf_init(&b);
	while (i < n) {
		if ((k = seq_len(u + i, n - i, &bad)) > 0) {
			buf_append(&b, u + i, k);
			i += k;
		} else {
			buf_append(&b, "\xef\xbf\xbd", 3);
			i += bad;
		}
	}
	return buf_steal(&b, outlen);
}

/* Length of the line break at s (0 if none); valid UTF-8 assumed. */
static size_t
break_len(const unsigned char *s, size_t n)
{
	switch (s[0]) {
	case '\r':
		return n > 1 && s[1] == '\n' ? 2 : 1;
	case '\n':
	case 0x0b:
	case 0x0c:
	case 0x1c:
	case 0x1d:
	case 0x1e:
		return 1;
	case 0xc2:
		return n > 1 && s[1] == 0x85 ? 2 : 0;
	case 0xe2:
		return n > 2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9)
		    ? 3
		    : 0;
	}
	return 0;
}

/* Bytes that may start a line break: \n \v \f \r \x1c-\x1e, 0xc2, 0xe2. */
static const unsigned char break_start[256] = {[0x0a] = 1,
    [0x0b] = 1,
    [0x0c] = 1,
    [0x0d] = 1,
    [0x1c] = 1,
    [0x1d] = 1,
    [0x1e] = 1,
    [0xc2] = 1,
    [0xe2] = 1};

int
pystr_next_line(
    const char *s, size_t n, size_t *pos, const char **line, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = *pos, k;

	if (i >= n)
		return 0;
	*line = s + i;
	for (; i < n; i++) {
		/* Eight bytes at a time while none is below 0x20 or above 0x7f. */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, u + i, 8);
			if (((w - UINT64_C(0x2020202020202020)) | w) &
			    UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (!break_start[u[i]])
			continue;
		if ((k = break_len(u + i, n - i)) > 0) {
			*len = (size_t)(s + i - *line);
			*pos = i + k;
			return 1;
		}
	}
	*len = (size_t)(s + n - *line);
	*pos = n;
	return 1;
}

size_t
pystr_rstrip(const char *s, size_t n)
{
	uint32_t cp;
	size_t k;

	while (n > 0) {
		k = pystr_prev_len(s, n);
		pystr_decode(s + n - k, k, &cp);
		if (!pystr_isspace(cp))
			break;
		n -= k;
	}
	return n;
}

size_t
pystr_lstrip(const char *s, size_t n)
{
	uint32_t cp;
	size_t i = 0, k;

	while (i < n) {
		k = pystr_decode(s + i, n - i, &cp);
		if (!pystr_isspace(cp))
			break;
		i += k;
	}
	return i;
}
