/*
 * tfsm_table: result rows and the arena their strings and lists live in.
 * The arena is a list of blocks that are never moved, so a pointer handed
 * out stays valid until the table is freed; cells are one array that may
 * move as rows are added, which is why nothing points at a cell.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tfsm_table.h"
#include "util.h"

#define BLOCK_SIZE (64u * 1024)

struct tfsm_arena {
	struct tfsm_arena *next;
	size_t used, size;
	max_align_t data[];
};

static void *
arena_alloc(struct tfsm_table *t, size_t n)
{
	struct tfsm_arena *a = t->arena;
	size_t sz;
	void *p;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (a == NULL || a->size - a->used < n) {
		sz = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
		a = xmalloc(sizeof(*a) + sz);
		a->size = sz;
		a->used = 0;
		if (t->arena != NULL && sz != BLOCK_SIZE) {
			/* A big one-off block goes behind the current one. */
			a->next = t->arena->next;
			t->arena->next = a;
		} else {
			a->next = t->arena;
			t->arena = a;
		}
	}
	p = (char *)a->data + a->used;
	a->used += n;
	return p;
}

void
tfsm_table_init(struct tfsm_table *t)
{
	memset(t, 0, sizeof(*t));
}

void
tfsm_table_free(struct tfsm_table *t)
{
	struct tfsm_arena *a, *next;
	size_t i;

	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->cells);
	for (a = t->arena; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
	memset(t, 0, sizeof(*t));
}

static const struct tfsm_val empty = {.kind = TFSM_STR, .len = 0, .s = ""};

void
tfsm_table_add_column(struct tfsm_table *t, const char *name)
{
	struct tfsm_val *cells;
	size_t r, c, n = t->ncols + 1;

	cells = xcalloc(t->cap > 0 ? t->cap : 1, n * sizeof(*cells));
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			cells[r * n + c] = t->cells[r * t->ncols + c];
		cells[r * n + t->ncols] = empty;
	}
	free(t->cells);
	t->cells = cells;
	t->cols = xrealloc(t->cols, n * sizeof(*t->cols));
	t->cols[t->ncols] = xstrdup(name);
	t->ncols = n;
}

struct tfsm_val *
tfsm_table_add_row(struct tfsm_table *t)
{
	struct tfsm_val *row;
	size_t c;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells,
		    t->cap * (t->ncols ? t->ncols : 1) * sizeof(*t->cells));
	}
	row = &t->cells[t->nrows++ * t->ncols];
	for (c = 0; c < t->ncols; c++)
		row[c] = empty;
	return row;
}

long
tfsm_table_column(const struct tfsm_table *t, const char *name)
{
	size_t c;

	for (c = 0; c < t->ncols; c++)
		if (strcmp(t->cols[c], name) == 0)
			return (long)c;
	return -1;
}

char *
tfsm_table_alloc(struct tfsm_table *t, size_t n)
{
	return arena_alloc(t, n);
}

