/*
 * tfsm_run: the TextFSM state machine (tfsm_parse). Per call it owns the
 * decoded input, one match scratch for rules and one for List Values'
 * nested regexes (a nested match happens while the rule's groups are
 * still being read), and the per-Value state python-textfsm keeps in
 * TextFSMValue and its options. Nothing outlives the call but the rows.
 *
 * Python's value.value, seen from outside, is None or a string, except
 * while a record is saved: a List option then replaces it with the list,
 * so a Required written after List tests the list and one written before
 * it tests the last string. save_record runs the hooks in written order
 * to get that right.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyre.h"
#include "pystr.h"
#include "textfsm.h"
#include "tfsm_impl.h"
#include "util.h"

struct span {
	const char *s; /* NULL: None */
	size_t len;
};

/* A List item: a string or None, or (map >= 0) nested group values. */
struct item {
	struct span str;
	long map; /* index of the first of nmap spans in run.maps, or -1 */
	size_t nmap;
};

struct vrun {
	struct span cur;  /* value.value */
	struct span fill; /* Filldown's copy */
	struct item *items;
	size_t nitems, cap;
};

struct run {
	const struct tfsm_template *t;
	struct tfsm_table *out;
	struct vrun *v;
	struct span *maps;
	size_t nmaps, mapcap;
	struct pyre_ctx *ctx, *nctx;
	const char *line;
	size_t linelen;
	size_t lineno;
	int ascii; /* the line has no byte above 0x7f */
	char *err;
	size_t errlen;
};

static int
truthy(const struct span *s)
{
	return s->s != NULL && s->len > 0;
}

static int
has(const struct value *v, enum option o)
{
	return (v->opts & OPTBIT(o)) != 0;
}

/* "NAME:LINE: what, at input line N: TEXT" */
static int
rerr(struct run *r, int line, const char *fmt, ...)
{
	va_list ap;
	size_t k;
	int n;

	n = snprintf(r->err, r->errlen, "%s:%d: ", r->t->name, line);
	if (n < 0 || (size_t)n >= r->errlen)
		return -1;
	k = (size_t)n;
	va_start(ap, fmt);
	n = vsnprintf(r->err + k, r->errlen - k, fmt, ap);
	va_end(ap);
	if (n < 0 || (k += (size_t)n) >= r->errlen)
		return -1;
	snprintf(r->err + k, r->errlen - k, " at input line %zu: %.*s",
	    r->lineno, (int)r->linelen, r->line);
	return -1;
}

static void
push_item(struct vrun *vr, struct item it)
{
	if (vr->nitems == vr->cap) {
		vr->cap = vr->cap ? vr->cap * 2 : 8;
		vr->items = xrealloc(vr->items, vr->cap * sizeof(*vr->items));
	}
	vr->items[vr->nitems++] = it;
}

/* List's OnAssignVar: the string, or a mapping of the nested groups. */
static int
list_append(struct run *r, const struct value *v, struct vrun *vr, int line)
{
	struct item it = {vr->cur, -1, 0};
	size_t k, off, len;
	int rc;

	if (!v->has_nested) {
		push_item(vr, it);
		return 0;
	}
	if (vr->cur.s == NULL)
		return rerr(r, line,
		    "List Value '%s' with nested groups took "
		    "no part in the match (python-textfsm "
		    "raises TypeError)",
		    v->name);
	rc = pyre_match(&v->nested, vr->cur.s, vr->cur.len, r->nctx);
	if (rc == PYRE_ELIMIT)
		return rerr(r, v->line,
		    "regex match limit hit in List Value "
		    "'%s'",
		    v->name);
	if (rc == PYRE_MATCH && v->nested.nnames > 0) {
		if (r->nmaps + v->nested.nnames > r->mapcap) {
			r->mapcap = (r->nmaps + v->nested.nnames) * 2;
			r->maps =
			    xrealloc(r->maps, r->mapcap * sizeof(*r->maps));
		}
		it.map = (long)r->nmaps;
		it.nmap = v->nested.nnames;
		for (k = 0; k < v->nested.nnames; k++) {
			struct span *m = &r->maps[r->nmaps++];
			if (pyre_group(r->nctx, v->nested.names[k].group, &off,
				&len) < 0) {
				m->s = NULL;
				m->len = 0;
			} else {
				m->s = vr->cur.s + off;
				m->len = len;
			}
		}
	}
	push_item(vr, it);
	return 0;
}

