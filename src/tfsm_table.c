/*
 * tfsm_table: result rows and the arena their strings and lists live in.
 * The arena is a list of blocks that are never moved, so a pointer handed
 * out stays valid until the table is freed; cells are one array that may
 * move as rows are added, which is why nothing points at a cell.
 */
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

static const struct tfsm_val empty = {TFSM_STR, 0, "", NULL};

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
