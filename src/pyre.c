/*
 * pyre: Python patterns compiled and matched with PCRE2. pydialect does
 * the translation; this file owns the PCRE2 objects: compile options
 * (UTF + UCP, anchored, LF newlines), JIT, and the per-thread match
 * scratch with its high limits and a JIT stack that can grow to 64 MiB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pydialect.h"
#include "pyre.h"
#include "pystr.h"
#include "util.h"

#define MATCH_LIMIT 100000000u
#define HEAP_LIMIT (1024u * 1024) /* KiB: 1 GiB for the interpreter */
#define JIT_STACK_MIN (32u * 1024)
#define JIT_STACK_MAX (64u * 1024 * 1024)

struct pyre_ctx {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *stack;
	PCRE2_SIZE *ov; /* md's ovector, which never moves */
	uint32_t nov;
};

/* Which byte of s[0..n) to search for: the least common in CLI text. */
static size_t
rarest(const char *s, size_t n)
{
	static const char common[] = " eaitonsrlcduphmgbfywkvxzjq0123456789"
				     "EATIONSRLCDUPHMGBFYWKVXZJQ.:/-,";
	const char *c;
	size_t k, best = 0, rank, best_rank = 0;

	for (k = 0; k < n; k++) {
		c = memchr(common, s[k], sizeof(common) - 1);
		rank = c == NULL ? sizeof(common) : (size_t)(c - common);
		if (rank > best_rank) {
			best = k;
			best_rank = rank;
		}
	}
	return best;
}

/* Literal runs at the top level of a translated pattern. */
struct lits {
	struct buf run, prefix, best;
	size_t last;  /* bytes of the run's last character */
	int at_start; /* nothing but '^' before the run */
	int in_prefix;
	int ws;	      /* '^' then \s+ (1) or \s* (2) before the prefix */
	int none;     /* top-level '|' or caseless: no prefilter */
	int prev_lit; /* the last item was a literal character */
};

static void
run_end(struct lits *l)
{
	if (l->in_prefix && l->prefix.len == 0)
		buf_append(&l->prefix, l->run.data, l->run.len);
	if (l->run.len > l->best.len) {
		l->best.len = 0;
		buf_append(&l->best, l->run.data, l->run.len);
	}
	l->run.len = 0;
	l->in_prefix = 0;
	l->at_start = 0;
}

static void
run_add(struct lits *l, const char *s, size_t n)
{
	if (l->run.len == 0)
		l->in_prefix = l->at_start;
	buf_append(&l->run, s, n);
	l->last = n;
}

static size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Length of the group, class or escape at p (the end of pattern e). */
static size_t
skip_item(const char *p, const char *e)
{
	const char *q = p;
	int depth = 0;

	do {
		if (*q == '\\' && q + 1 < e) {
			q += q[1] == 'x' || q[1] == 'g'
			    ? (size_t)((const char *)memchr(
					   q, '}', (size_t)(e - q)) -
				  q)
			    : 1;
		} else if (*q == '[') {
			while (q + 1 < e && *++q != ']')
				q += *q == '\\';
		} else if (*q == '(') {
			depth++;
		} else if (*q == ')') {
			depth--;
		}
		q++;
	} while (depth > 0 && q < e);
	return (size_t)(q - p);
}

/*
 * At p, at the start, \s+ or \s* (after any '^'): skipped, noted in
 * l->ws, as the prefix starts after it. The end of it, or NULL.
 */
static const char *
leading_space(struct lits *l, const char *p, const char *e)
{
	const size_t n = sizeof(PYDIALECT_SPACE) - 1;

	if (!l->at_start || l->run.len != 0 || l->ws != 0 ||
	    (size_t)(e - p) <= n + 1 || memcmp(p, PYDIALECT_SPACE, n) != 0 ||
	    (p[n] != '+' && p[n] != '*'))
		return NULL;
	p += n;
	l->ws = *p++ == '+' ? 1 : 2;
	if (p < e && (*p == '?' || *p == '+'))
		p++;
	return p;
}

