/*
 * pydialect: Python `re` syntax checked as Python's parser checks it, then
 * written out as a PCRE2 pattern with the same meaning. One pass over the
 * pattern, left to right, as sre's parser goes: a stack of open groups
 * (for "cannot refer to an open group" and to number groups), whether the
 * last item can take a quantifier (Python's "nothing to repeat") and
 * whether it is one ("multiple repeat"). Group numbers are kept exactly,
 * so backreferences, conditionals and the caller's group numbers agree
 * with Python's; names live only in the result, never in PCRE2.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pydialect.h"
#include "pystr.h"
#include "util.h"

/* Python's isspace() set, and its complement, as PCRE2 class items. */
static const char space_items[] = PYDIALECT_SPACE_ITEMS;
#define ASCII_SPACE "\\x{9}-\\x{d}\\x{1c}-\\x{20}"
#define ASCII_NONSPACE "\\x{0}-\\x{8}\\x{e}-\\x{1b}\\x{21}-\\x{7f}"
static const char nonspace_items[] =
    "\\x{0}-\\x{8}\\x{e}-\\x{1b}\\x{21}-\\x{84}\\x{86}-\\x{9f}"
    "\\x{a1}-\\x{167f}\\x{1681}-\\x{1fff}\\x{200b}-\\x{2027}"
    "\\x{202a}-\\x{202e}\\x{2030}-\\x{205e}\\x{2060}-\\x{2fff}"
    "\\x{3001}-\\x{d7ff}\\x{e000}-\\x{10ffff}";

struct tr {
	const char *p;
	size_t n, i;
	struct buf out;
	uint32_t ngroups;
	struct pydialect_name *names;
	size_t nnames;
	uint32_t *open; /* open groups; 0 for one that does not capture */
	size_t depth;
	unsigned char *closed; /* closed[g]: group g has been closed */
	int item;	       /* the last item can take a quantifier */
	int repeated;	       /* the last item is a quantifier */
	int flags_only;	       /* only global flags so far: more may come */
	int ascii;	       /* PYDIALECT_ASCII: for subjects of ASCII only */
	int caseless;	       /* an 'i' flag was turned on */
	char *err;
	size_t errlen;
};

/* One item of a character class. */
struct citem {
	uint32_t lo, hi; /* a range (lo == hi for one character) */
	const char *cat; /* or a category: \d, \w, ..., space_items */
};

static int
bad(struct tr *t, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	vsnprintf(t->err, t->errlen, fmt, ap);
	va_end(ap);
	/* Quoted pattern text stays on one line. */
	for (p = t->err; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20)
			*p = '?';
	return -1;
}

#define ISOCT(c) ((c) >= '0' && (c) <= '7')
#define ISDIG(c) ((c) >= '0' && (c) <= '9')
#define ISALPHA(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define ISSURROGATE(cp) ((cp) >= 0xd800 && (cp) <= 0xdfff)

static int
peek(const struct tr *t)
{
	return t->i < t->n ? (unsigned char)t->p[t->i] : -1;
}

