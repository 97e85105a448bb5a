/*
 * invproblem: a bounded list of positioned messages. At most
 * MAX_PROBLEMS are kept (a broken generated file can hold a million);
 * the count of the others is reported in one line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invproblem.h"

#define MAX_PROBLEMS 100u
#define MAX_MESSAGE 400u /* bytes of one problem, before its "..." */

struct invproblem {
	unsigned line, col; /* 0 when about the whole file */
	size_t seq;
	char *msg;
};

/*
 * Messages quote keys and values from the file, which may hold line
 * breaks (a quoted or flow-style key), escape sequences or a megabyte of
 * text: control characters (C0, DEL, C1) become \xNN and the message is
 * cut after MAX_MESSAGE bytes, so each problem stays one short line that
 * cannot drive the terminal.
 */
static char *
message_clean(char *m)
{
	const unsigned char *p = (const unsigned char *)m;
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; p[i] != '\0'; i++) {
		if (b.len >= MAX_MESSAGE && (p[i] & 0xc0) != 0x80) {
			buf_append(&b, "...", 3);
			break;
		}
		if (p[i] < 0x20 || p[i] == 0x7f)
			buf_appendf(&b, "\\x%02x", p[i]);
		else if (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
			buf_appendf(&b, "\\x%02x\\x%02x", p[i], p[i + 1]);
			i++;
		} else
			buf_append(&b, &p[i], 1);
	}
	free(m);
	return buf_steal(&b, NULL);
}

void
invproblem_add(
    struct invproblems *p, unsigned line, unsigned col, const char *fmt, ...)
{
	struct invproblem *e;
	va_list ap;
	char *m;

	p->nerrors++;
	if (p->n >= MAX_PROBLEMS)
		return;
	if (p->list == NULL)
		p->list = xcalloc(MAX_PROBLEMS, sizeof(*p->list));
	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) == -1)
		m = xstrdup("(out of memory)");
	va_end(ap);
	e = &p->list[p->n];
	e->line = line;
	e->col = col;
	e->seq = p->n;
	e->msg = message_clean(m);
	p->n++;
}

void
invproblem_clear(struct invproblems *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->list[i].msg);
	p->n = 0;
	p->nerrors = 0;
}

static int
problem_cmp(const void *a, const void *b)
{
	const struct invproblem *pa = a, *pb = b;

	if (pa->line != pb->line)
		return pa->line < pb->line ? -1 : 1;
	if (pa->col != pb->col)
		return pa->col < pb->col ? -1 : 1;
	return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

void
invproblem_report(struct invproblems *p, struct buf *err)
{
	size_t i;

	if (p->n > 0)
		qsort(p->list, p->n, sizeof(*p->list), problem_cmp);
	for (i = 0; i < p->n; i++) {
		if (p->list[i].line == 0)
			buf_appendf(err, "%s: %s\n", p->path, p->list[i].msg);
		else
			buf_appendf(err, "%s:%u:%u: %s\n", p->path,
			    p->list[i].line, p->list[i].col, p->list[i].msg);
	}
	if (p->nerrors > p->n)
		buf_appendf(err, "%s: %zu more errors not shown\n", p->path,
		    p->nerrors - p->n);
}

void
invproblem_free(struct invproblems *p)
{
	invproblem_clear(p);
	free(p->list);
	p->list = NULL;
}
