/*
 * keyword: lookups in the small word -> enum tables. The tables shared by
 * more than one module are defined here; a table only one module reads
 * lives in that module.
 */
#include <string.h>
#include <strings.h>

#include "keyword.h"
#include "knownhosts.h"

const struct keyword keyword_hostkey[] = {
    {"strict", HOSTKEY_STRICT},
    {"accept-new", HOSTKEY_ACCEPT_NEW},
    {"off", HOSTKEY_OFF},
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
