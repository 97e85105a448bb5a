/*
 * keyword: lookups in the small word -> enum tables. The tables shared by
 * more than one module are defined here; a table only one module reads
 * lives in that module.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "keyword.h"
#include "knownhosts.h"
#include "options.h"
#include "term.h"

const struct keyword keyword_hostkey[] = {
    {"strict", HOSTKEY_STRICT},
    {"accept-new", HOSTKEY_ACCEPT_NEW},
    {"off", HOSTKEY_OFF},
    {NULL, 0},
};

const struct keyword keyword_color[] = {
    {"auto", COLOR_AUTO},
    {"always", COLOR_ALWAYS},
    {"never", COLOR_NEVER},
    {NULL, 0},
};

const struct keyword keyword_device_errors[] = {
    {"fail", 0},
    {"ignore", 1},
    {NULL, 0},
};

const struct keyword keyword_bool[] = {
    {"true", 1},
    {"false", 0},
    {"yes", 1},
    {"no", 0},
    {NULL, 0},
};

const struct keyword keyword_format[] = {
    {"text", FORMAT_TEXT},
    {"json", FORMAT_JSON},
    {"jsonl", FORMAT_JSONL},
    {NULL, 0},
};

int
keyword_find(const struct keyword *table, enum keyword_case how,
    const char *word, int *value)
{
	const struct keyword *k;
	int same = 0;

	for (k = table; k->word != NULL; k++) {
		switch (how) {
		case KEYWORD_EXACT:
			same = strcmp(k->word, word) == 0;
			break;
		case KEYWORD_ANY_CASE:
			same = strcasecmp(k->word, word) == 0;
			break;
		}
		if (same) {
			*value = k->value;
			return 0;
		}
	}
	return -1;
}

void
keyword_list(const struct keyword *table, const char *last_sep, struct buf *out)
{
	const struct keyword *k;

	for (k = table; k->word != NULL; k++) {
		if (k != table)
			buf_appendf(
			    out, "%s", k[1].word == NULL ? last_sep : ", ");
		buf_appendf(out, "%s", k->word);
	}
}

/* Whether bytes x and y count as the same letter under how. */
static int
same_letter(char x, char y, enum keyword_case how)
{
	switch (how) {
	case KEYWORD_EXACT:
		return x == y;
	case KEYWORD_ANY_CASE:
		return tolower((unsigned char)x) == tolower((unsigned char)y);
	}
	return x == y;
}

size_t
keyword_distance(const char *a, const char *b, enum keyword_case how)
{
	size_t la = strlen(a), lb = strlen(b), i, j, best;
	size_t rows[3][KEYWORD_MAX_LEN + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *t;

	if (la > KEYWORD_MAX_LEN || lb > KEYWORD_MAX_LEN)
		return KEYWORD_FAR;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			best =
			    prev[j - 1] + !same_letter(a[i - 1], b[j - 1], how);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 &&
			    same_letter(a[i - 1], b[j - 2], how) &&
			    same_letter(a[i - 2], b[j - 1], how) &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}