/* Fillup's OnAssignVar: copy upwards into rows where the cell is empty. */
static void
fill_up(struct run *r, size_t col, const struct span *s)
{
	struct tfsm_val *cell;
	const char *copy = NULL;
	size_t row;

	for (row = r->out->nrows; row-- > 0;) {
		cell = tfsm_table_cell(r->out, row, col);
		if (tfsm_val_truthy(cell))
			break;
		if (copy == NULL)
			copy = tfsm_table_strdup(r->out, s->s, s->len);
		cell->kind = TFSM_STR;
		cell->s = copy;
		cell->len = s->len;
	}
}

static int
assign(struct run *r, size_t vi, const struct span *s, int line)
{
	const struct value *v = &r->t->values[vi];
	struct vrun *vr = &r->v[vi];
	int k;

	vr->cur = *s;
	for (k = 0; k < v->nopts; k++) {
		switch (v->order[k]) {
		case OPT_FILLDOWN:
			vr->fill = *s;
			break;
		case OPT_FILLUP:
			if (truthy(s))
				fill_up(r, vi, s);
			break;
		case OPT_LIST:
			if (list_append(r, v, vr, line) < 0)
				return -1;
			break;
		case OPT_KEY:
		case OPT_REQUIRED:
			break;
		}
	}
	return 0;
}

static void
clear_record(struct run *r)
{
	const struct value *v;
	size_t i;

	for (i = 0; i < r->t->nvalues; i++) {
		v = &r->t->values[i];
		if (has(v, OPT_FILLDOWN)) {
			r->v[i].cur = r->v[i].fill;
		} else {
			r->v[i].cur.s = NULL;
			if (has(v, OPT_LIST))
				r->v[i].nitems = 0;
		}
	}
}

static void
clear_all(struct run *r)
{
	size_t i;

	for (i = 0; i < r->t->nvalues; i++) {
		r->v[i].cur.s = NULL;
		r->v[i].fill.s = NULL;
		r->v[i].nitems = 0;
	}
}

static void
copy_span(struct tfsm_table *t, struct tfsm_val *to, const struct span *s)
{
	if (s->s == NULL) {
		to->kind = TFSM_NONE;
		to->len = 0;
		to->s = NULL;
		return;
	}
	to->kind = TFSM_STR;
	to->len = s->len;
	to->s = tfsm_table_strdup(t, s->s, s->len);
}

static void
copy_list(struct run *r, struct tfsm_val *cell, const struct value *v,
    const struct vrun *vr)
{
	struct tfsm_val *it;
	size_t k, m;

	cell->kind = TFSM_LIST;
	cell->len = vr->nitems;
	cell->items = tfsm_table_vals(r->out, vr->nitems);
	for (k = 0; k < vr->nitems; k++) {
		it = &cell->items[k];
		if (vr->items[k].map < 0) {
			copy_span(r->out, it, &vr->items[k].str);
			continue;
		}
		it->kind = TFSM_MAP;
		it->len = vr->items[k].nmap;
		it->items = tfsm_table_vals(r->out, 2 * it->len);
		for (m = 0; m < it->len; m++) {
			struct span key = {v->nested.names[m].name,
			    strlen(v->nested.names[m].name)};
			copy_span(r->out, &it->items[2 * m], &key);
			copy_span(r->out, &it->items[2 * m + 1],
			    &r->maps[vr->items[k].map + (long)m]);
		}
	}
}

/* python-textfsm's _AppendRecord. */
static void
save_record(struct run *r)
{
	const struct tfsm_template *t = r->t;
	const struct value *v;
	struct tfsm_val *row;
	size_t i, filled = 0, total = 0;
	char *p;
	int k, listed;

	if (t->nvalues == 0)
		return;
	for (i = 0; i < t->nvalues; i++) {
		v = &t->values[i];
		listed = 0;
		for (k = 0; k < v->nopts; k++) {
			if (v->order[k] == OPT_LIST)
				listed = 1;
			if (v->order[k] != OPT_REQUIRED)
				continue;
			if (listed ? r->v[i].nitems == 0
				   : !truthy(&r->v[i].cur)) {
				clear_record(r);
				return;
			}
		}
		if (has(v, OPT_LIST) ? r->v[i].nitems > 0
				     : r->v[i].cur.s != NULL)
			filled++;
	}
	if (filled == 0)
		return;
	/* The row's strings go to the arena in one piece. */
	for (i = 0; i < t->nvalues; i++)
		if (!has(&t->values[i], OPT_LIST) && r->v[i].cur.s != NULL)
			total += r->v[i].cur.len + 1;
	p = total > 0 ? tfsm_table_alloc(r->out, total) : NULL;
	row = tfsm_table_add_row(r->out);
	for (i = 0; i < t->nvalues; i++) {
		v = &t->values[i];
		if (has(v, OPT_LIST)) {
			copy_list(r, &row[i], v, &r->v[i]);
		} else if (r->v[i].cur.s != NULL) {
			memcpy(p, r->v[i].cur.s, r->v[i].cur.len);
			p[r->v[i].cur.len] = '\0';
			row[i].s = p;
			row[i].len = r->v[i].cur.len;
			p += r->v[i].cur.len + 1;
		}
	}
	clear_record(r);
}

