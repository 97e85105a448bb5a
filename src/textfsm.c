/*
 * textfsm: template compiler and state machine. The template is read the
 * way python-textfsm 1.1.0 reads it (lines cut by universal newlines and
 * rstrip()ed; a Value block ended by a blank line; states separated by
 * blank lines; rules start with " ^", "  ^" or "\t^"), and every check it
 * makes is made here, so a template is rejected exactly when Python
 * rejects it. Value references in rules are substituted textually, as
 * string.Template does, and the resulting Python regex goes to pyre.
 *
 * The machine keeps, per Value, what Python's TextFSMValue and its option
 * objects keep: the current value (None or a string), the Filldown copy,
 * the List items. Strings are spans of the decoded input until a record
 * copies them into the table's arena. Option hooks run in the order the
 * options were written, which matters for Required before or after List.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyre.h"
#include "pystr.h"
#include "textfsm.h"
#include "tfsm_impl.h"
#include "util.h"

#define MAX_NAME_LEN 48			 /* python-textfsm's MAX_NAME_LEN */
#define MAX_TEMPLATE (16u * 1024 * 1024) /* bytes */

static const char *const option_names[NOPTS] = {
    "Filldown", "Fillup", "Key", "List", "Required"};

/* A cursor over the template's lines, as Python iterates a text file. */
struct lines {
	const char *p;
	size_t n, pos;
	int lineno;
};

struct compiler {
	struct tfsm_template *t;
	struct lines in;
	char *err;
	size_t errlen;
};

static int
cerr(struct compiler *c, int line, const char *fmt, ...)
{
	va_list ap;
	int k;

	k = snprintf(c->err, c->errlen, "%s:%d: ", c->t->name, line);
	if (k < 0 || (size_t)k >= c->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(c->err + k, c->errlen - (size_t)k, fmt, ap);
	va_end(ap);
	return -1;
}

/* Next line (universal newlines), rstrip()ed; 0 at the end. */
static int
next_line(struct lines *in, const char **s, size_t *len)
{
	size_t i = in->pos;

	if (i >= in->n)
		return 0;
	*s = in->p + i;
	while (i < in->n && in->p[i] != '\n' && in->p[i] != '\r')
		i++;
	*len = pystr_rstrip(*s, (size_t)(in->p + i - *s));
	if (i < in->n && in->p[i] == '\r' && i + 1 < in->n &&
	    in->p[i + 1] == '\n')
		i++;
	in->pos = i < in->n ? i + 1 : i;
	in->lineno++;
	return 1;
}

/* Python's comment_regex: ^\s*# */
static int
is_comment(const char *s, size_t len)
{
	size_t k = pystr_lstrip(s, len);

	return k < len && s[k] == '#';
}

static int
has_prefix(const char *s, size_t len, const char *pre)
{
	size_t k = strlen(pre);

	return len >= k && memcmp(s, pre, k) == 0;
}

static long
value_index(const struct tfsm_template *t, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < t->nvalues; i++)
		if (strlen(t->values[i].name) == len &&
		    memcmp(t->values[i].name, name, len) == 0)
			return (long)i;
	return -1;
}

static int
add_option(struct compiler *c, struct value *v, const char *s, size_t len)
{
	int k, j;

	for (k = 0; k < NOPTS; k++)
		if (strlen(option_names[k]) == len &&
		    memcmp(option_names[k], s, len) == 0)
			break;
	if (k == NOPTS)
		return cerr(
		    c, c->in.lineno, "unknown option \"%.*s\"", (int)len, s);
	for (j = 0; j < v->nopts; j++)
		if ((int)v->order[j] == k)
			return cerr(c, c->in.lineno,
			    "duplicate option \"%.*s\"", (int)len, s);
	v->order[v->nopts++] = (enum option)k;
	v->opts |= 1u << k;
	return 0;
}

/*
 * "Value [OPTIONS] NAME (REGEX)", split on single spaces as Python does:
 * the third token decides whether the second is options or the name.
 */
