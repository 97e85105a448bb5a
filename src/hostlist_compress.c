/*
 * hostlist, second half: names into the shortest pattern, and names into
 * shards. Compression splits each name around its last run of digits and
 * sorts the pieces, so the output depends only on the set of names.
 * Sharding hashes the name alone (FNV-1a, then a jump consistent hash),
 * so a device stays in its shard whatever else the inventory holds, and
 * growing N moves only the devices that must move.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostlist.h"
#include "util.h"

/* The longest number a piece holds, as hostlist.c parses them. */
#define MAX_DIGITS 18

/* A name cut around its last run of digits, for compression. */
struct piece {
	const char *name;
	size_t plen;	 /* prefix: name[0 .. plen) */
	size_t dlen;	 /* digits: name[plen .. plen + dlen); 0: plain */
	uint64_t v;	 /* their value */
	unsigned width;	 /* zero-padded width, 0 for none */
	const char *suf; /* the rest */
};

static int
bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/* Text around the number, then plain before numbered, width, value. */
static int
piece_cmp(const void *pa, const void *pb)
{
	const struct piece *a = pa, *b = pb;
	int c;

	c = bytes_cmp(a->name, a->dlen ? a->plen : strlen(a->name), b->name,
	    b->dlen ? b->plen : strlen(b->name));
	if (c != 0)
		return c;
	if ((a->dlen == 0) != (b->dlen == 0))
		return a->dlen == 0 ? -1 : 1;
	if (a->dlen == 0)
		return 0;
	c = strcmp(a->suf, b->suf);
	if (c != 0)
		return c;
	if (a->width != b->width)
		return a->width < b->width ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
split_name(struct piece *p, const char *name)
{
	size_t len = strlen(name), end, start, i;

	memset(p, 0, sizeof(*p));
	p->name = name;
	if (len == 0 || strpbrk(name, "[],*?!") != NULL ||
	    isspace((unsigned char)name[0]) ||
	    isspace((unsigned char)name[len - 1]))
		return;
	for (end = len; end > 0 && !isdigit((unsigned char)name[end - 1]);
	     end--)
		;
	for (start = end; start > 0 && isdigit((unsigned char)name[start - 1]);
	     start--)
		;
	if (end == start || end - start > MAX_DIGITS)
		return;
	p->plen = start;
	p->dlen = end - start;
	p->suf = name + end;
	for (i = start; i < end; i++)
		p->v = p->v * 10 + (uint64_t)(name[i] - '0');
	p->width = p->dlen > 1 && name[start] == '0' ? (unsigned)p->dlen : 0;
}

static int
same_group(const struct piece *a, const struct piece *b)
{
	return a->dlen != 0 && b->dlen != 0 &&
	    bytes_cmp(a->name, a->plen, b->name, b->plen) == 0 &&
	    strcmp(a->suf, b->suf) == 0 && a->width == b->width;
}

/*
 * A number without a leading zero joins the zero-padded group of its own
 * width (R10 with R01 .. R09): within each run of pieces with the same
 * text around the number (sorted), mark those that can.
 */
static void
join_padded(struct piece *p, size_t n)
{
	uint32_t widths; /* bit w: a piece zero-padded to w digits */
	size_t i, j, k;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && p[j].dlen != 0 && p[i].dlen != 0 &&
		     bytes_cmp(p[i].name, p[i].plen, p[j].name, p[j].plen) ==
			 0 &&
		     strcmp(p[i].suf, p[j].suf) == 0;
		     j++)
			;
		widths = 0;
		for (k = i; k < j; k++)
			widths |= UINT32_C(1) << p[k].width;
		for (k = i; k < j; k++)
			if (p[k].dlen != 0 && p[k].width == 0 &&
			    (widths & (UINT32_C(1) << p[k].dlen)))
				p[k].width = (unsigned)p[k].dlen;
	}
}

static void
emit_group(struct buf *b, const struct piece *p, size_t n)
{
	size_t i, j;

	if (n == 1) {
		buf_appendf(b, "%s", p[0].name);
		return;
	}
	buf_append(b, p[0].name, p[0].plen);
	buf_append(b, "[", 1);
	for (i = 0; i < n; i = j + 1) {
		for (j = i; j + 1 < n && p[j + 1].v == p[j].v + 1; j++)
			;
		if (i > 0)
			buf_append(b, ",", 1);
		buf_appendf(
		    b, "%0*llu", (int)p[i].width, (unsigned long long)p[i].v);
		if (j > i)
			buf_appendf(b, "-%0*llu", (int)p[j].width,
			    (unsigned long long)p[j].v);
	}
	buf_append(b, "]", 1);
	buf_appendf(b, "%s", p[0].suf);
}

char *
hostlist_compress(const char *const *names, size_t n)
{
	const char **sorted;
	struct piece *p;
	struct buf b;
	size_t i, j, m = 0;

	buf_init(&b);
	sorted = xcalloc(n, sizeof(*sorted));
	for (i = 0; i < n; i++)
		sorted[i] = names[i];
	qsort(sorted, n, sizeof(*sorted), str_cmp);
	p = xcalloc(n, sizeof(*p));
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(sorted[i], sorted[i - 1]) != 0)
			split_name(&p[m++], sorted[i]);
	qsort(p, m, sizeof(*p), piece_cmp);
	join_padded(p, m);
	qsort(p, m, sizeof(*p), piece_cmp);
	for (i = 0; i < m; i = j) {
		for (j = i + 1; j < m && same_group(&p[i], &p[j]); j++)
			;
		if (i > 0)
			buf_append(&b, ",", 1);
		emit_group(&b, &p[i], j - i);
	}
	free(p);
	free(sorted);
	return buf_steal(&b, NULL);
}

unsigned
hostlist_shard(const char *name, unsigned n)
{
	const unsigned char *s = (const unsigned char *)name;
	uint64_t key = UINT64_C(0xcbf29ce484222325), b = 0, j = 0;

	if (n == 0)
		return 0;
	for (; *s != '\0'; s++) {
		key ^= *s;
		key *= UINT64_C(0x100000001b3);
	}
	while (j < n) {
		b = j;
		key = key * UINT64_C(2862933555777941757) + 1;
		j = ((b + 1) << 31) / ((key >> 33) + 1);
	}
	return (unsigned)b + 1;
}

int
hostlist_shard_parse(
    const char *spec, unsigned *ip, unsigned *np, struct buf *err)
{
	unsigned long i, n;
	char *end;

	if (!isdigit((unsigned char)spec[0]))
		goto bad;
	i = strtoul(spec, &end, 10);
	if (*end != '/' || !isdigit((unsigned char)end[1]))
		goto bad;
	n = strtoul(end + 1, &end, 10);
	if (*end != '\0' || i < 1 || n > HOSTLIST_MAX_SHARDS || i > n)
		goto bad;
	*ip = (unsigned)i;
	*np = (unsigned)n;
	return 0;
bad:
	buf_appendf(err,
	    "'%s' is not a shard: I/N with 1 <= I <= N <= %u (like 2/4)", spec,
	    HOSTLIST_MAX_SHARDS);
	return -1;
}
