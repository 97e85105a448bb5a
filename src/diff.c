/*
 * diff: Myers' "An O(ND) Difference Algorithm and Its Variations" (1986),
 * section 4b: find the middle snake of the box with a forward and a
 * backward search that meet, mark the edit step it holds, and recurse on
 * the boxes before and after it, after trimming the common prefix and
 * suffix of each box. The two V vectors are allocated once for the whole
 * box and reused by every level (a level is done with them before it
 * recurses), so memory is O(N + M). Lines are compared by a 64-bit hash
 * first. A box whose search passes MAX_D edits is marked as replaced
 * whole: the diff is then correct but not minimal, and time stays
 * O((N + M) * MAX_D).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "escape.h"

#define MAX_D 4096

struct line {
	const char *p;
	size_t len;    /* without the newline */
	int nl;	       /* it ended with a newline */
	uint64_t hash; /* of the bytes and nl */
	size_t line;   /* 0-based number among the compared lines */
};

struct side {
	struct line *l;
	size_t n;
	char *mark; /* 1: deleted (a) or inserted (b) */
};

struct ctx {
	struct side a, b;
	long *vf, *vb; /* indexed -max-1 .. max+1 */
	long off;
};

static uint64_t
hash_line(const char *p, size_t n, int nl)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * UINT64_C(0x100000001b3);
	return (h ^ (uint64_t)nl) * UINT64_C(0x100000001b3);
}

/* Split s into its lines, leaving out those skip() wants left out. */
static void
split(struct side *sd, const char *s, size_t n, const struct diff_opts *o)
{
	size_t i = 0, cap = 0;

	sd->l = NULL;
	sd->n = 0;
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t len = nl != NULL ? (size_t)(nl - (s + i)) : n - i;

		if (o->skip == NULL || !o->skip(o->skip_arg, s + i, len)) {
			if (sd->n == cap) {
				cap = cap ? 2 * cap : 64;
				sd->l = xrealloc(sd->l, cap * sizeof(*sd->l));
			}
			sd->l[sd->n] = (struct line){s + i, len, nl != NULL,
			    hash_line(s + i, len, nl != NULL), sd->n};
			sd->n++;
		}
		i += len + (nl != NULL);
	}
	sd->mark = xcalloc(sd->n ? sd->n : 1, 1);
}

static int
eq(const struct ctx *c, long x, long y)
{
	const struct line *p = &c->a.l[x], *q = &c->b.l[y];

	return p->hash == q->hash && p->len == q->len && p->nl == q->nl &&
	    memcmp(p->p, q->p, p->len) == 0;
}

/*
 * The middle snake of the box [x0,x1) x [y0,y1), both sides non-empty
 * and differing in their first and last lines: sets the snake's start
 * (*sx,*sy) and end (*ex,*ey), and *fwd when it came from the forward
 * search (its edit step is at the start; else at the end). Returns 0, or
 * -1 when more than MAX_D edits are needed.
 */
static int
middle_snake(struct ctx *c, long x0, long y0, long x1, long y1, long *sx,
    long *sy, long *ex, long *ey, int *fwd)
{
	long w = x1 - x0, h = y1 - y0, delta = w - h;
	long max = (w + h + 1) / 2, d, k, kk, x, y, px, py;
	long *vf = c->vf + c->off, *vb = c->vb + c->off;

	vf[1] = x0;
	vb[1] = y1;
	for (d = 0; d <= max && d <= MAX_D; d++) {
		for (k = d; k >= -d; k -= 2) {
			kk = k - delta;
			if (k == -d || (k != d && vf[k - 1] < vf[k + 1])) {
				px = x = vf[k + 1];
			} else {
				px = vf[k - 1];
				x = px + 1;
			}
			y = y0 + (x - x0) - k;
			py = (d == 0 || x != px) ? y : y - 1;
			while (x < x1 && y < y1 && eq(c, x, y)) {
				x++;
				y++;
			}
			vf[k] = x;
			if ((delta & 1) && kk >= -(d - 1) && kk <= d - 1 &&
			    y >= vb[kk]) {
				*sx = px;
				*sy = py;
				*ex = x;
				*ey = y;
				*fwd = 1;
				return 0;
			}
		}
		for (kk = d; kk >= -d; kk -= 2) {
			k = kk + delta;
			if (kk == -d || (kk != d && vb[kk - 1] > vb[kk + 1])) {
				py = y = vb[kk + 1];
			} else {
				py = vb[kk - 1];
				y = py - 1;
			}
			x = x0 + (y - y0) + k;
			px = (d == 0 || y != py) ? x : x + 1;
			while (x > x0 && y > y0 && eq(c, x - 1, y - 1)) {
				x--;
				y--;
			}
			vb[kk] = y;
			if (!(delta & 1) && k >= -d && k <= d && x <= vf[k]) {
				*sx = x;
				*sy = y;
				*ex = px;
				*ey = py;
				*fwd = 0;
				return 0;
			}
		}
	}
	return -1;
}

static void
mark(char *m, long from, long to)
{
	for (long i = from; i < to; i++)
		m[i] = 1;
}