/* One input line through the current state; the new state in *st. */
static int
check_line(struct run *r, long *st)
{
	const struct state *state = &r->t->states[*st];
	const struct rule *rule;
	struct span s;
	size_t j, a, off, len;
	int rc;

	for (j = 0; j < state->nrules; j++) {
		rule = &state->rules[j];
		rc = r->ascii
		    ? pyre_match_ascii(&rule->re, r->line, r->linelen, r->ctx)
		    : pyre_match(&rule->re, r->line, r->linelen, r->ctx);
		if (rc == PYRE_NOMATCH)
			continue;
		if (rc == PYRE_ELIMIT)
			return rerr(r, rule->line,
			    "regex match limit hit "
			    "(backtracking too deep)");
		for (a = 0; a < rule->nassign; a++) {
			if (pyre_group(r->ctx, rule->assign[a].group, &off,
				&len) < 0) {
				s.s = NULL;
				s.len = 0;
			} else {
				s.s = r->line + off;
				s.len = len;
			}
			if (assign(r, rule->assign[a].value, &s, rule->line) <
			    0)
				return -1;
		}
		switch (rule->rop) {
		case REC_NONE:
			break;
		case REC_RECORD:
			save_record(r);
			break;
		case REC_CLEAR:
			clear_record(r);
			break;
		case REC_CLEARALL:
			clear_all(r);
			break;
		}
		switch (rule->lop) {
		case LINE_ERROR:
			if (rule->target_name != NULL)
				return rerr(r, rule->line, "Error action: %s",
				    rule->target_name);
			return rerr(r, rule->line, "Error action");
		case LINE_CONTINUE:
			continue;
		case LINE_NEXT:
			if (rule->target != TARGET_SAME)
				*st = rule->target;
			return 0;
		}
	}
	return 0;
}

int
tfsm_parse(const struct tfsm_template *t, const char *text, size_t len,
    struct tfsm_table *out, char *err, size_t errlen)
{
	struct run r;
	char *decoded = NULL;
	size_t i, pos = 0, dlen;
	long st = (long)t->start;
	int ret = -1;

	memset(&r, 0, sizeof(r));
	r.t = t;
	r.out = out;
	r.err = err;
	r.errlen = errlen;
	for (i = 0; i < t->nvalues; i++)
		tfsm_table_add_column(out, t->values[i].name);
	r.v = xcalloc(t->nvalues + 1, sizeof(*r.v));
	r.ctx = pyre_ctx_new(t->max_groups);
	r.nctx = pyre_ctx_new(t->max_groups);
	if (r.ctx == NULL || r.nctx == NULL) {
		snprintf(err, errlen, "%s: out of memory for PCRE2", t->name);
		goto out;
	}
	if ((decoded = pystr_utf8_replace(text, len, &dlen)) != NULL) {
		text = decoded;
		len = dlen;
	}
	while (pystr_next_line(text, len, &pos, &r.line, &r.linelen)) {
		r.lineno++;
		r.ascii = pystr_is_ascii(r.line, r.linelen);
		if (check_line(&r, &st) < 0)
			goto out;
		if (st == TARGET_END || st == TARGET_EOF)
			break;
	}
	if (st != TARGET_END && !t->has_eof)
		save_record(&r);
	ret = 0;
out:
	if (ret < 0)
		out->nrows = 0;
	for (i = 0; i < t->nvalues; i++)
		free(r.v[i].items);
	free(r.v);
	free(r.maps);
	free(decoded);
	pyre_ctx_free(r.ctx);
	pyre_ctx_free(r.nctx);
	return ret;
}