static int
parse_value(struct compiler *c, const char *s, size_t len)
{
	struct tfsm_template *t = c->t;
	const char *sp[3], *opt, *name, *re, *end = s + len, *q;
	size_t nsp = 0, nlen, relen;
	struct value v;
	long i, open = 0, close = 0;
	char why[256];

	memset(&v, 0, sizeof(v));
	v.line = c->in.lineno;
	for (q = s; q < end && nsp < 3; q++)
		if (*q == ' ')
			sp[nsp++] = q;
	if (nsp < 2)
		return cerr(c, v.line,
		    "expected at least 3 tokens on the "
		    "Value line");
	if (sp[1] + 1 < end && sp[1][1] == '(') {
		name = sp[0] + 1;
		nlen = (size_t)(sp[1] - name);
		re = sp[1] + 1;
	} else {
		for (opt = sp[0] + 1; opt <= sp[1]; opt = q + 1) {
			for (q = opt; q < sp[1] && *q != ','; q++)
				;
			if (add_option(c, &v, opt, (size_t)(q - opt)) < 0)
				return -1;
		}
		name = sp[1] + 1;
		nlen = (size_t)((nsp > 2 ? sp[2] : end) - name);
		re = nsp > 2 ? sp[2] + 1 : end;
	}
	relen = (size_t)(end - re);
	if (pystr_ncodepoints(name, nlen) > MAX_NAME_LEN)
		return cerr(c, v.line,
		    "invalid Value name '%.*s' or name too "
		    "long",
		    (int)nlen, name);
	for (i = 0; i < (long)relen; i++) {
		open += re[i] == '(';
		close += re[i] == ')';
	}
	if (relen < 2 || re[0] != '(' || re[relen - 1] != ')' || open != close)
		return cerr(c, v.line,
		    "Value '%.*s' must be contained within "
		    "a '()' pair",
		    (int)relen, re);
	if (value_index(t, name, nlen) >= 0)
		return cerr(c, v.line,
		    "duplicate declarations for Value '%.*s'", (int)nlen, name);
	if ((v.opts & OPTBIT(OPT_LIST)) != 0) {
		if (pyre_compile(
			&v.nested, re, relen, PYRE_JIT, why, sizeof(why)) < 0)
			return cerr(c, v.line,
			    "invalid regular expression in "
			    "List Value '%.*s': %s",
			    (int)nlen, name, why);
		v.has_nested = v.nested.ngroups > 1;
		if (v.nested.ngroups > t->max_groups)
			t->max_groups = v.nested.ngroups;
		if (!v.has_nested)
			pyre_free(&v.nested);
	}
	v.name = xstrndup(name, nlen);
	v.wrapped = xasprintf("(?P<%s>%.*s", v.name, (int)relen - 1, re + 1);
	t->values = xrealloc(t->values, (t->nvalues + 1) * sizeof(*t->values));
	t->values[t->nvalues++] = v;
	return 0;
}

/* The Value block: lines up to the first blank one. */
static int
parse_values(struct compiler *c)
{
	const char *s;
	size_t len;

	while (next_line(&c->in, &s, &len)) {
		if (len == 0)
			return 0;
		if (is_comment(s, len))
			continue;
		if (has_prefix(s, len, "Value ")) {
			if (parse_value(c, s, len) < 0)
				return -1;
		} else if (c->t->nvalues == 0) {
			return cerr(c, c->in.lineno,
			    "no Value definitions "
			    "found");
		} else {
			return cerr(c, c->in.lineno,
			    "expected a blank line "
			    "after the last Value");
		}
	}
	return 0;
}

static int
is_ascii_ident(int ch, int first)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') ||
	    (ch >= 'A' && ch <= 'Z') || (!first && ch >= '0' && ch <= '9');
}

/*
 * string.Template(s).substitute(values): $$ is '$', $NAME and ${NAME}
 * (NAME an ASCII identifier, the longest one) a Value's regex; any other
 * '$' or an unknown NAME is an error.
 */