const char *
tfsm_table_strdup(struct tfsm_table *t, const char *s, size_t len)
{
	char *p = arena_alloc(t, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

struct tfsm_val *
tfsm_table_vals(struct tfsm_table *t, size_t n)
{
	return arena_alloc(t, (n ? n : 1) * sizeof(struct tfsm_val));
}

void
tfsm_table_copy(
    struct tfsm_table *t, struct tfsm_val *to, const struct tfsm_val *from)
{
	size_t k, n;

	*to = *from;
	switch (from->kind) {
	case TFSM_STR:
		to->s = tfsm_table_strdup(t, from->s, from->len);
		return;
	case TFSM_NONE:
		return;
	case TFSM_LIST:
	case TFSM_MAP:
		n = from->kind == TFSM_MAP ? 2 * from->len : from->len;
		to->items = tfsm_table_vals(t, n);
		for (k = 0; k < n; k++)
			tfsm_table_copy(t, &to->items[k], &from->items[k]);
		return;
	}
}

int
tfsm_val_equal(const struct tfsm_val *a, const struct tfsm_val *b)
{
	size_t k, n;

	if (a->kind != b->kind || a->len != b->len)
		return 0;
	switch (a->kind) {
	case TFSM_STR:
		return memcmp(a->s, b->s, a->len) == 0;
	case TFSM_NONE:
		return 1;
	case TFSM_LIST:
	case TFSM_MAP:
		n = a->kind == TFSM_MAP ? 2 * a->len : a->len;
		for (k = 0; k < n; k++)
			if (!tfsm_val_equal(&a->items[k], &b->items[k]))
				return 0;
		return 1;
	}
	return 0;
}

int
tfsm_val_truthy(const struct tfsm_val *v)
{
	return v->kind != TFSM_NONE && v->len > 0;
}

static json_t *
val_json(const struct tfsm_val *v)
{
	json_t *j;
	size_t k;

	switch (v->kind) {
	case TFSM_STR:
		return json_stringn_nocheck(v->s, v->len);
	case TFSM_NONE:
		return json_null();
	case TFSM_LIST:
		j = json_array();
		for (k = 0; k < v->len; k++)
			json_array_append_new(j, val_json(&v->items[k]));
		return j;
	case TFSM_MAP:
		j = json_object();
		for (k = 0; k < v->len; k++)
			json_object_set_new_nocheck(j, v->items[2 * k].s,
			    val_json(&v->items[2 * k + 1]));
		return j;
	}
	return json_null();
}

json_t *
tfsm_table_json(const struct tfsm_table *t, unsigned flags)
{
	json_t *rows, *row;
	char **keys;
	size_t r, c;
	char *p;

	keys = xcalloc(t->ncols ? t->ncols : 1, sizeof(*keys));
	for (c = 0; c < t->ncols; c++) {
		keys[c] = xstrdup(t->cols[c]);
		if (flags & TFSM_JSON_LOWER)
			for (p = keys[c]; *p != '\0'; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
	}
	rows = json_array();
	for (r = 0; r < t->nrows; r++) {
		row = json_object();
		for (c = 0; c < t->ncols; c++)
			json_object_set_new_nocheck(
			    row, keys[c], val_json(tfsm_table_cell(t, r, c)));
		json_array_append_new(rows, row);
	}
	for (c = 0; c < t->ncols; c++)
		free(keys[c]);
	free(keys);
	return rows;
}

/* Write s[0..len) as a JSON string at o (room for 6 * len + 2 bytes). */
static char *
put_str(char *o, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = UINT64_C(0x8080808080808080);
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	uint64_t w, q, b;

	*o++ = '"';
	while (p < end) {
		/* Eight bytes at a time while none is a control, '"' or '\\'. */
		if (end - p >= 8) {
			memcpy(&w, p, 8);
			q = w ^ (ones * '"');
			b = w ^ (ones * '\\');
			if ((((w - ones * 0x20) | (q - ones) | (b - ones)) &
				~w & high) == 0) {
				memcpy(o, p, 8);
				o += 8;
				p += 8;
				continue;
			}
		}
		if (*p >= 0x20 && *p != '"' && *p != '\\') {
			*o++ = (char)*p++;
			continue;
		}
		*o++ = '\\';
		switch (*p) {
		case '"':
		case '\\':
			*o++ = (char)*p;
			break;
		case '\b':
			*o++ = 'b';
			break;
		case '\f':
			*o++ = 'f';
			break;
		case '\n':
			*o++ = 'n';
			break;
		case '\r':
			*o++ = 'r';
			break;
		case '\t':
			*o++ = 't';
			break;
		default:
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 0xf];
			break;
		}
		p++;
	}
	*o++ = '"';
	return o;
}

void
tfsm_json_string(struct buf *out, const char *s, size_t len)
{
	char *o = buf_reserve(out, 6 * len + 2);

	out->len = (size_t)(put_str(o, s, len) - out->data);
	out->data[out->len] = '\0';
}

/* The most bytes put_val can write for v. */
static size_t
val_bound(const struct tfsm_val *v)
{
	size_t k, n = 2;

	switch (v->kind) {
	case TFSM_STR:
		return 6 * v->len + 2;
	case TFSM_NONE:
		return 4;
	case TFSM_LIST:
	case TFSM_MAP:
		for (k = 0; k < (v->kind == TFSM_MAP ? 2 : 1) * v->len; k++)
			n += val_bound(&v->items[k]) + 1;
		return n;
	}
	return n;
}

static char *
put_val(char *o, const struct tfsm_val *v)
{
	size_t k;

	switch (v->kind) {
	case TFSM_STR:
		return put_str(o, v->s, v->len);
	case TFSM_NONE:
		memcpy(o, "null", 4);
		return o + 4;
	case TFSM_LIST:
		*o++ = '[';
		for (k = 0; k < v->len; k++) {
			if (k > 0)
				*o++ = ',';
			o = put_val(o, &v->items[k]);
		}
		*o++ = ']';
		return o;
	case TFSM_MAP:
		/* Nested group names are distinct: Python rejects duplicates. */
		*o++ = '{';
		for (k = 0; k < v->len; k++) {
			if (k > 0)
				*o++ = ',';
			o = put_val(o, &v->items[2 * k]);
			*o++ = ':';
			o = put_val(o, &v->items[2 * k + 1]);
		}
		*o++ = '}';
		return o;
	}
	return o;
}

void
tfsm_table_write_json(const struct tfsm_table *t, unsigned flags,
    struct buf *out, void (*flush)(struct buf *out, void *arg), void *arg)
{
	struct buf keys;
	size_t *kpos, *kend, *src, r, c, d, bound, n = t->ncols ? t->ncols : 1;
	const struct tfsm_val *v;
	char *p, *name, *o;

	/*
	 * The key text of each column (quoted, lower-cased, with its ':'),
	 * and which column's value goes under it: a key seen again keeps its
	 * first place and takes the last value, as dict() and jansson do.
	 */
	buf_init(&keys);
	kpos = xcalloc(n, sizeof(*kpos));
	kend = xcalloc(n, sizeof(*kend));
	src = xcalloc(n, sizeof(*src));
	for (c = 0; c < t->ncols; c++) {
		kpos[c] = keys.len;
		name = xstrdup(t->cols[c]);
		if (flags & TFSM_JSON_LOWER)
			for (p = name; *p != '\0'; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
		tfsm_json_string(&keys, name, strlen(name));
		free(name);
		buf_append(&keys, ":", 1);
		kend[c] = keys.len;
		src[c] = c;
		for (d = 0; d < c; d++) {
			if (src[d] != (size_t)-1 &&
			    kend[d] - kpos[d] == kend[c] - kpos[c] &&
			    memcmp(keys.data + kpos[d], keys.data + kpos[c],
				kend[c] - kpos[c]) == 0) {
				src[d] = c;
				src[c] = (size_t)-1;
				break;
			}
		}
	}
	buf_append(out, "[", 1);
	for (r = 0; r < t->nrows; r++) {
		bound = keys.len + t->ncols + 3;
		for (c = 0; c < t->ncols; c++) {
			if (src[c] == (size_t)-1)
				continue;
			v = tfsm_table_cell(t, r, src[c]);
			bound +=
			    v->kind == TFSM_STR ? 6 * v->len + 2 : val_bound(v);
		}
		o = buf_reserve(out, bound);
		if (r > 0)
			*o++ = ',';
		*o++ = '{';
		for (c = 0; c < t->ncols; c++) {
			if (src[c] == (size_t)-1)
				continue;
			if (o[-1] != '{')
				*o++ = ',';
			memcpy(o, keys.data + kpos[c], kend[c] - kpos[c]);
			o += kend[c] - kpos[c];
			o = put_val(o, tfsm_table_cell(t, r, src[c]));
		}
		*o++ = '}';
		out->len = (size_t)(o - out->data);
		if (flush != NULL && out->len >= 64 * 1024)
			flush(out, arg);
	}
	buf_append(out, "]", 1);
	free(kpos);
	free(kend);
	free(src);
	buf_free(&keys);
}
