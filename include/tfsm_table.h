/*
 * tfsm_table: the rows a TextFSM parse produces. A table is a header (the
 * Value names, in Value order) and rows of cells; a cell holds what
 * python-textfsm's row holds: a string, or a list (of strings, of None
 * for a List group that did not take part, or of mappings for a List
 * Value with nested named groups). Every string is valid UTF-8 and lives
 * in the table's own arena, so a table outlives the template and the
 * input it came from. A table is a plain record: read it directly; change
 * it only through the functions below. Not shared between threads.
 */
#ifndef NC_TFSM_TABLE_H
#define NC_TFSM_TABLE_H

#include <stddef.h>

#include <jansson.h>

enum tfsm_kind {
	TFSM_STR,  /* s[0..len) */
	TFSM_NONE, /* Python's None (only inside lists and mappings) */
	TFSM_LIST, /* items[0..len) */
	TFSM_MAP,  /* len pairs: items[2k] the key (a STR), items[2k+1] */
};

struct tfsm_val {
	enum tfsm_kind kind;
	size_t len;
	union {
		const char *s;		/* TFSM_STR */
		struct tfsm_val *items; /* TFSM_LIST, TFSM_MAP */
	};
};

struct tfsm_arena;

struct tfsm_table {
	size_t ncols;
	char **cols; /* column names */
	size_t nrows;
	struct tfsm_val *cells; /* row r, column c: cells[r * ncols + c] */
	size_t cap;		/* rows allocated */
	struct tfsm_arena *arena;
};

/* An empty table with no columns; tfsm_table_free releases it. */
void tfsm_table_init(struct tfsm_table *t);
void tfsm_table_free(struct tfsm_table *t);

/* Append a column (every row gets ""), or a row (every cell ""). */
void tfsm_table_add_column(struct tfsm_table *t, const char *name);
struct tfsm_val *tfsm_table_add_row(struct tfsm_table *t);

static inline struct tfsm_val *
tfsm_table_cell(const struct tfsm_table *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

/* Index of column name, or -1. */
long tfsm_table_column(const struct tfsm_table *t, const char *name);

/* Memory and copies in t's arena, valid as long as t. */
char *tfsm_table_alloc(struct tfsm_table *t, size_t n);
const char *tfsm_table_strdup(struct tfsm_table *t, const char *s, size_t len);
struct tfsm_val *tfsm_table_vals(struct tfsm_table *t, size_t n);

/* *to = a deep copy of *from, in t's arena (from may be in another). */
void tfsm_table_copy(
    struct tfsm_table *t, struct tfsm_val *to, const struct tfsm_val *from);

/* Python's == on two cells, and bool() of one. */
int tfsm_val_equal(const struct tfsm_val *a, const struct tfsm_val *b);
int tfsm_val_truthy(const struct tfsm_val *v);

#define TFSM_JSON_LOWER 0x1 /* keys lower-cased, as Netmiko and ntc do */

/*
 * The rows as a JSON array of objects, keys in column order (a later
 * column whose lower-cased name repeats an earlier one replaces its value,
 * as Python's dict() does). A new reference, never NULL.
 */
json_t *tfsm_table_json(const struct tfsm_table *t, unsigned flags);

/*
 * The same rows written as compact JSON text (byte for byte what
 * json_dumps(tfsm_table_json(t, flags), JSON_COMPACT) gives), appended to
 * out: the fast path for large outputs, no JSON tree built. When flush is
 * not NULL it is called whenever out holds 64 KiB or more between rows,
 * to hand the text on and empty out.
 */
struct buf;
void tfsm_table_write_json(const struct tfsm_table *t, unsigned flags,
    struct buf *out, void (*flush)(struct buf *out, void *arg), void *arg);

/* A JSON string literal for valid UTF-8 s[0..len), appended to out. */
void tfsm_json_string(struct buf *out, const char *s, size_t len);

#endif
