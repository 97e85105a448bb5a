/*
 * keyword: the words that name an enum value ("strict", "thread",
 * "jsonl", "yes"), one table per setting, so that the command line and
 * the inventory accept the same words and list them the same way in
 * their messages. Tables are static and read-only: safe anywhere.
 */
#ifndef NC_KEYWORD_H
#define NC_KEYWORD_H

#include "util.h"

struct keyword {
	const char *word; /* NULL ends the table */
	int value;
};

enum keyword_case {
	KEYWORD_EXACT,	  /* "Strict" is not "strict" */
	KEYWORD_ANY_CASE, /* YAML-style booleans: "True", "YES" */
};

/* Host-key checking: strict, accept-new, off (enum hostkey_mode). */
extern const struct keyword keyword_hostkey[];

/* --format (enum out_format): a run's and merge's. */
extern const struct keyword keyword_format[];

/* Booleans: true, false, yes, no (any case); values 1 and 0. */
extern const struct keyword keyword_bool[];
/* Colour: auto, always, never (enum color_mode, term.h). */
extern const struct keyword keyword_color[];
/* device_errors: fail (0, the default) or ignore (1). */
extern const struct keyword keyword_device_errors[];

/*
 * Look word up in table. Returns 0 and sets *value, or -1 when word is
 * not one of the table's.
 */
int keyword_find(const struct keyword *table, enum keyword_case how,
    const char *word, int *value);

/*
 * Append the table's words to out for a message: ", " between them and
 * last_sep (", " or " or ") before the last one: "strict, accept-new,
 * off", "true, false, yes or no".
 */
void keyword_list(
    const struct keyword *table, const char *last_sep, struct buf *out);

/*
 * The edit distance of a and b for "did you mean": insertions, deletions,
 * substitutions and swaps of two neighbours ("hepl") count one each
 * (optimal string alignment); letters compared as how says. Strings longer than KEYWORD_MAX_LEN bytes
 * are far (KEYWORD_FAR).
 */
#define KEYWORD_MAX_LEN 63
#define KEYWORD_FAR 99
size_t keyword_distance(const char *a, const char *b, enum keyword_case how);

#endif
