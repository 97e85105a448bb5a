/*
 * hostlist: a pattern is parsed once into terms, each a list of segments
 * (text, '*', '?', a set of number ranges). Expansion counts the names
 * first, with overflow-safe products, and refuses past the limit before
 * allocating any. Matching never expands: it walks the segments over the
 * name keeping the set of positions reachable so far (one byte per
 * position), so a range of a billion costs what one number does, and no
 * pattern can backtrack exponentially. A range segment takes a run of
 * digits whose value is in range and whose length is the one expansion
 * would print (its width, or no leading zero).
 *
 * Compression and sharding, which need none of this, are in
 * hostlist_compress.c.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostlist.h"
#include "util.h"

#define MAX_DIGITS 18 /* a bound fits in uint64_t with room to add one */

enum seg_kind {
	SEG_TEXT,
	SEG_STAR,
	SEG_ONE,
	SEG_RANGE,
};

struct range {
	uint64_t lo, hi;
	unsigned width; /* digits to pad to; 0: no padding */
};

struct seg {
	enum seg_kind kind;
	char *text; /* SEG_TEXT */
	size_t len;
	struct range *r; /* SEG_RANGE */
	size_t nr;
};

struct term {
	int negate;
	struct seg *segs;
	size_t nsegs;
};

struct hostlist {
	struct term *terms;
	size_t nterms;
	int have_positive;
};

static void
term_clear(struct term *t)
{
	size_t i;

	for (i = 0; i < t->nsegs; i++) {
		free(t->segs[i].text);
		free(t->segs[i].r);
	}
	free(t->segs);
	memset(t, 0, sizeof(*t));
}

void
hostlist_free(struct hostlist *hl)
{
	size_t i;

	if (hl == NULL)
		return;
	for (i = 0; i < hl->nterms; i++)
		term_clear(&hl->terms[i]);
	free(hl->terms);
	free(hl);
}