static char *
substitute(struct compiler *c, int line, const char *s, size_t len)
{
	struct buf b;
	size_t i = 0, j, k;
	long v;

	buf_init(&b);
	while (i < len) {
		if (s[i] != '$') {
			for (j = i; j < len && s[j] != '$'; j++)
				;
			buf_append(&b, s + i, j - i);
			i = j;
			continue;
		}
		j = i + 1;
		if (j < len && s[j] == '$') {
			buf_append(&b, "$", 1);
			i = j + 1;
			continue;
		}
		k = j;
		if (j < len && s[j] == '{')
			k = ++j;
		if (k < len && is_ascii_ident((unsigned char)s[k], 1))
			for (k++;
			     k < len && is_ascii_ident((unsigned char)s[k], 0);)
				k++;
		if (k == j || (s[i + 1] == '{' && (k >= len || s[k] != '}')))
			goto bad;
		if ((v = value_index(c->t, s + j, k - j)) < 0)
			goto bad;
		buf_append(&b, c->t->values[v].wrapped,
		    strlen(c->t->values[v].wrapped));
		i = s[i + 1] == '{' ? k + 1 : k;
	}
	buf_append(&b, "", 0);
	return buf_steal(&b, NULL);
bad:
	buf_free(&b);
	cerr(c, line, "duplicate or invalid variable substitution: '%.*s'",
	    (int)len, s);
	return NULL;
}

/* Whitespace run at s[i..n): its length in bytes. */
static size_t
spaces(const char *s, size_t n, size_t i)
{
	return pystr_lstrip(s + i, n - i);
}

/* One of words[] at s+i followed by a space, '.' (if dot) or the end. */
static int
word_at(const char *s, size_t n, size_t *i, const char *const *words,
    int nwords, int dot)
{
	size_t k, wl;
	int w;

	for (w = 0; w < nwords; w++) {
		wl = strlen(words[w]);
		if (n - *i < wl || memcmp(s + *i, words[w], wl) != 0)
			continue;
		k = *i + wl;
		if (k == n || spaces(s, n, k) > 0 || (dot && s[k] == '.')) {
			*i = k;
			return w;
		}
	}
	return -1;
}

/* "(\s+(?P<new_state>\w+|\".*\"))?$" from s+i: 0, or -1 if no match. */
static int
new_state_at(const char *s, size_t n, size_t i, struct rule *r)
{
	size_t k;

	if (i == n)
		return 0;
	if ((k = spaces(s, n, i)) == 0)
		return -1;
	i += k;
	if (i < n &&
	    (pyre_is_word(s + i, n - i) ||
		(n - i >= 2 && s[i] == '"' && s[n - 1] == '"'))) {
		r->target_name = xstrndup(s + i, n - i);
		return 0;
	}
	return -1;
}

static const char *const line_ops[] = {"Next", "Continue", "Error"};
static const char *const rec_ops[] = {
    "NoRecord", "Record", "Clearall", "Clear"};
static const enum rec_op rec_op_of[] = {
    REC_NONE, REC_RECORD, REC_CLEARALL, REC_CLEAR};

/*
 * The text after "->": "LINEOP[.RECOP] [STATE]", "RECOP [STATE]" or
 * "[STATE]", tried in that order as python-textfsm's three regexes.
 */
static int
parse_action(struct compiler *c, struct rule *r, const char *s, size_t n)
{
	size_t i, k;
	int w;

	if ((k = spaces(s, n, 0)) > 0) {
		i = k;
		if ((w = word_at(s, n, &i, line_ops, 3, 1)) >= 0) {
			r->lop = (enum line_op)w;
			if (i < n && s[i] == '.') {
				i++;
				w = word_at(s, n, &i, rec_ops, 4, 0);
			} else {
				w = 0;
			}
			if (w >= 0 && new_state_at(s, n, i, r) == 0) {
				r->rop = rec_op_of[w];
				goto check;
			}
			r->lop = LINE_NEXT;
		}
		i = k;
		if ((w = word_at(s, n, &i, rec_ops, 4, 0)) >= 0 &&
		    new_state_at(s, n, i, r) == 0) {
			r->rop = rec_op_of[w];
			goto check;
		}
	}
	if (new_state_at(s, n, 0, r) == 0)
		goto check;
	return cerr(c, r->line, "badly formatted rule '%.*s'", (int)n, s);
check:
	if (r->lop == LINE_CONTINUE && r->target_name != NULL)
		return cerr(c, r->line,
		    "action 'Continue' with a new state "
		    "'%s'",
		    r->target_name);
	if (r->lop != LINE_ERROR && r->target_name != NULL &&
	    r->target_name[0] == '"')
		return cerr(c, r->line,
		    "alphanumeric characters only in state "
		    "names");
	return 0;
}

