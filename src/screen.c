/*
 * screen: text logic for a pty CLI, kept free of I/O so it can be unit
 * tested byte for byte. The session feeds it what it read; screen decides
 * whether the buffer ends at a prompt or a pager and how to turn raw
 * bytes into what Netmiko's send_command would have returned. The one
 * rule that makes us better than Netmiko lives here: a prompt only counts
 * as the last line of the buffer, never somewhere inside it.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pcre2.h>

#include "screen.h"
#include "util.h"

struct screen_re {
	pcre2_code *code;
	pcre2_match_data *md;
};

struct screen_re *
screen_re_new(const char *pattern, char *err, size_t errlen)
{
	struct screen_re *re;
	int ecode;
	PCRE2_SIZE eoff;
	PCRE2_UCHAR msg[128];

	re = xcalloc(1, sizeof(*re));
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_MULTILINE, &ecode, &eoff, NULL);
	if (re->code == NULL) {
		pcre2_get_error_message(ecode, msg, sizeof(msg));
		snprintf(err, errlen, "bad pattern '%s' at %zu: %s", pattern,
		    (size_t)eoff, (char *)msg);
		free(re);
		return NULL;
	}
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	return re;
}

void
screen_re_free(struct screen_re *re)
{
	if (re == NULL)
		return;
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	free(re);
}

int
screen_re_match(const struct screen_re *re, const char *s, size_t len)
{
	int rc;

	rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, re->md, NULL);
	return rc >= 0;
}

int
screen_re_find_line(const struct screen_re *re, const char *s, size_t len,
    size_t *off, size_t *n)
{
	PCRE2_SIZE *ov;
	size_t start, end;

	if (pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, re->md, NULL) < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(re->md);
	for (start = ov[0]; start > 0 && s[start - 1] != '\n'; start--)
		;
	for (end = ov[0]; end < len && s[end] != '\n'; end++)
		;
	*off = start;
	*n = end - start;
	return 1;
}

size_t
screen_last_line(const char *s, size_t len)
{
	size_t i;

	for (i = len; i > 0; i--)
		if (s[i - 1] == '\n' || s[i - 1] == '\r')
			return i;
	return 0;
}

/*
 * The last line of s, ANSI removed when ansi is set, and its length: NUL
 * bytes in it are kept, so "R1#\0junk" is not taken for the prompt "R1#".
 */
static char *
last_line_copy(const char *s, size_t len, int ansi, size_t *np)
{
	size_t off = screen_last_line(s, len), n = len - off;
	char *line = xmalloc(n + 1);

	memcpy(line, s + off, n);
	if (ansi)
		n = screen_strip_ansi(line, n);
	line[n] = '\0';
	*np = n;
	return line;
}

char *
screen_last_line_dup(const char *s, size_t len, int ansi)
{
	size_t n;

	return last_line_copy(s, len, ansi, &n);
}

int
screen_last_line_matches(
    const struct screen_re *re, const char *s, size_t len, int ansi)
{
	char *line;
	size_t n;
	int m;

	if (len == 0)
		return 0;
	line = last_line_copy(s, len, ansi, &n);
	m = n > 0 && screen_re_match(re, line, n);
	free(line);
	return m;
}

int
screen_ends_with_prompt(const char *s, size_t len, const char *prompt, int ansi)
{
	size_t plen, n;
	char *line;
	int m;

	if (len == 0 || prompt == NULL || prompt[0] == '\0')
		return 0;
	plen = strlen(prompt);
	if (!ansi) {
		if (len < plen || memcmp(s + len - plen, prompt, plen) != 0)
			return 0;
		return len == plen || s[len - plen - 1] == '\n' ||
		    s[len - plen - 1] == '\r';
	}
	line = last_line_copy(s, len, ansi, &n);
	m = n == plen && memcmp(line, prompt, n) == 0;
	free(line);
	return m;
}

/*
 * A pager is a short last line made of "more" (any case) framed only by
 * dashes, spaces, brackets, '<', '>' and a percentage, with at least two
 * dashes: " --More-- ", "-- More --", "<--- More --->", "---(more 45%)---".
 */
ssize_t
screen_pager_at_end(const char *s, size_t len)
{
	size_t end = len, off, i, n, dashes = 0;
	const char *line, *more = NULL;

	while (end > 0 && s[end - 1] == ' ')
		end--;
	off = screen_last_line(s, end);
	line = s + off;
	n = end - off;
	if (n < 6 || n > 48)
		return -1;
	for (i = 0; i < n; i++) {
		if (more == NULL && i + 4 <= n &&
		    strncasecmp(line + i, "more", 4) == 0) {
			more = line + i;
			i += 3;
			continue;
		}
		if (line[i] == '-')
			dashes++;
		else if (line[i] == '\0' ||
		    strchr(" <>()%0123456789", line[i]) == NULL)
			return -1;
	}
	return more != NULL && dashes >= 2 ? (ssize_t)off : -1;
}

