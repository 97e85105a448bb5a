/*
 * rowtext: parsed rows (the JSON text liveparse makes) as an aligned
 * text table for --format text: a header of the column names in upper
 * case, then a line per row, columns two spaces apart and padded to the
 * widest cell (in characters). A list cell is its items joined by ", ";
 * anything else that is not a string is its compact JSON. Cells are
 * escaped as device text is (\xNN for control bytes).
 */
#ifndef NC_ROWTEXT_H
#define NC_ROWTEXT_H

#include <stddef.h>

#include "util.h"

/*
 * Append the table of rows json[0..len) to b: "(no rows)" for none.
 * Returns 0, or -1 when json is not an array of objects (b unchanged).
 */
int rowtext_table(struct buf *b, const char *json, size_t len);

#endif
