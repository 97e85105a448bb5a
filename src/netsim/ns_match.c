/*
 * ns_match: command-line matching. The line is cut into at most
 * WORDS_MAX words; word i is compared with keyword i of every command
 * still a candidate, and the candidates shrink word by word. A command
 * matches when it has no keyword left after the last word; the first such
 * command in table order wins.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_match.h"

#define WORD_CAP 512
#define WORDS_MAX 32
#define TABLE_MAX 128 /* entries a command table may have */

/* A command line cut into words, with the column each starts at. */
struct words {
	char w[WORDS_MAX][WORD_CAP];
	size_t off[WORDS_MAX];
	size_t n;
};

static int
is_number(const char *w)
{
	if (*w == '\0')
		return 0;
	for (; *w != '\0'; w++)
		if (!isdigit((unsigned char)*w))
			return 0;
	return 1;
}

/* Keyword i of a table entry, copied into kw; 0 if there is none. */
static int
keyword(const char *words, size_t i, char *kw, size_t cap)
{
	const char *p = words, *e;

	for (;;) {
		e = strchr(p, ' ');
		if (i == 0) {
			size_t n = e ? (size_t)(e - p) : strlen(p);

			if (n >= cap)
				n = cap - 1;
			memcpy(kw, p, n);
			kw[n] = '\0';
			return 1;
		}
		if (e == NULL)
			return 0;
		p = e + 1;
		i--;
	}
}

static int
word_matches(const char *kw, const char *w, int abbrev)
{
	if (strcmp(kw, "<N>") == 0)
		return is_number(w);
	if (abbrev)
		return strncmp(kw, w, strlen(w)) == 0;
	return strcmp(kw, w) == 0;
}

static void
split_words(const char *line, struct words *ws)
{
	size_t p = 0, i;

	ws->n = 0;
	while (ws->n < WORDS_MAX) {
		while (line[p] == ' ' || line[p] == '\t')
			p++;
		if (line[p] == '\0')
			break;
		ws->off[ws->n] = p;
		i = 0;
		while (line[p] != '\0' && line[p] != ' ' && line[p] != '\t') {
			if (i + 1 < sizeof(ws->w[0]))
				ws->w[ws->n][i++] = line[p];
			p++;
		}
		ws->w[ws->n][i] = '\0';
		ws->n++;
	}
}

/*
 * Keep in cand[] the commands whose keyword i matches word (exactly, if
 * some candidate has it exactly). Returns how many distinct keywords
 * matched, 0, 1 or 2 for "more than one"; the first is left in first.
 */
static int
narrow(const struct ns_platform *p, unsigned char *cand, size_t i,
    const char *word, char *first, size_t cap)
{
	const struct ns_command *tab = p->commands, *t;
	char kw[WORD_CAP * 2];
	int exact = 0, nmatch = 0;

	for (t = tab; t->words != NULL; t++)
		if (cand[t - tab] && keyword(t->words, i, kw, sizeof(kw)) &&
		    strcmp(kw, word) == 0)
			exact = 1;
	first[0] = '\0';
	for (t = tab; t->words != NULL; t++) {
		if (!cand[t - tab])
			continue;
		if (!keyword(t->words, i, kw, sizeof(kw)) ||
		    !(exact ? strcmp(kw, word) == 0
			    : word_matches(kw, word, p->abbrev))) {
			cand[t - tab] = 0;
			continue;
		}
		if (nmatch == 0) {
			snprintf(first, cap, "%s", kw);
			nmatch = 1;
		} else if (strcmp(first, kw) != 0) {
			nmatch = 2;
		}
	}
	return nmatch;
}

void
ns_match(
    const struct ns_platform *p, const char *line, int priv, struct ns_match *m)
{
	const struct ns_command *tab = p->commands, *t;
	struct words ws;
	char kw[WORD_CAP * 2], first[WORD_CAP * 2];
	unsigned char cand[TABLE_MAX];
	size_t i;
	int nmatch;

	memset(m, 0, sizeof(*m));
	split_words(line, &ws);
	for (t = tab; t->words != NULL; t++) {
		if (t - tab >= TABLE_MAX - 1)
			abort(); /* a table in ns_platform.c grew too big */
		cand[t - tab] = !t->priv || priv;
	}
	for (i = 0; i < ws.n; i++) {
		nmatch = narrow(p, cand, i, ws.w[i], first, sizeof(first));
		if (nmatch != 1) {
			m->status =
			    nmatch == 0 ? NS_MATCH_INVALID : NS_MATCH_AMBIGUOUS;
			m->col = ws.off[i];
			return;
		}
		if (strcmp(first, "<N>") == 0)
			m->num = strtol(ws.w[i], NULL, 10);
	}
	for (t = tab; t->words != NULL; t++)
		if (cand[t - tab] && !keyword(t->words, ws.n, kw, sizeof(kw)))
			break;
	if (t->words == NULL) {
		m->status = NS_MATCH_INCOMPLETE;
		return;
	}
	m->status = NS_MATCH_OK;
	m->cmd = t;
}