/* "  ^regex [-> action]" */
static int
parse_rule(struct compiler *c, struct state *st, const char *s, size_t len)
{
	struct tfsm_template *t = c->t;
	struct rule r;
	char *re, why[256];
	size_t i, k, mlen, wsl = 0;
	long v;
	uint32_t cp;

	memset(&r, 0, sizeof(r));
	r.line = c->in.lineno;
	r.target = TARGET_SAME;
	i = pystr_lstrip(s, len);
	s += i;
	len -= i;
	mlen = len;
	/* The last "->" after a whitespace character splits off the action. */
	for (k = len; k >= 2; k--) {
		if (s[k - 2] != '-' || s[k - 1] != '>' || k - 2 == 0)
			continue;
		wsl = pystr_prev_len(s, k - 2);
		pystr_decode(s + k - 2 - wsl, wsl, &cp);
		if (pystr_isspace(cp)) {
			mlen = k - 2 - wsl;
			break;
		}
	}
	if (t->nvalues > 0)
		re = substitute(c, r.line, s, mlen);
	else
		re = xstrndup(s, mlen);
	if (re == NULL)
		return -1;
	if (pyre_compile(&r.re, re, strlen(re), PYRE_JIT, why, sizeof(why)) <
	    0) {
		cerr(c, r.line, "invalid regular expression '%s': %s", re, why);
		free(re);
		return -1;
	}
	free(re);
	if (r.re.ngroups > t->max_groups)
		t->max_groups = r.re.ngroups;
	r.assign = xcalloc(r.re.nnames + 1, sizeof(*r.assign));
	for (i = 0; i < r.re.nnames; i++) {
		v = value_index(
		    t, r.re.names[i].name, strlen(r.re.names[i].name));
		if (v < 0)
			continue;
		r.assign[r.nassign].group = r.re.names[i].group;
		r.assign[r.nassign++].value = (size_t)v;
	}
	st->rules = xrealloc(st->rules, (st->nrules + 1) * sizeof(*st->rules));
	st->rules[st->nrules++] = r;
	if (mlen < len &&
	    parse_action(c, &st->rules[st->nrules - 1], s + mlen + wsl + 2,
		len - mlen - wsl - 2) < 0)
		return -1;
	return 0;
}

static int
reserved(const char *s, size_t len)
{
	static const char *const words[] = {"Continue", "Next", "Error",
	    "Clear", "Clearall", "Record", "NoRecord"};
	size_t k;

	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (strlen(words[k]) == len && memcmp(words[k], s, len) == 0)
			return 1;
	return 0;
}