static int
hexdig(int c)
{
	if (ISDIG(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly ndig hex digits after \x, \u or \U. */
static int
hexval(struct tr *t, int ndig, int esc, uint32_t *cp)
{
	int k, d;

	*cp = 0;
	for (k = 0; k < ndig; k++) {
		if ((d = hexdig(peek(t))) < 0)
			return bad(t, "incomplete escape \\%c", esc);
		*cp = *cp * 16 + (uint32_t)d;
		t->i++;
	}
	if (*cp > 0x10ffff)
		return bad(t, "bad escape \\%c", esc);
	return 0;
}

/* Octal digits after a first one already read: up to two more. */
static int
octval(struct tr *t, int first, uint32_t *cp)
{
	int k;

	*cp = (uint32_t)(first - '0');
	for (k = 0; k < 2 && ISOCT(peek(t)); k++)
		*cp = *cp * 8 + (uint32_t)(t->p[t->i++] - '0');
	if (*cp > 0377)
		return bad(t, "octal escape value outside of range 0-0o377");
	return 0;
}

static void
emit(struct tr *t, const char *s)
{
	buf_append(&t->out, s, strlen(s));
}

/* A literal character outside a class. */
static void
emit_char(struct tr *t, uint32_t cp)
{
	char tmp[16];

	/* Valid UTF-8 subjects hold no surrogate, ASCII ones nothing above
	 * 0x7f: that never matches. */
	if (ISSURROGATE(cp) || (t->ascii && cp >= 0x80))
		snprintf(tmp, sizeof(tmp), "(?!)");
	else if (cp < 0x80 && (ISALPHA((int)cp) || ISDIG((int)cp)))
		snprintf(tmp, sizeof(tmp), "%c", (int)cp);
	else
		snprintf(tmp, sizeof(tmp), "\\x{%x}", cp);
	emit(t, tmp);
	t->item = 1;
}

/* A backreference to group g, which must be closed. */
static int
backref(struct tr *t, uint32_t g)
{
	char tmp[32];

	if (!t->closed[g])
		return bad(t, "cannot refer to an open group");
	snprintf(tmp, sizeof(tmp), "\\g{%u}", g);
	emit(t, tmp);
	t->item = 1;
	t->repeated = 0;
	return 0;
}

/*
 * Escapes shared by both contexts: the character in *cp and 1, a
 * category in *cat and 2, or 0 when the caller must decide (letters that
 * mean something else in a class, digits), -1 on an error.
 */
static int
escape_common(struct tr *t, int c, int in_class, uint32_t *cp, const char **cat)
{
	static const struct {
		char esc;
		char cp;
		const char *cat;
	} simple[] = {{'a', 7, NULL}, {'f', '\f', NULL}, {'n', '\n', NULL},
	    {'r', '\r', NULL}, {'t', '\t', NULL}, {'v', 0x0b, NULL},
	    {'d', 0, "\\d"}, {'D', 0, "\\D"}, {'w', 0, "\\w"}, {'W', 0, "\\W"},
	    {'s', 0, space_items}, {'S', 0, nonspace_items}};
	size_t k;
	int ndig;

	*cat = NULL;
	for (k = 0; k < sizeof(simple) / sizeof(simple[0]); k++) {
		if (simple[k].esc != c)
			continue;
		*cp = (uint32_t)simple[k].cp;
		*cat = simple[k].cat;
		return *cat != NULL ? 2 : 1;
	}
	if (c == 'x' || c == 'u' || c == 'U') {
		ndig = c == 'x' ? 2 : c == 'u' ? 4 : 8;
		return hexval(t, ndig, c, cp) < 0 ? -1 : 1;
	}
	if (c == 'N')
		return bad(t, "\\N{...} escapes are not supported");
	if (ISDIG(c) || (in_class && c == 'b'))
		return 0;
	if (c < 0x80 && ISALPHA(c))
		return bad(t, "bad escape \\%c", c);
	return 0;
}

/* The character after a backslash (a whole UTF-8 sequence). */
static int
escaped_char(struct tr *t, uint32_t *cp)
{
	size_t k;

	if (t->i >= t->n)
		return bad(t, "bad escape (end of pattern)");
	k = pystr_decode(t->p + t->i, t->n - t->i, cp);
	t->i += k;
	return 0;
}

/* A backslash outside a class; t->i is past the backslash. */
static int
tr_escape(struct tr *t)
{
	uint32_t cp, g;
	const char *cat;
	char tmp[32];
	int r, c;

	if (escaped_char(t, &cp) < 0)
		return -1;
	c = cp < 0x80 ? (int)cp : 0x80;
	switch (c) {
	case 'A':
	case 'b':
	case 'B':
	case 'Z':
		snprintf(tmp, sizeof(tmp), "\\%c", c == 'Z' ? 'z' : c);
		emit(t, tmp);
		t->item = 0;
		return 0;
	}
	if ((r = escape_common(t, c, 0, &cp, &cat)) < 0)
		return -1;
	if (r == 1) {
		emit_char(t, cp);
		return 0;
	}
	if (r == 2) {
		if (cat == space_items) {
			emit(t,
			    t->ascii ? "[" ASCII_SPACE "]" : PYDIALECT_SPACE);
		} else if (cat == nonspace_items && t->ascii) {
			emit(t, "[^" ASCII_SPACE "]");
		} else if (cat == nonspace_items) {
			emit(t, "[");
			emit(t, cat);
			emit(t, "]");
		} else {
			emit(t, cat);
		}
		t->item = 1;
		return 0;
	}
	if (ISDIG(c)) {
		/* \0, or three octal digits: a character; else a group. */
		if (c == '0' ||
		    (ISOCT(c) && ISOCT(peek(t)) && t->i + 1 < t->n &&
			ISOCT(t->p[t->i + 1])))
			return octval(t, c, &cp) < 0 ? -1
						     : (emit_char(t, cp), 0);
		g = (uint32_t)(c - '0');
		if (ISDIG(peek(t)))
			g = g * 10 + (uint32_t)(t->p[t->i++] - '0');
		if (g > t->ngroups)
			return bad(t, "invalid group reference %u", g);
		return backref(t, g);
	}
	emit_char(t, cp);
	return 0;
}

/* One class member at t->i: a character (1) or a category (2). */
static int
class_member(struct tr *t, uint32_t *cp, const char **cat)
{
	int r, c;

	*cat = NULL;
	if (t->p[t->i] != '\\') {
		t->i += pystr_decode(t->p + t->i, t->n - t->i, cp);
		return 1;
	}
	t->i++;
	if (escaped_char(t, cp) < 0)
		return -1;
	c = *cp < 0x80 ? (int)*cp : 0x80;
	if ((r = escape_common(t, c, 1, cp, cat)) != 0)
		return r;
	if (c == 'b') {
		*cp = 8;
		return 1;
	}
	if (ISOCT(c))
		return octval(t, c, cp) < 0 ? -1 : 1;
	if (ISDIG(c))
		return bad(t, "bad escape \\%c", c);
	return 1;
}

static void
emit_citem(struct tr *t, const struct citem *ci)
{
	char tmp[48];
	uint32_t lo = ci->lo, hi = ci->hi;

	if (ci->cat != NULL) {
		emit(t,
		    !t->ascii			    ? ci->cat
			: ci->cat == space_items    ? ASCII_SPACE
			: ci->cat == nonspace_items ? ASCII_NONSPACE
						    : ci->cat);
		return;
	}
	if (t->ascii && hi > 0x7f)
		hi = 0x7f;
	/* No surrogate can occur in the subject: drop them from ranges. */
	if (lo >= 0xd800 && lo <= 0xdfff)
		lo = 0xe000;
	if (hi >= 0xd800 && hi <= 0xdfff)
		hi = 0xd7ff;
	if (lo > hi)
		return;
	if (lo <= 0xd7ff && hi >= 0xe000) {
		snprintf(tmp, sizeof(tmp), "\\x{%x}-\\x{d7ff}\\x{e000}-\\x{%x}",
		    lo, hi);
	} else if (lo == hi) {
		snprintf(tmp, sizeof(tmp), "\\x{%x}", lo);
	} else {
		snprintf(tmp, sizeof(tmp), "\\x{%x}-\\x{%x}", lo, hi);
	}
	emit(t, tmp);
}

/* A class; t->i is past the '['. */
static int
tr_class(struct tr *t)
{
	struct citem *items = NULL, ci;
	size_t nitems = 0, k, before;
	uint32_t cp, cp2;
	const char *cat, *cat2;
	int negate = 0, r, r2, ret = -1;

	if (peek(t) == '^') {
		negate = 1;
		t->i++;
	}
	for (;;) {
		if (t->i >= t->n) {
			bad(t, "unterminated character set");
			goto out;
		}
		if (t->p[t->i] == ']' && nitems > 0) {
			t->i++;
			break;
		}
		if ((r = class_member(t, &cp, &cat)) < 0)
			goto out;
		ci.lo = ci.hi = cp;
		ci.cat = cat;
		/* A '-' last in the class, or last of all, is the next member. */
		if (peek(t) == '-' && t->i + 1 < t->n &&
		    t->p[t->i + 1] != ']') {
			t->i++;
			if ((r2 = class_member(t, &cp2, &cat2)) < 0)
				goto out;
			if (r != 1 || r2 != 1 || cp2 < cp) {
				bad(t, "bad character range");
				goto out;
			}
			ci.hi = cp2;
		}
		items = xrealloc(items, (nitems + 1) * sizeof(*items));
		items[nitems++] = ci;
	}
	emit(t, negate ? "[^" : "[");
	before = t->out.len;
	for (k = 0; k < nitems; k++)
		emit_citem(t, &items[k]);
	if (t->out.len == before) {
		/* Only surrogates: nothing matches, or anything does. */
		t->out.len = before - (negate ? 2 : 1);
		emit(t,
		    !negate	   ? "(?!)"
			: t->ascii ? "[\\x{0}-\\x{7f}]"
				   : "[\\x{0}-\\x{10ffff}]");
	} else {
		emit(t, "]");
	}
	t->item = 1;
	ret = 0;
out:
	free(items);
	return ret;
}

/* A quantifier at t->i ('*', '+', '?' or a '{' that is one). */
static int
tr_quant(struct tr *t, const char *q)
{
	if (t->repeated)
		return bad(t, "multiple repeat");
	if (!t->item)
		return bad(t, "nothing to repeat");
	emit(t, q);
	if (peek(t) == '?' || peek(t) == '+')
		buf_append(&t->out, &t->p[t->i++], 1);
	t->item = 0;
	t->repeated = 1;
	return 0;
}

/* '{' as Python reads it: a quantifier {m}, {m,}, {,n}, {m,n}, {,}, or
 * else a literal brace. t->i is past the '{'. */
static int
tr_brace(struct tr *t)
{
	size_t here = t->i, lo0, lo1, hi0, hi1;
	char tmp[64];
	int comma;

	lo0 = t->i;
	while (ISDIG(peek(t)))
		t->i++;
	lo1 = t->i;
	if ((comma = peek(t) == ','))
		t->i++;
	hi0 = t->i;
	while (comma && ISDIG(peek(t)))
		t->i++;
	hi1 = t->i;
	if (peek(t) != '}' || (!comma && lo1 == lo0)) {
		t->i = here;
		emit_char(t, '{');
		return 0;
	}
	t->i++;
	if (lo1 - lo0 > 10 || hi1 - hi0 > 10)
		return bad(t, "the repetition number is too large");
	snprintf(tmp, sizeof(tmp), "{%s%.*s%s%.*s}", lo1 == lo0 ? "0" : "",
	    (int)(lo1 - lo0), t->p + lo0, comma ? "," : "", (int)(hi1 - hi0),
	    t->p + hi0);
	if (lo1 > lo0 && hi1 > hi0 &&
	    strtoul(t->p + hi0, NULL, 10) < strtoul(t->p + lo0, NULL, 10))
		return bad(t, "min repeat greater than max repeat");
	return tr_quant(t, tmp);
}

/* A group name at t->i, up to the terminator; Python identifier rules. */
static int
group_name(struct tr *t, int term, size_t *start, size_t *len)
{
	size_t k;
	int c;

	*start = t->i;
	while (t->i < t->n && t->p[t->i] != term)
		t->i++;
	if (t->i >= t->n)
		return bad(t, "missing %c, unterminated name", term);
	*len = t->i - *start;
	t->i++;
	if (*len == 0)
		return bad(t, "missing group name");
	for (k = 0; k < *len; k++) {
		c = (unsigned char)t->p[*start + k];
		if (!(c >= 0x80 || c == '_' || ISALPHA(c) ||
			(k > 0 && ISDIG(c))))
			return bad(t, "bad character in group name '%.*s'",
			    (int)*len, t->p + *start);
	}
	return 0;
}

static int
find_name(const struct tr *t, size_t start, size_t len, uint32_t *g)
{
	size_t k;

	for (k = 0; k < t->nnames; k++) {
		if (strlen(t->names[k].name) == len &&
		    memcmp(t->names[k].name, t->p + start, len) == 0) {
			*g = t->names[k].group;
			return 0;
		}
	}
	return -1;
}

static void
push(struct tr *t, uint32_t g)
{
	t->open = xrealloc(t->open, (t->depth + 1) * sizeof(*t->open));
	t->open[t->depth++] = g;
	t->item = 0;
	t->repeated = 0;
}

static void
new_group(struct tr *t)
{
	t->ngroups++;
	t->closed = xrealloc(t->closed, t->ngroups + 1);
	t->closed[t->ngroups] = 0;
	push(t, t->ngroups);
	emit(t, "(");
}

/*
 * Inline flags (?imsu) at the start, or scoped (?imsu-ims:...); t->i is
 * at the first flag. 'u' is Python's default for str: dropped.
 */
static int
tr_flags(struct tr *t)
{
	char on[8], off[8], tmp[24];
	size_t non = 0, noff = 0, k;
	int c, neg = 0, seen = 0;

	while ((c = peek(t)) >= 0 && c != ')' && c != ':') {
		t->i++;
		if (c == '-' && !neg) {
			neg = 1;
			seen = 0;
			continue;
		}
		if (c == 'a' || c == 'x' || c == 'L')
			return bad(t, "inline flag '%c' is not supported", c);
		if (!(c == 'i' || c == 'm' || c == 's' || (c == 'u' && !neg)))
			return bad(t, "unknown flag");
		seen++;
		if (c == 'u')
			continue;
		if (neg && memchr(off, c, noff) == NULL && noff < 3)
			off[noff++] = (char)c;
		else if (!neg && memchr(on, c, non) == NULL && non < 3)
			on[non++] = (char)c;
		t->caseless |= c == 'i' && !neg;
	}
	if (c < 0)
		return bad(t, "missing -, : or )");
	if (seen == 0)
		return bad(t, neg ? "missing flag" : "unknown extension");
	for (k = 0; k < noff; k++)
		if (memchr(on, off[k], non) != NULL)
			return bad(
			    t, "bad inline flags: flag turned on and off");
	t->i++;
	snprintf(tmp, sizeof(tmp), "(?%.*s%s%.*s%c", (int)non, on,
	    noff > 0 ? "-" : "", (int)noff, off, c);
	if (c == ')') {
		if (neg)
			return bad(t, "missing :");
		if (!t->flags_only)
			return bad(t,
			    "global flags not at the start of the "
			    "expression");
		if (non > 0)
			emit(t, tmp);
		return 0;
	}
	emit(t, tmp);
	push(t, 0);
	t->flags_only = 0;
	return 0;
}

/* (?P<name>...) or (?P=name); t->i is past the 'P'. */
static int
named_group(struct tr *t)
{
	size_t start, len = 0;
	uint32_t g;
	int def = peek(t) == '<', known;

	if (!def && peek(t) != '=')
		return bad(t, "unknown extension ?P");
	t->i++;
	if (group_name(t, def ? '>' : ')', &start, &len) < 0)
		return -1;
	known = find_name(t, start, len, &g) == 0;
	if (!def && !known)
		return bad(
		    t, "unknown group name '%.*s'", (int)len, t->p + start);
	if (!def)
		return backref(t, g);
	if (known)
		return bad(t, "redefinition of group name '%.*s'", (int)len,
		    t->p + start);
	t->names = xrealloc(t->names, (t->nnames + 1) * sizeof(*t->names));
	t->names[t->nnames].name = xstrndup(t->p + start, len);
	t->names[t->nnames++].group = t->ngroups + 1;
	new_group(t);
	return 0;
}

/* '(' and what follows; t->i is past the '('. */
static int
tr_group(struct tr *t)
{
	size_t start, len;
	uint32_t g;
	char tmp[32];
	int c;

	if (peek(t) != '?') {
		new_group(t);
		return 0;
	}
	t->i++;
	c = peek(t);
	if (c < 0)
		return bad(t, "unexpected end of pattern");
	if (c == 'P') {
		t->i++;
		return named_group(t);
	}
	if (c == '<' && (start = t->i + 1) < t->n &&
	    (t->p[start] == '=' || t->p[start] == '!'))
		c = (unsigned char)t->p[++t->i] | 0x100; /* lookbehind */
	else if (c == '<')
		return bad(t, "unknown extension ?<");
	if ((c & 0xff) != 0 && strchr(":=!>", c & 0xff) != NULL) {
		t->i++;
		snprintf(
		    tmp, sizeof(tmp), "(?%s%c", c > 0xff ? "<" : "", c & 0xff);
		emit(t, tmp);
		push(t, 0);
		return 0;
	}
	if (c == '#' || c == '(') {
		start = ++t->i;
		while (t->i < t->n && t->p[t->i] != ')')
			t->i++;
		if (t->i++ >= t->n)
			return bad(t,
			    c == '#' ? "missing ), unterminated comment"
				     : "missing ), unterminated name");
		len = t->i - 1 - start;
		if (c == '#')
			return 0;
		if (len > 0 && len < 10 && ISDIG(t->p[start])) {
			g = (uint32_t)strtoul(t->p + start, NULL, 10);
			if (g == 0)
				return bad(t, "bad group number");
		} else if (find_name(t, start, len, &g) < 0) {
			return bad(t, "unknown group name '%.*s'", (int)len,
			    t->p + start);
		}
		snprintf(tmp, sizeof(tmp), "(?(%u)", g);
		emit(t, tmp);
		push(t, 0);
		return 0;
	}
	return tr_flags(t);
}

static int
translate(struct tr *t)
{
	int c;

	t->closed = xcalloc(1, 1);
	t->flags_only = 1;
	while (t->i < t->n) {
		c = (unsigned char)t->p[t->i++];
		if (c != '(')
			t->flags_only = 0;
		switch (c) {
		case '\\':
			t->repeated = 0;
			if (tr_escape(t) < 0)
				return -1;
			continue;
		case '[':
			t->repeated = 0;
			if (tr_class(t) < 0)
				return -1;
			continue;
		case '(':
			if (peek(t) != '?' || t->i + 1 >= t->n ||
			    memchr("aiLmsux-", t->p[t->i + 1], 8) == NULL)
				t->flags_only = 0;
			if (tr_group(t) < 0)
				return -1;
			continue;
		case ')':
			if (t->depth == 0)
				return bad(t, "unbalanced parenthesis");
			t->closed[t->open[--t->depth]] = 1;
			emit(t, ")");
			t->item = 1;
			t->repeated = 0;
			continue;
		case '*':
		case '+':
		case '?':
			if (tr_quant(t,
				c == '*'       ? "*"
				    : c == '+' ? "+"
					       : "?") < 0)
				return -1;
			continue;
		case '{':
			if (tr_brace(t) < 0)
				return -1;
			continue;
		case '|':
		case '^':
		case '$':
			buf_append(&t->out, &t->p[t->i - 1], 1);
			t->item = 0;
			t->repeated = 0;
			continue;
		case '.':
			emit(t, ".");
			t->item = 1;
			t->repeated = 0;
			continue;
		}
		t->repeated = 0;
		if (c >= 0x80) {
			size_t k = pystr_decode(
			    t->p + t->i - 1, t->n - t->i + 1, &(uint32_t){0});
			if (t->ascii)
				emit(t, "(?!)");
			else
				buf_append(&t->out, t->p + t->i - 1, k);
			t->i += k - 1;
			t->item = 1;
		} else {
			emit_char(t, (uint32_t)c);
		}
	}
	if (t->depth > 0)
		return bad(t, "missing ), unterminated subpattern");
	return 0;
}

static void
tr_free(struct tr *t)
{
	free(t->open);
	free(t->closed);
	buf_free(&t->out);
}

int
pydialect_translate(const char *pat, size_t len, unsigned flags,
    struct pydialect *out, char *err, size_t errlen)
{
	struct tr t = {.p = pat, .n = len, .err = err, .errlen = errlen};
	int r;

	t.ascii = (flags & PYDIALECT_ASCII) != 0;
	memset(out, 0, sizeof(*out));
	buf_init(&t.out);
	r = translate(&t);
	out->names = t.names;
	out->nnames = t.nnames;
	if (r < 0) {
		tr_free(&t);
		pydialect_free(out);
		return -1;
	}
	buf_append(&t.out, "", 0);
	out->len = t.out.len;
	out->pattern = buf_steal(&t.out, NULL);
	out->ngroups = t.ngroups;
	out->caseless = t.caseless;
	tr_free(&t);
	return 0;
}

void
pydialect_free(struct pydialect *d)
{
	size_t k;

	for (k = 0; k < d->nnames; k++)
		free(d->names[k].name);
	free(d->names);
	free(d->pattern);
	memset(d, 0, sizeof(*d));
}