static void
compare(struct ctx *c, long x0, long y0, long x1, long y1)
{
	long sx, sy, ex, ey;
	int fwd;

	while (x0 < x1 && y0 < y1 && eq(c, x0, y0)) {
		x0++;
		y0++;
	}
	while (x0 < x1 && y0 < y1 && eq(c, x1 - 1, y1 - 1)) {
		x1--;
		y1--;
	}
	if (x0 == x1 || y0 == y1) {
		mark(c->a.mark, x0, x1);
		mark(c->b.mark, y0, y1);
		return;
	}
	if (middle_snake(c, x0, y0, x1, y1, &sx, &sy, &ex, &ey, &fwd) == -1) {
		mark(c->a.mark, x0, x1);
		mark(c->b.mark, y0, y1);
		return;
	}
	/* The snake: one edit then a diagonal (forward) or the reverse. */
	if (ex - sx > ey - sy) {
		c->a.mark[fwd ? sx : ex - 1] = 1;
	} else if (ey - sy > ex - sx) {
		c->b.mark[fwd ? sy : ey - 1] = 1;
	}
	compare(c, x0, y0, sx, sy);
	compare(c, ex, ey, x1, y1);
}

/* GNU's range: "l" for one line, "l,n" else, the line before when n = 0. */
static void
range(struct buf *b, size_t start, size_t n)
{
	if (n == 1)
		buf_appendf(b, "%zu", start + 1);
	else
		buf_appendf(b, "%zu,%zu", n == 0 ? start : start + 1, n);
}

static void
put_line(struct buf *b, const struct diff_opts *o, char tag,
    const struct line *l, int last_of_file)
{
	const char *on = !o->color ? ""
	    : tag == '-'	   ? "\033[31m"
	    : tag == '+'	   ? "\033[32m"
				   : "";

	buf_appendf(b, "%s%c", on, tag);
	if (o->escape)
		escape_tty(b, l->p, l->len);
	else
		buf_append(b, l->p, l->len);
	buf_appendf(b, "%s\n", on[0] != '\0' ? "\033[0m" : "");
	if (!l->nl && last_of_file)
		buf_append(b, "\\ No newline at end of file\n", 28);
}

/* A change: a[ai..ai+an) replaced by b[bj..bj+bn). */
struct change {
	size_t ai, an, bj, bn;
};

static void
hunk(struct buf *b, const struct ctx *c, const struct diff_opts *o,
    const struct change *ch, size_t n)
{
	size_t ctx = o->context;
	size_t pre = ch[0].ai < ctx ? ch[0].ai : ctx;
	size_t a0 = ch[0].ai - pre, b0 = ch[0].bj - pre;
	size_t aend = ch[n - 1].ai + ch[n - 1].an;
	size_t bend = ch[n - 1].bj + ch[n - 1].bn;
	size_t post = c->a.n - aend < ctx ? c->a.n - aend : ctx;
	size_t i = a0, j = b0;

	aend += post;
	bend += post;
	buf_appendf(b, "%s@@ -", o->color ? "\033[36m" : "");
	range(b, a0, aend - a0);
	buf_append(b, " +", 2);
	range(b, b0, bend - b0);
	buf_appendf(b, " @@%s\n", o->color ? "\033[0m" : "");
	for (size_t h = 0; h <= n; h++) {
		size_t stop = h < n ? ch[h].ai : aend;

		for (; i < stop; i++, j++)
			put_line(b, o, ' ', &c->a.l[i],
			    i + 1 == c->a.n || j + 1 == c->b.n);
		if (h == n)
			break;
		for (; i < ch[h].ai + ch[h].an; i++)
			put_line(b, o, '-', &c->a.l[i], i + 1 == c->a.n);
		for (; j < ch[h].bj + ch[h].bn; j++)
			put_line(b, o, '+', &c->b.l[j], j + 1 == c->b.n);
	}
}

size_t
diff_unified(struct buf *out, const char *a, size_t alen, const char *b,
    size_t blen, const struct diff_opts *o)
{
	struct ctx c = {0};
	struct change *ch = NULL;
	size_t nch = 0, cap = 0, i = 0, j = 0, edits = 0, first;
	long max;

	split(&c.a, a, alen, o);
	split(&c.b, b, blen, o);
	max = (long)((c.a.n + c.b.n + 1) / 2) + 2;
	c.off = max + 1;
	c.vf = xcalloc((size_t)(2 * max + 3), sizeof(long));
	c.vb = xcalloc((size_t)(2 * max + 3), sizeof(long));
	compare(&c, 0, 0, (long)c.a.n, (long)c.b.n);
	while (i < c.a.n || j < c.b.n) {
		if (i < c.a.n && j < c.b.n && !c.a.mark[i] && !c.b.mark[j]) {
			i++;
			j++;
			continue;
		}
		if (nch == cap) {
			cap = cap ? 2 * cap : 16;
			ch = xrealloc(ch, cap * sizeof(*ch));
		}
		ch[nch] = (struct change){i, 0, j, 0};
		while (i < c.a.n && c.a.mark[i]) {
			i++;
			ch[nch].an++;
		}
		while (j < c.b.n && c.b.mark[j]) {
			j++;
			ch[nch].bn++;
		}
		edits += ch[nch].an + ch[nch].bn;
		nch++;
	}
	/* Changes closer than twice the context share a hunk. */
	for (first = 0, i = 1; i <= nch; i++) {
		if (i < nch &&
		    ch[i].ai - (ch[i - 1].ai + ch[i - 1].an) <= 2 * o->context)
			continue;
		hunk(out, &c, o, ch + first, i - first);
		first = i;
	}
	free(ch);
	free(c.vf);
	free(c.vb);
	free(c.a.l);
	free(c.b.l);
	free(c.a.mark);
	free(c.b.mark);
	return edits;
}