static long
state_index(const struct tfsm_template *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nstates; i++)
		if (strcmp(t->states[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* One state: its name line, then rules to a blank line. 0 at the end. */
static int
parse_state(struct compiler *c)
{
	struct tfsm_template *t = c->t;
	struct state *st;
	const char *s;
	size_t len;

	for (;;) {
		if (!next_line(&c->in, &s, &len))
			return 0;
		if (len > 0 && !is_comment(s, len))
			break;
	}
	if (!pyre_is_word(s, len) || pystr_ncodepoints(s, len) > MAX_NAME_LEN ||
	    reserved(s, len))
		return cerr(
		    c, c->in.lineno, "invalid state name: '%.*s'", (int)len, s);
	st = NULL;
	t->states = xrealloc(t->states, (t->nstates + 1) * sizeof(*t->states));
	st = &t->states[t->nstates];
	memset(st, 0, sizeof(*st));
	st->name = xstrndup(s, len);
	st->line = c->in.lineno;
	if (state_index(t, st->name) >= 0) {
		cerr(c, c->in.lineno, "duplicate state name: '%s'", st->name);
		free(st->name);
		return -1;
	}
	t->nstates++;
	while (next_line(&c->in, &s, &len)) {
		if (len == 0)
			break;
		if (is_comment(s, len))
			continue;
		if (!has_prefix(s, len, " ^") && !has_prefix(s, len, "  ^") &&
		    !has_prefix(s, len, "\t^"))
			return cerr(c, c->in.lineno,
			    "missing white space or "
			    "caret ('^') before rule");
		if (parse_rule(c, st, s, len) < 0)
			return -1;
	}
	return 1;
}

/* python-textfsm's _ValidateFSM, then state names become indexes. */
static int
link_states(struct compiler *c)
{
	struct tfsm_template *t = c->t;
	struct rule *r;
	size_t i, j;
	long k;

	if ((k = state_index(t, "Start")) < 0)
		return cerr(c, c->in.lineno, "missing state 'Start'");
	t->start = (size_t)k;
	if ((k = state_index(t, "End")) >= 0 && t->states[k].nrules > 0)
		return cerr(c, t->states[k].line, "non-empty 'End' state");
	if ((k = state_index(t, "EOF")) >= 0) {
		if (t->states[k].nrules > 0)
			return cerr(c, t->states[k].line,
			    "non-empty 'EOF' "
			    "state");
		t->has_eof = 1;
	}
	for (i = 0; i < t->nstates; i++) {
		for (j = 0; j < t->states[i].nrules; j++) {
			r = &t->states[i].rules[j];
			if (r->target_name == NULL)
				continue;
			if (r->lop == LINE_ERROR)
				r->target = TARGET_SAME;
			else if (strcmp(r->target_name, "End") == 0)
				r->target = TARGET_END;
			else if (strcmp(r->target_name, "EOF") == 0)
				r->target = TARGET_EOF;
			else if ((k = state_index(t, r->target_name)) >= 0)
				r->target = k;
			else
				return cerr(c, r->line,
				    "state '%s' not found, "
				    "referenced in state "
				    "'%s'",
				    r->target_name, t->states[i].name);
		}
	}
	return 0;
}

struct tfsm_template *
tfsm_compile(
    const char *name, const char *text, size_t len, char *err, size_t errlen)
{
	struct compiler c;
	size_t i, valid;
	int r, line;

	memset(&c, 0, sizeof(c));
	c.t = xcalloc(1, sizeof(*c.t));
	c.t->name = xstrdup(name);
	c.err = err;
	c.errlen = errlen;
	c.in.p = text;
	c.in.n = len;
	if ((valid = pystr_utf8_prefix(text, len)) < len) {
		for (i = 0, line = 1; i < valid; i++)
			line += text[i] == '\n';
		cerr(&c, line, "not valid UTF-8");
		goto fail;
	}
	if (parse_values(&c) < 0)
		goto fail;
	while ((r = parse_state(&c)) > 0)
		;
	if (r < 0 || link_states(&c) < 0)
		goto fail;
	return c.t;
fail:
	tfsm_free(c.t);
	return NULL;
}

struct tfsm_template *
tfsm_load(const char *path, char *err, size_t errlen)
{
	struct tfsm_template *t = NULL;
	struct buf b;
	FILE *f;
	size_t n;

	if ((f = fopen(path, "re")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b);
	do {
		n = fread(buf_reserve(&b, 65536), 1, 65536, f);
		b.len += n;
	} while (n > 0 && b.len <= MAX_TEMPLATE);
	if (ferror(f))
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	else if (b.len > MAX_TEMPLATE)
		snprintf(err, errlen, "%s: larger than %u bytes", path,
		    MAX_TEMPLATE);
	else
		t = tfsm_compile(
		    path, b.data ? b.data : "", b.len, err, errlen);
	fclose(f);
	buf_free(&b);
	return t;
}

void
tfsm_free(struct tfsm_template *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nvalues; i++) {
		free(t->values[i].name);
		free(t->values[i].wrapped);
		pyre_free(&t->values[i].nested);
	}
	for (i = 0; i < t->nstates; i++) {
		for (j = 0; j < t->states[i].nrules; j++) {
			pyre_free(&t->states[i].rules[j].re);
			free(t->states[i].rules[j].assign);
			free(t->states[i].rules[j].target_name);
		}
		free(t->states[i].rules);
		free(t->states[i].name);
	}
	free(t->values);
	free(t->states);
	free(t->name);
	free(t);
}

const char *
tfsm_name(const struct tfsm_template *t)
{
	return t->name;
}

size_t
tfsm_nvalues(const struct tfsm_template *t)
{
	return t->nvalues;
}

const char *
tfsm_value_name(const struct tfsm_template *t, size_t i)
{
	return t->values[i].name;
}

int
tfsm_value_is_key(const struct tfsm_template *t, size_t i)
{
	return (t->values[i].opts & OPTBIT(OPT_KEY)) != 0;
}