/* A literal character at p, added to the run: its end, or NULL. */
static const char *
literal(struct lits *l, const char *p, const char *e)
{
	char utf[4];
	size_t k;

	if (*p == '\\' && p + 1 < e && p[1] == 'x') {
		k = utf8_encode((uint32_t)strtoul(p + 3, NULL, 16), utf);
		run_add(l, utf, k);
		l->prev_lit = 1;
		return (const char *)memchr(p, '}', (size_t)(e - p)) + 1;
	}
	if (!((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') ||
		(*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return NULL;
	for (k = 1; p + k < e && ((unsigned char)p[k] & 0xc0) == 0x80;)
		k++;
	run_add(l, p, k);
	l->prev_lit = 1;
	return p + k;
}

/*
 * The quantifier at p ends the run, without its last character when
 * that may be absent. Returns its end.
 */
static const char *
quantifier(struct lits *l, const char *p, const char *e)
{
	int zero = *p == '*' || *p == '?' || (*p == '{' && p[1] == '0');

	p = *p == '{' ? (const char *)memchr(p, '}', (size_t)(e - p)) + 1
		      : p + 1;
	if (p < e && (*p == '?' || *p == '+'))
		p++;
	if (l->prev_lit && zero)
		l->run.len -= l->last;
	run_end(l);
	l->prev_lit = 0;
	return p;
}

/*
 * Global flags (?ims) at p: no item, but a caseless pattern has no
 * literal to look for. Their end, or NULL.
 */
static const char *
global_flags(struct lits *l, const char *p, const char *e)
{
	const char *q;

	if (!(*p == '(' && p + 2 < e && p[1] == '?' &&
		(q = memchr(p, ')', (size_t)(e - p))) != NULL &&
		strspn(p + 2, "ims") == (size_t)(q - p - 2)))
		return NULL;
	l->none |= memchr(p, 'i', (size_t)(q - p)) != NULL;
	return q + 1;
}

/* The prefilter l found, kept in re: a prefix, else a needle, or none. */
static void
keep_prefilter(struct pyre *re, struct lits *l)
{
	uint32_t cp;

	if (l->prefix.len > 0 && l->ws != 0) {
		/* It must start with a character \s cannot take. */
		pystr_decode(l->prefix.data, l->prefix.len, &cp);
		if (pystr_isspace(cp))
			l->prefix.len = 0;
	}
	if (l->none) {
		/* No prefilter. */
	} else if (l->prefix.len > 0) {
		re->prefix_len = l->prefix.len;
		re->prefix = xstrndup(l->prefix.data, l->prefix.len);
		re->prefix_ws = l->ws;
	} else if (l->best.len > 0) {
		re->needle_len = l->best.len;
		re->needle = xstrndup(l->best.data, l->best.len);
		re->rare = rarest(re->needle, re->needle_len);
	}
}

/*
 * Walk the PCRE2 pattern pydialect wrote (literals are ASCII letters and
 * digits, raw UTF-8 or \x{HEX}; classes hold no bare '[' or ']').
 */
static void
find_literals(struct pyre *re, const char *p, size_t n)
{
	const char *e = p + n, *q;
	struct lits l;

	memset(&l, 0, sizeof(l));
	l.at_start = 1;
	while (p < e && !l.none) {
		if ((q = leading_space(&l, p, e)) != NULL ||
		    (q = literal(&l, p, e)) != NULL) {
			p = q;
			continue;
		}
		if (*p == '*' || *p == '+' || *p == '?' || *p == '{') {
			p = quantifier(&l, p, e);
			continue;
		}
		if (*p == '|')
			l.none = 1;
		if ((q = global_flags(&l, p, e)) != NULL) {
			p = q;
			continue;
		}
		if (!(*p == '^' && l.at_start && l.run.len == 0))
			run_end(&l);
		p += *p == '(' || *p == '[' || *p == '\\' ? skip_item(p, e) : 1;
		l.prev_lit = 0;
	}
	run_end(&l);
	keep_prefilter(re, &l);
	buf_free(&l.run);
	buf_free(&l.prefix);
	buf_free(&l.best);
}

#define UNBOUNDED SIZE_MAX

static size_t
sat_mul(size_t a, size_t n)
{
	if (a == 0 || n == 0)
		return 0;
	if (a == UNBOUNDED || n == UNBOUNDED || a > UNBOUNDED / n)
		return UNBOUNDED;
	return a * n;
}

static size_t
sat_add(size_t a, size_t b)
{
	return a == UNBOUNDED || b == UNBOUNDED || a + b < a ? UNBOUNDED
							     : a + b;
}

static size_t alt_max(const char **pp, const char *e);

/*
 * The most characters the item at *pp (an atom and its quantifier) can
 * match, in the translated pattern; *pp moves past it. *anchor tells
 * whether it was an end anchor ($ or \z).
 */
static size_t
item_max(const char **pp, const char *e, int *anchor)
{
	const char *p = *pp;
	size_t m = 1, lo, hi;
	int zero = 0;

	*anchor = 0;
	if (*p == '(') {
		zero = p[1] == '?' &&
		    (p[2] == '=' || p[2] == '!' ||
			(p[2] == '<' && p[3] != '\0'));
		if (p[1] == '?' && strspn(p + 2, "ims-") > 0 &&
		    p[2 + strspn(p + 2, "ims-")] == ')') {
			*pp = p + 3 + strspn(p + 2, "ims-");
			return 0;
		}
		if (p[1] != '?')
			p += 1;
		else if (p[2] == '(')
			p = strchr(p + 3, ')') + 1;
		else
			p += strcspn(p, ":=!>") + 1;
		m = alt_max(&p, e);
		p += p < e; /* the ')' */
		if (zero)
			m = 0;
	} else if (*p == '\\') {
		if (p[1] == 'b' || p[1] == 'B' || p[1] == 'A' || p[1] == 'z') {
			m = 0;
			*anchor = p[1] == 'z';
		} else if (p[1] == 'g') {
			m = UNBOUNDED;
		}
		p += p[1] == 'x' || p[1] == 'g' ? strcspn(p, "}") + 1 : 2;
	} else if (*p == '^' || *p == '$') {
		m = 0;
		*anchor = *p == '$';
		p++;
	} else {
		p += *p == '['			? skip_item(p, e)
		    : (unsigned char)*p >= 0x80 ? pystr_prev_len(p, 1)
						: 1;
		while (p < e && ((unsigned char)*p & 0xc0) == 0x80)
			p++;
	}
	if (p < e && (*p == '*' || *p == '+')) {
		m = sat_mul(m, UNBOUNDED);
		p++;
	} else if (p < e && *p == '?') {
		p++;
	} else if (p < e && *p == '{') {
		lo = strtoul(p + 1, (char **)&p, 10);
		hi = *p == ',' ? (p[1] == '}' ? UNBOUNDED
					      : strtoul(p + 1, (char **)&p, 10))
			       : lo;
		p = strchr(p, '}') + 1;
		m = sat_mul(m, hi);
	} else {
		*pp = p;
		return m;
	}
	if (p < e && (*p == '?' || *p == '+'))
		p++;
	*anchor = 0;
	*pp = p;
	return m;
}

/* The most characters alternatives up to ')' or the end can match. */
static size_t
alt_max(const char **pp, const char *e)
{
	size_t best = 0, seq = 0;
	int anchor;

	while (*pp < e && **pp != ')') {
		if (**pp == '|') {
			best = seq > best ? seq : best;
			seq = 0;
			(*pp)++;
			continue;
		}
		seq = sat_add(seq, item_max(pp, e, &anchor));
	}
	return seq > best ? seq : best;
}

/* min_len from PCRE2, max_len when the pattern ends in $ at top level. */
static void
find_lengths(struct pyre *re, const char *pat, size_t n)
{
	const char *p = pat, *e = pat + n;
	size_t max = 0;
	uint32_t min = 0;
	int anchor = 0, alt = 0;

	if (pcre2_pattern_info(re->code, PCRE2_INFO_MINLENGTH, &min) == 0)
		re->min_len = min;
	while (p < e) {
		if (*p == '|')
			alt = 1;
		if (*p == '|' || *p == ')') {
			p++;
			continue;
		}
		max = sat_add(max, item_max(&p, e, &anchor));
	}
	if (anchor && !alt && max != UNBOUNDED)
		re->max_len = max;
}

/* PCRE2 code for a translated pattern: UTF + UCP, or bytes for ASCII. */
static pcre2_code *
compile_code(const struct pydialect *d, int utf, char *err, size_t errlen)
{
	pcre2_compile_context *cc;
	pcre2_code *code;
	PCRE2_UCHAR msg[160];
	PCRE2_SIZE eoff;
	int ecode;

	if ((cc = pcre2_compile_context_create(NULL)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
	pcre2_set_bsr(cc, PCRE2_BSR_UNICODE);
	code = pcre2_compile((PCRE2_SPTR)d->pattern, d->len,
	    PCRE2_ANCHORED |
		(utf ? PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK : 0),
	    &ecode, &eoff, cc);
	pcre2_compile_context_free(cc);
	if (code == NULL) {
		pcre2_get_error_message(ecode, msg, sizeof(msg));
		snprintf(err, errlen, "%s", (char *)msg);
	}
	return code;
}

int
pyre_compile(struct pyre *re, const char *pat, size_t len, unsigned flags,
    char *err, size_t errlen)
{
	struct pydialect d, a;

	memset(re, 0, sizeof(*re));
	if (pydialect_translate(pat, len, 0, &d, err, errlen) < 0)
		return -1;
	if ((re->code = compile_code(&d, 1, err, errlen)) == NULL) {
		pydialect_free(&d);
		return -1;
	}
	if (flags & PYRE_JIT) {
		re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
		/* Best effort: without it ASCII subjects take the UTF code. */
		if (!d.caseless &&
		    pydialect_translate(
			pat, len, PYDIALECT_ASCII, &a, err, errlen) == 0) {
			re->acode = compile_code(&a, 0, err, errlen);
			re->ajit = re->acode != NULL &&
			    pcre2_jit_compile(re->acode, PCRE2_JIT_COMPLETE) ==
				0;
			pydialect_free(&a);
		}
	}
	find_literals(re, d.pattern, d.len);
	find_lengths(re, d.pattern, d.len);
	re->ngroups = d.ngroups;
	re->names = d.names;
	re->nnames = d.nnames;
	d.names = NULL;
	d.nnames = 0;
	pydialect_free(&d);
	return 0;
}

void
pyre_free(struct pyre *re)
{
	size_t k;

	if (re == NULL)
		return;
	for (k = 0; k < re->nnames; k++)
		free(re->names[k].name);
	free(re->names);
	free(re->prefix);
	free(re->needle);
	pcre2_code_free(re->code);
	pcre2_code_free(re->acode);
	memset(re, 0, sizeof(*re));
}

struct pyre_ctx *
pyre_ctx_new(uint32_t max_groups)
{
	struct pyre_ctx *ctx = xcalloc(1, sizeof(*ctx));

	ctx->md = pcre2_match_data_create(max_groups + 1, NULL);
	ctx->mc = pcre2_match_context_create(NULL);
	if (ctx->md == NULL || ctx->mc == NULL) {
		pyre_ctx_free(ctx);
		return NULL;
	}
	ctx->ov = pcre2_get_ovector_pointer(ctx->md);
	ctx->nov = pcre2_get_ovector_count(ctx->md);
	pcre2_set_match_limit(ctx->mc, MATCH_LIMIT);
	pcre2_set_heap_limit(ctx->mc, HEAP_LIMIT);
	ctx->stack = pcre2_jit_stack_create(JIT_STACK_MIN, JIT_STACK_MAX, NULL);
	if (ctx->stack != NULL)
		pcre2_jit_stack_assign(ctx->mc, NULL, ctx->stack);
	return ctx;
}

void
pyre_ctx_limit(struct pyre_ctx *ctx, uint32_t match_limit)
{
	pcre2_set_match_limit(ctx->mc, match_limit);
}

void
pyre_ctx_free(struct pyre_ctx *ctx)
{
	if (ctx == NULL)
		return;
	pcre2_jit_stack_free(ctx->stack);
	pcre2_match_context_free(ctx->mc);
	pcre2_match_data_free(ctx->md);
	free(ctx);
}

/* Bytes of Python whitespace at the start of s. */
static size_t
skip_space(const char *s, size_t len)
{
	uint32_t cp;
	size_t i = 0, k;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] != ' ' && (s[i] < 0x09 || s[i] > 0x0d) &&
			    (s[i] < 0x1c || s[i] > 0x1f))
				break;
			i++;
			continue;
		}
		k = pystr_decode(s + i, len - i, &cp);
		if (!pystr_isspace(cp))
			break;
		i += k;
	}
	return i;
}

/*
 * memmem() for short lines, from the needle's rarest byte (re->rare):
 * glibc's two-way search costs more than the lines are long.
 */
static int
contains(const struct pyre *re, const char *s, size_t len)
{
	const char *p, *end;
	size_t k = re->rare, n = re->needle_len;

	if (len < n)
		return 0;
	p = s + k;
	end = s + len - (n - k);
	while (p < end + 1 &&
	    (p = memchr(p, re->needle[k], (size_t)(end - p) + 1)) != NULL) {
		if (memcmp(p - k, re->needle, n) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* Nonzero when the prefilters say s[0..len) cannot match. */
static int
turned_away(const struct pyre *re, const char *s, size_t len)
{
	size_t w;

	if (len < re->min_len ||
	    (re->max_len > 0 && len > re->max_len &&
		pystr_ncodepoints(s, len) > re->max_len))
		return 1;
	if (re->prefix_len > 0) {
		w = re->prefix_ws ? skip_space(s, len) : 0;
		return (re->prefix_ws == 1 && w == 0) ||
		    len - w < re->prefix_len || s[w] != re->prefix[0] ||
		    memcmp(s + w, re->prefix, re->prefix_len) != 0;
	}
	return re->needle_len > 0 && !contains(re, s, len);
}

static int
run(const pcre2_code *code, int jit, const char *s, size_t len,
    struct pyre_ctx *ctx)
{
	int rc;

	if (jit)
		rc = pcre2_jit_match(
		    code, (PCRE2_SPTR)s, len, 0, 0, ctx->md, ctx->mc);
	else
		rc = pcre2_match(code, (PCRE2_SPTR)s, len, 0,
		    PCRE2_NO_UTF_CHECK, ctx->md, ctx->mc);
	if (rc >= 0)
		return PYRE_MATCH;
	if (rc == PCRE2_ERROR_NOMATCH)
		return PYRE_NOMATCH;
	return PYRE_ELIMIT;
}

int
pyre_match(
    const struct pyre *re, const char *s, size_t len, struct pyre_ctx *ctx)
{
	if (turned_away(re, s, len))
		return PYRE_NOMATCH;
	return run(re->code, re->jit, s, len, ctx);
}

int
pyre_match_ascii(
    const struct pyre *re, const char *s, size_t len, struct pyre_ctx *ctx)
{
	if (turned_away(re, s, len))
		return PYRE_NOMATCH;
	if (re->acode != NULL)
		return run(re->acode, re->ajit, s, len, ctx);
	return run(re->code, re->jit, s, len, ctx);
}

int
pyre_group(const struct pyre_ctx *ctx, uint32_t g, size_t *off, size_t *glen)
{
	if (g >= ctx->nov || ctx->ov[2 * g] == PCRE2_UNSET)
		return -1;
	*off = ctx->ov[2 * g];
	*glen = ctx->ov[2 * g + 1] - ctx->ov[2 * g];
	return 0;
}

int
pyre_is_word(const char *s, size_t n)
{
	pcre2_match_data *md;
	pcre2_code *code;
	PCRE2_SIZE eoff;
	size_t i;
	int ecode, rc, c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x80)
			break;
		if (!(c == '_' || (c >= '0' && c <= '9') ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return 0;
	}
	if (n == 0 || i == n)
		return n > 0;
	code = pcre2_compile((PCRE2_SPTR) "\\w+\\z", PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &ecode, &eoff, NULL);
	if (code == NULL)
		return 0;
	md = pcre2_match_data_create_from_pattern(code, NULL);
	rc = pcre2_match(code, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return rc >= 0;
}
