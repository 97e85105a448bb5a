/*
 * rowtext: the table of parsed rows. The columns are the first row's keys
 * (every row of a TextFSM table has the same ones); each cell is rendered
 * once into its own string, then the widths are known and the lines are
 * written. Widths count UTF-8 characters, not bytes.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "escape.h"
#include "rowtext.h"

static size_t
chars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

static void
cell_text(struct buf *b, const json_t *v)
{
	size_t i;
	char *s;

	if (json_is_string(v)) {
		escape_tty(b, json_string_value(v), json_string_length(v));
		return;
	}
	if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v); i++) {
			if (i > 0)
				buf_append(b, ", ", 2);
			cell_text(b, json_array_get(v, i));
		}
		return;
	}
	if ((s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY)) != NULL) {
		escape_tty(b, s, strlen(s));
		free(s);
	}
}

static void
pad(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_append(b, " ", 1);
}

/* One line of cells; the last one is not padded. */
static void
line(struct buf *b, struct buf *cells, const size_t *width, size_t ncols)
{
	size_t c;

	for (c = 0; c < ncols; c++) {
		if (cells[c].len > 0)
			buf_append(b, cells[c].data, cells[c].len);
		if (c + 1 < ncols)
			pad(b,
			    width[c] - chars(cells[c].data, cells[c].len) + 2);
	}
	buf_append(b, "\n", 1);
}

int
rowtext_table(struct buf *b, const char *json, size_t len)
{
	json_t *rows = json_loadb(json, len, JSON_ALLOW_NUL, NULL), *first, *v;
	size_t ncols, nrows, r, c, *width = NULL;
	struct buf *cells = NULL;
	const char *key;
	int rc = -1;

	if (!json_is_array(rows))
		goto out;
	nrows = json_array_size(rows);
	for (r = 0; r < nrows; r++)
		if (!json_is_object(json_array_get(rows, r)))
			goto out;
	if (nrows == 0) {
		buf_append(b, "(no rows)\n", 10);
		rc = 0;
		goto out;
	}
	first = json_array_get(rows, 0);
	ncols = json_object_size(first);
	cells = xcalloc((nrows + 1) * (ncols ? ncols : 1), sizeof(*cells));
	width = xcalloc(ncols ? ncols : 1, sizeof(*width));
	c = 0;
	json_object_foreach(first, key, v)
	{
		struct buf *h = &cells[c];

		buf_init(h);
		escape_tty(h, key, strlen(key));
		for (size_t i = 0; i < h->len; i++)
			h->data[i] = (char)toupper((unsigned char)h->data[i]);
		for (r = 0; r < nrows; r++) {
			struct buf *cb = &cells[(r + 1) * ncols + c];

			buf_init(cb);
			v = json_object_get(json_array_get(rows, r), key);
			if (v != NULL)
				cell_text(cb, v);
		}
		for (r = 0; r <= nrows; r++) {
			size_t w = chars(cells[r * ncols + c].data,
			    cells[r * ncols + c].len);

			if (w > width[c])
				width[c] = w;
		}
		c++;
	}
	for (r = 0; r <= nrows; r++)
		line(b, &cells[r * ncols], width, ncols);
	for (r = 0; r < (nrows + 1) * ncols; r++)
		buf_free(&cells[r]);
	rc = 0;
out:
	free(cells);
	free(width);
	json_decref(rows);
	return rc;
}