size_t
screen_pager_erase_len(const char *s, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(s, "\x1b[K", 3) == 0)
		return 3;
	if (len > 0 && s[0] == '\b') {
		while (i < len && s[i] == '\b')
			i++;
		while (i < len && s[i] == ' ')
			i++;
		while (i < len && s[i] == '\b')
			i++;
		return i;
	}
	if (len > 2 && s[0] == '\r' && s[1] == ' ') {
		i = 1;
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && s[i] == '\r')
			return i + 1;
	}
	return 0;
}

size_t
screen_strip_ansi(char *s, size_t len)
{
	size_t r = 0, w = 0;

	while (r < len) {
		if (s[r] != '\x1b') {
			s[w++] = s[r++];
			continue;
		}
		if (r + 1 >= len) {
			r++;
			continue;
		}
		if (s[r + 1] == '[') {
			size_t start = r;

			/* CSI: parameters and intermediates, then a final. */
			r += 2;
			while (r < len && (unsigned char)s[r] >= 0x20 &&
			    (unsigned char)s[r] <= 0x3f)
				r++;
			while (r < len && (unsigned char)s[r] >= 0x20 &&
			    (unsigned char)s[r] <= 0x2f)
				r++;
			if (r < len)
				r++;
			/*
			 * bash's bracketed paste: "ESC[?2004l" then a CR back
			 * to a column it is already in; that CR is no line.
			 */
			if (r - start == 8 &&
			    memcmp(s + start + 2, "?2004", 5) == 0 &&
			    r + 1 < len && s[r] == '\r' && s[r + 1] != '\n')
				r++;
		} else if (s[r + 1] == ']') {
			/* OSC: up to BEL or ESC \. */
			r += 2;
			while (r < len && s[r] != '\a' &&
			    !(s[r] == '\x1b' && r + 1 < len &&
				s[r + 1] == '\\'))
				r++;
			r += (r < len && s[r] == '\a') ? 1 : 2;
		} else if (s[r + 1] == 'E') {
			s[w++] = '\n';
			r += 2;
		} else if (s[r + 1] == '(' || s[r + 1] == ')') {
			r += r + 2 < len ? 3 : 2;
		} else {
			r += 2;
		}
	}
	return w;
}

/* Length of the valid UTF-8 sequence (2..4 bytes) at s, or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t k, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4;
	else
		return 0;
	if (k > n)
		return 0;
	for (i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return k;
}

char *
screen_quote(const char *s, size_t len, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b;
	size_t i = 0, k, n;

	buf_init(&b);
	buf_reserve(&b, 1);
	b.data[0] = '\0';
	if (len > max)
		len = max;
	while (i < len) {
		k = p[i] >= 0x80 ? utf8_len(p + i, len - i) : 1;
		if (k == 2 && p[i] == 0xc2 && p[i + 1] <= 0x9f) {
			buf_appendf(&b, "\\x%02x\\x%02x", p[i], p[i + 1]);
			i += 2;
		} else if (k == 0 || p[i] < 0x20 || p[i] == 0x7f) {
			buf_appendf(&b, "\\x%02x", p[i]);
			i++;
		} else {
			buf_append(&b, s + i, k);
			i += k;
		}
	}
	return buf_steal(&b, &n);
}

size_t
screen_crlfcr(char *s, size_t len)
{
	size_t r = 0, w = 0;

	while (r < len) {
		if (r + 2 < len && s[r] == '\r' && s[r + 1] == '\n' &&
		    s[r + 2] == '\r') {
			s[w++] = '\r';
			s[w++] = '\n';
			r += 3;
			continue;
		}
		s[w++] = s[r++];
	}
	return w;
}

size_t
screen_normalize(char *s, size_t len)
{
	size_t r = 0, w = 0;

	while (r < len) {
		if (s[r] == '\r') {
			if (r + 3 < len && s[r + 1] == '\r' &&
			    s[r + 2] == '\r' && s[r + 3] == '\n')
				r += 4;
			else if (r + 2 < len && s[r + 1] == '\r' &&
			    s[r + 2] == '\n')
				r += 3;
			else if (r + 1 < len && s[r + 1] == '\n')
				r += 2;
			else
				r += 1;
			s[w++] = '\n';
		} else if (s[r] == '\n') {
			r += (r + 1 < len && s[r + 1] == '\r') ? 2 : 1;
			s[w++] = '\n';
		} else {
			s[w++] = s[r++];
		}
	}
	return w;
}

char *
screen_clean(const char *raw, size_t len, const char *cmd,
    const char *base_prompt, int ansi, size_t *outlen)
{
	char *s, *nl;
	size_t n, start = 0, clen, r, w, end;

	s = xmalloc(len + 1);
	memcpy(s, raw, len);
	n = len;
	if (ansi)
		n = screen_strip_ansi(s, n);
	n = screen_normalize(s, n);
	s[n] = '\0';

	/* The echo: a repainted long command is dropped whole. */
	if (memchr(s, '\b', n) != NULL) {
		for (r = w = 0; r < n; r++)
			if (s[r] != '\b')
				s[w++] = s[r];
		n = w;
		s[n] = '\0';
		nl = memchr(s, '\n', n);
		start = nl != NULL ? (size_t)(nl - s) + 1 : n;
	} else {
		clen = strlen(cmd);
		while (clen > 0 && isspace((unsigned char)cmd[clen - 1]))
			clen--;
		if (n >= clen && memcmp(s, cmd, clen) == 0) {
			nl = memchr(s + clen, '\n', n - clen);
			start = nl != NULL ? (size_t)(nl - s) + 1 : n;
		}
	}

	/* The trailing prompt: the last line, when it names the device. */
	end = n;
	if (base_prompt != NULL) {
		size_t off = start, i;

		for (i = n; i > start; i--)
			if (s[i - 1] == '\n') {
				off = i;
				break;
			}
		if (memmem(s + off, n - off, base_prompt,
			strlen(base_prompt)) != NULL)
			end = off > start ? off - 1 : start;
	}
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	*outlen = end - start;
	return s;
}