static struct seg *
seg_add(struct term *t, enum seg_kind kind)
{
	struct seg *s;

	t->segs = xrealloc(t->segs, (t->nsegs + 1) * sizeof(*t->segs));
	s = &t->segs[t->nsegs++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	return s;
}

/* Append text to the term, joining it to a text segment before it. */
static void
text_add(struct term *t, const char *p, size_t len)
{
	struct seg *s = t->nsegs > 0 ? &t->segs[t->nsegs - 1] : NULL;

	if (s == NULL || s->kind != SEG_TEXT)
		s = seg_add(t, SEG_TEXT);
	s->text = xrealloc(s->text, s->len + len + 1);
	memcpy(s->text + s->len, p, len);
	s->len += len;
	s->text[s->len] = '\0';
}

/* A bound: 1..MAX_DIGITS digits. Returns its length, 0 if none, -1 long. */
static int
parse_number(const char *p, const char *end, uint64_t *v)
{
	int n = 0;

	*v = 0;
	while (p + n < end && isdigit((unsigned char)p[n])) {
		if (n == MAX_DIGITS)
			return -1;
		*v = *v * 10 + (uint64_t)(p[n] - '0');
		n++;
	}
	return n;
}

/*
 * The ranges between '[' and ']' (p .. end) into a new range segment.
 * 0, or -1 with the reason in err.
 */
static int
parse_ranges(struct term *t, const char *pattern, const char *p,
    const char *end, struct buf *err)
{
	struct seg *s;
	struct range r;
	const char *start = p;
	int n, m;

	if (p == end) {
		buf_appendf(err, "'%s': an empty range '[]'", pattern);
		return -1;
	}
	s = seg_add(t, SEG_RANGE);
	for (;;) {
		n = parse_number(p, end, &r.lo);
		if (n == -1)
			goto too_long;
		if (n == 0)
			goto bad;
		r.hi = r.lo;
		r.width = n > 1 && p[0] == '0' ? (unsigned)n : 0;
		p += n;
		if (p < end && *p == '-') {
			p++;
			m = parse_number(p, end, &r.hi);
			if (m == -1)
				goto too_long;
			if (m == 0)
				goto bad;
			if (r.width == 0 && m > 1 && p[0] == '0')
				r.width = (unsigned)m;
			if (r.hi < r.lo) {
				buf_appendf(err,
				    "'%s': the range %.*s runs backwards",
				    pattern, n + 1 + m, p - n - 1);
				return -1;
			}
			p += m;
		}
		s->r = xrealloc(s->r, (s->nr + 1) * sizeof(*s->r));
		s->r[s->nr++] = r;
		if (p == end)
			return 0;
		if (*p != ',')
			goto bad;
		p++;
	}
bad:
	buf_appendf(err,
	    "'%s': '[%.*s]' is not a list of numbers and ranges (like "
	    "[1-10,12])",
	    pattern, (int)(end - start), start);
	return -1;
too_long:
	buf_appendf(
	    err, "'%s': a number longer than %d digits", pattern, MAX_DIGITS);
	return -1;
}

/*
 * One term (p .. end, blanks around it already dropped) of pattern.
 * 0, or -1 with the reason in err.
 */
static int
parse_term(struct term *t, const char *pattern, const char *p, const char *end,
    struct buf *err)
{
	const char *close, *colon;
	size_t n;

	memset(t, 0, sizeof(*t));
	if (p < end && *p == '!') {
		t->negate = 1;
		p++;
	}
	if (p == end) {
		buf_appendf(err, "'%s': an empty name", pattern);
		return -1;
	}
	while (p < end) {
		switch (*p) {
		case '*':
			if (t->nsegs == 0 ||
			    t->segs[t->nsegs - 1].kind != SEG_STAR)
				seg_add(t, SEG_STAR);
			p++;
			break;
		case '?':
			seg_add(t, SEG_ONE);
			p++;
			break;
		case ']':
			buf_appendf(err, "'%s': ']' without its '['", pattern);
			return -1;
		case '[':
			close = memchr(p, ']', (size_t)(end - p));
			if (close == NULL) {
				buf_appendf(
				    err, "'%s': '[' without its ']'", pattern);
				return -1;
			}
			colon = memchr(p, ':', (size_t)(close - p));
			if (colon != NULL)
				text_add(t, p, (size_t)(close + 1 - p));
			else if (parse_ranges(t, pattern, p + 1, close, err) ==
			    -1)
				return -1;
			p = close + 1;
			break;
		default:
			for (n = 1; p + n < end && strchr("*?[]", p[n]) == NULL;
			     n++)
				;
			text_add(t, p, n);
			p += n;
			break;
		}
	}
	return 0;
}

/* Append pattern's terms to hl: 0, or -1 with the reason in err. */
static int
parse_pattern(struct hostlist *hl, const char *pattern, struct buf *err)
{
	const char *p = pattern, *start, *end;
	struct term t;
	int depth;

	for (;;) {
		start = p;
		for (depth = 0; *p != '\0' && (*p != ',' || depth > 0); p++) {
			if (*p == '[')
				depth = 1;
			else if (*p == ']')
				depth = 0;
		}
		end = p;
		while (start < end && isspace((unsigned char)*start))
			start++;
		while (end > start && isspace((unsigned char)end[-1]))
			end--;
		if (parse_term(&t, pattern, start, end, err) == -1) {
			term_clear(&t);
			return -1;
		}
		hl->terms =
		    xrealloc(hl->terms, (hl->nterms + 1) * sizeof(*hl->terms));
		hl->terms[hl->nterms++] = t;
		if (!t.negate)
			hl->have_positive = 1;
		if (*p == '\0')
			return 0;
		p++;
	}
}

struct hostlist *
hostlist_compile(const char *const *patterns, size_t n, struct buf *err)
{
	struct hostlist *hl = xcalloc(1, sizeof(*hl));
	size_t i;

	for (i = 0; i < n; i++)
		if (parse_pattern(hl, patterns[i], err) == -1) {
			hostlist_free(hl);
			return NULL;
		}
	return hl;
}

static unsigned
ndigits(uint64_t v)
{
	unsigned n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* Whether the k digits at p are a number seg expands to. */
static int
range_takes(const struct seg *s, const char *p, unsigned k)
{
	uint64_t v = 0;
	unsigned i, want;
	size_t r;

	for (i = 0; i < k; i++)
		v = v * 10 + (uint64_t)(p[i] - '0');
	for (r = 0; r < s->nr; r++) {
		if (v < s->r[r].lo || v > s->r[r].hi)
			continue;
		want = ndigits(v);
		if (s->r[r].width > want)
			want = s->r[r].width;
		if (k == want)
			return 1;
	}
	return 0;
}

/*
 * Whether the term matches name (len bytes). cur and next are scratch
 * sets of positions, len + 1 bytes each.
 */
static int
term_matches(const struct term *t, const char *name, size_t len,
    unsigned char *cur, unsigned char *next)
{
	const struct seg *s;
	unsigned char *tmp;
	size_t i, p, run, k;
	int any;

	memset(cur, 0, len + 1);
	cur[0] = 1;
	for (i = 0; i < t->nsegs; i++) {
		s = &t->segs[i];
		memset(next, 0, len + 1);
		any = 0;
		for (p = 0; p <= len; p++) {
			if (!cur[p] && !(s->kind == SEG_STAR && any))
				continue;
			switch (s->kind) {
			case SEG_TEXT:
				if (len - p >= s->len &&
				    memcmp(name + p, s->text, s->len) == 0)
					next[p + s->len] = 1;
				break;
			case SEG_STAR:
				/* Every position from the first reached on. */
				any = 1;
				next[p] = 1;
				break;
			case SEG_ONE:
				if (p < len)
					next[p + 1] = 1;
				break;
			case SEG_RANGE:
				for (run = 0;
				     p + run < len && run <= MAX_DIGITS &&
				     isdigit((unsigned char)name[p + run]);
				     run++)
					;
				for (k = 1; k <= run && k <= MAX_DIGITS; k++)
					if (range_takes(
						s, name + p, (unsigned)k))
						next[p + k] = 1;
				break;
			}
		}
		tmp = cur;
		cur = next;
		next = tmp;
	}
	return cur[len];
}

int
hostlist_selects(const struct hostlist *hl, const char *const *names, size_t n)
{
	unsigned char *a = NULL, *b = NULL;
	size_t i, j, len, cap = 0;
	int positive = !hl->have_positive, negative = 0, m;

	for (j = 0; j < n && !negative; j++) {
		if (names[j] == NULL)
			continue;
		len = strlen(names[j]);
		if (len + 1 > cap) {
			cap = len + 1;
			a = xrealloc(a, cap);
			b = xrealloc(b, cap);
		}
		for (i = 0; i < hl->nterms; i++) {
			if (!hl->terms[i].negate && positive)
				continue;
			m = term_matches(&hl->terms[i], names[j], len, a, b);
			if (m && hl->terms[i].negate) {
				negative = 1;
				break;
			}
			if (m)
				positive = 1;
		}
	}
	free(a);
	free(b);
	return positive && !negative;
}

int
hostlist_match(const char *pattern, const char *name)
{
	struct hostlist *hl;
	struct buf err;
	int m;

	buf_init(&err);
	hl = hostlist_compile(&pattern, 1, &err);
	buf_free(&err);
	if (hl == NULL)
		return -1;
	m = hostlist_selects(hl, &name, 1);
	hostlist_free(hl);
	return m;
}

void
hostlist_names_free(char **names, size_t n)
{
	size_t i;

	if (names == NULL)
		return;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* How many names seg stands for, capped just past the limit. */
static uint64_t
seg_count(const struct seg *s)
{
	uint64_t n = 0;
	size_t r;

	for (r = 0; r < s->nr; r++) {
		n += s->r[r].hi - s->r[r].lo + 1;
		if (n > HOSTLIST_MAX_NAMES)
			return HOSTLIST_MAX_NAMES + 1;
	}
	return n;
}

/*
 * Every name of term t into names[*n ..], counting up like an odometer:
 * the last range turns fastest.
 */
static void
expand_term(const struct term *t, char **names, size_t *n)
{
	size_t *ri = xcalloc(t->nsegs, sizeof(*ri)), i;
	uint64_t *v = xcalloc(t->nsegs, sizeof(*v));
	const struct seg *s;
	struct buf b;

	for (i = 0; i < t->nsegs; i++)
		if (t->segs[i].kind == SEG_RANGE)
			v[i] = t->segs[i].r[0].lo;
	buf_init(&b);
	for (;;) {
		buf_reset(&b);
		for (i = 0; i < t->nsegs; i++) {
			s = &t->segs[i];
			if (s->kind == SEG_TEXT)
				buf_append(&b, s->text, s->len);
			else
				buf_appendf(&b, "%0*llu",
				    (int)s->r[ri[i]].width,
				    (unsigned long long)v[i]);
		}
		names[(*n)++] = xstrndup(b.data != NULL ? b.data : "", b.len);
		for (i = t->nsegs; i > 0; i--) {
			s = &t->segs[i - 1];
			if (s->kind != SEG_RANGE)
				continue;
			if (v[i - 1] < s->r[ri[i - 1]].hi) {
				v[i - 1]++;
				break;
			}
			if (ri[i - 1] + 1 < s->nr) {
				v[i - 1] = s->r[++ri[i - 1]].lo;
				break;
			}
			ri[i - 1] = 0;
			v[i - 1] = s->r[0].lo;
		}
		if (i == 0)
			break;
	}
	buf_free(&b);
	free(ri);
	free(v);
}

/*
 * How many names hl stands for, capped at HOSTLIST_MAX_NAMES + 1: 0, or
 * -1 with the reason in err for a wildcard or an exclusion.
 */
static int
count_names(const struct hostlist *hl, const char *pattern, uint64_t *total,
    struct buf *err)
{
	uint64_t count, c;
	size_t i, k;

	*total = 0;
	for (i = 0; i < hl->nterms; i++) {
		if (hl->terms[i].negate) {
			buf_appendf(err,
			    "'%s': an exclusion ('!') selects, it cannot be "
			    "expanded",
			    pattern);
			return -1;
		}
		count = 1;
		for (k = 0; k < hl->terms[i].nsegs; k++) {
			switch (hl->terms[i].segs[k].kind) {
			case SEG_TEXT:
				break;
			case SEG_STAR:
			case SEG_ONE:
				buf_appendf(err,
				    "'%s': a wildcard ('*' or '?') selects, "
				    "it cannot be expanded",
				    pattern);
				return -1;
			case SEG_RANGE:
				c = seg_count(&hl->terms[i].segs[k]);
				count = c > HOSTLIST_MAX_NAMES ||
					count > HOSTLIST_MAX_NAMES / c
				    ? HOSTLIST_MAX_NAMES + 1
				    : count * c;
				break;
			}
		}
		*total += count;
		if (*total > HOSTLIST_MAX_NAMES)
			*total = HOSTLIST_MAX_NAMES + 1;
	}
	return 0;
}

int
hostlist_count(const char *pattern, size_t *np, struct buf *err)
{
	struct hostlist *hl;
	uint64_t total;
	int rc;

	*np = 0;
	hl = hostlist_compile(&pattern, 1, err);
	if (hl == NULL)
		return -1;
	rc = count_names(hl, pattern, &total, err);
	if (rc == 0)
		*np = (size_t)total;
	hostlist_free(hl);
	return rc;
}

int
hostlist_expand(
    const char *pattern, char ***namesp, size_t *np, struct buf *err)
{
	struct hostlist *hl;
	char **names;
	size_t got = 0, i;
	uint64_t total;
	int rc = -1;

	*namesp = NULL;
	*np = 0;
	hl = hostlist_compile(&pattern, 1, err);
	if (hl == NULL)
		return -1;
	if (count_names(hl, pattern, &total, err) == -1)
		goto out;
	if (total > HOSTLIST_MAX_NAMES) {
		buf_appendf(err, "'%s': more than %d names", pattern,
		    HOSTLIST_MAX_NAMES);
		goto out;
	}
	names = xcalloc((size_t)total, sizeof(*names));
	for (i = 0; i < hl->nterms; i++)
		expand_term(&hl->terms[i], names, &got);
	*namesp = names;
	*np = got;
	rc = 0;
out:
	hostlist_free(hl);
	return rc;
}