void
screen_mask_init(struct screen_mask *m)
{
	memset(m, 0, sizeof(*m));
	buf_init(&m->pending);
}

void
screen_mask_add(struct screen_mask *m, const char *secret)
{
	size_t i, n;

	if (secret == NULL || secret[0] == '\0' ||
	    m->nsecret == SCREEN_MASK_MAX)
		return;
	n = strlen(secret);
	for (i = 0; i < m->nsecret; i++)
		if (strcmp(m->secret[i], secret) == 0)
			return;
	m->secret[m->nsecret] = xstrdup(secret);
	m->slen[m->nsecret] = n;
	m->nsecret++;
	if (n - 1 > m->hold)
		m->hold = n - 1;
}

/* Earliest occurrence of any secret in p[0..n): offset and which one. */
static int
mask_find(const struct screen_mask *m, const char *p, size_t n, size_t *off,
    size_t *which)
{
	size_t i;
	const char *best = NULL, *hit;

	for (i = 0; i < m->nsecret; i++) {
		hit = memmem(p, n, m->secret[i], m->slen[i]);
		if (hit != NULL &&
		    (best == NULL || hit < best ||
			(hit == best && m->slen[i] > m->slen[*which]))) {
			best = hit;
			*which = i;
		}
	}
	if (best == NULL)
		return 0;
	*off = (size_t)(best - p);
	return 1;
}

/*
 * How many trailing bytes of p[0..n) could start a secret: the longest
 * suffix (at most hold bytes) that is a prefix of one.
 */
static size_t
mask_tail(const struct screen_mask *m, const char *p, size_t n)
{
	size_t k, i;

	for (k = m->hold < n ? m->hold : n; k > 0; k--)
		for (i = 0; i < m->nsecret; i++)
			if (m->slen[i] > k &&
			    memcmp(p + n - k, m->secret[i], k) == 0)
				return k;
	return 0;
}

/*
 * Emit pending bytes, masking whole secrets, holding back a tail. A match
 * is only taken when no secret could still be completing at or before it:
 * with "cisco" and "cisco123" both secret, "cisco" fed alone must wait,
 * or "123" would leak. So the output is the same however the stream was
 * split.
 */
static void
mask_drain(struct screen_mask *m, int final, struct buf *out)
{
	struct buf *pb = &m->pending;
	size_t off, which = 0, safe;

	for (;;) {
		safe = pb->len - (final ? 0 : mask_tail(m, pb->data, pb->len));
		if (mask_find(m, pb->data, pb->len, &off, &which) &&
		    off < safe) {
			buf_append(out, pb->data, off);
			buf_append(
			    out, SCREEN_MASK_TEXT, strlen(SCREEN_MASK_TEXT));
			secure_zero(pb->data, off + m->slen[which]);
			buf_consume(pb, off + m->slen[which]);
			continue;
		}
		buf_append(out, pb->data, safe);
		buf_consume(pb, safe);
		return;
	}
}

void
screen_mask_feed(
    struct screen_mask *m, const char *p, size_t n, struct buf *out)
{
	if (m->nsecret == 0) {
		buf_append(out, p, n);
		return;
	}
	buf_append(&m->pending, p, n);
	mask_drain(m, 0, out);
}

void
screen_mask_flush(struct screen_mask *m, struct buf *out)
{
	if (m->pending.len > 0)
		mask_drain(m, 1, out);
}

void
screen_mask_free(struct screen_mask *m)
{
	size_t i;

	for (i = 0; i < m->nsecret; i++)
		free_secret(m->secret[i]);
	if (m->pending.data != NULL)
		secure_zero(m->pending.data, m->pending.cap);
	buf_free(&m->pending);
	m->nsecret = 0;
}
