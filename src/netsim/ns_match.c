/*
 * ns_match: command-line matching. The line is cut into at most
 * WORDS_MAX words; word i is compared with keyword i of every command
 * still a candidate, and the candidates shrink word by word to those that
 * match it best (exact keyword, then prefix, then placeholder). A command
 * matches when it has no keyword left after the last word (or only the
 * rest of a "<L>"); the first such command in table order wins.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ns_match.h"

#define WORD_CAP 512
#define WORDS_MAX 32
#define TABLE_MAX 128 /* entries a command table may have */

/* How well a word matches a keyword; larger is better. */
enum fit {
	FIT_NONE = 0,
	FIT_ARG,    /* a placeholder takes it */
	FIT_PREFIX, /* a prefix of the keyword */
	FIT_EXACT,
};

/* A command line cut into words, with the column each starts at. */
struct words {
	char w[WORDS_MAX][WORD_CAP];
	size_t off[WORDS_MAX];
	size_t n;
};

/* The interface types "<IF>" knows, in their full spelling. */
static const char *const if_types[] = {
    "GigabitEthernet",
    "FastEthernet",
    "TenGigabitEthernet",
    "Ethernet",
    "Loopback",
    "Vlan",
    "Port-channel",
    "Tunnel",
    "Management",
    "mgmt",
    NULL,
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

static int
is_ipv4(const char *w)
{
	unsigned a, b, c, d;
	char tail;

	return sscanf(w, "%3u.%3u.%3u.%3u%c", &a, &b, &c, &d, &tail) == 4 &&
	    a < 256 && b < 256 && c < 256 && d < 256 &&
	    isdigit((unsigned char)*w);
}

/*
 * The full name of interface w ("gi0/1": "GigabitEthernet0/1") in buf; 0,
 * or -1 when w is not an interface name. A bare number ("1", ProCurve)
 * is its own name.
 */
static int
interface(const char *w, char *buf, size_t cap)
{
	const char *rest, *q, *found = NULL;
	size_t n = 0, i, len;
	int count = 0;

	while (isalpha((unsigned char)w[n]) || w[n] == '-')
		n++;
	rest = w + n;
	if (!isdigit((unsigned char)*rest))
		return -1;
	for (q = rest; *q != '\0'; q++)
		if (!isdigit((unsigned char)*q) && strchr("/.:", *q) == NULL)
			return -1;
	if (n == 0) {
		snprintf(buf, cap, "%s", w);
		return 0;
	}
	for (i = 0; if_types[i] != NULL; i++) {
		len = strlen(if_types[i]);
		if (len < n || strncasecmp(if_types[i], w, n) != 0)
			continue;
		if (len == n) {
			found = if_types[i];
			count = 1;
			break;
		}
		found = if_types[i];
		count++;
	}
	if (count != 1)
		return -1;
	snprintf(buf, cap, "%s%s", found, rest);
	return 0;
}

static int
arg_fits(const char *kw, const char *w)
{
	char buf[WORD_CAP];

	if (strcmp(kw, "<N>") == 0)
		return is_number(w);
	if (strcmp(kw, "<A>") == 0)
		return is_ipv4(w);
	if (strcmp(kw, "<IF>") == 0)
		return interface(w, buf, sizeof(buf)) == 0;
	return 1; /* <W>, <L> */
}

static enum fit
fit(const char *kw, const char *w, int abbrev)
{
	if (kw[0] == '<')
		return arg_fits(kw, w) ? FIT_ARG : FIT_NONE;
	if (strcmp(kw, w) == 0)
		return FIT_EXACT;
	if (abbrev && strncmp(kw, w, strlen(w)) == 0)
		return FIT_PREFIX;
	return FIT_NONE;
}

/*
 * Keyword i of a table entry, copied into kw: 1, or 2 when i lies beyond
 * a final "<L>" (which takes every word left), or 0 if there is none.
 */
static int
keyword(const char *words, size_t i, char *kw, size_t cap)
{
	const char *p = words, *e;
	size_t n;

	for (;;) {
		e = strchr(p, ' ');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (i == 0 ||
		    (e == NULL && n == 3 && memcmp(p, "<L>", 3) == 0)) {
			if (n >= cap)
				n = cap - 1;
			memcpy(kw, p, n);
			kw[n] = '\0';
			return i == 0 ? 1 : 2;
		}
		if (e == NULL)
			return 0;
		p = e + 1;
		i--;
	}
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
 * Keep in cand[] the commands whose keyword i fits word best. Returns
 * how many distinct keywords are left: 0, 1, or 2 for "more than one"
 * (placeholders count as one keyword).
 */
static int
narrow(const struct ns_command *tab, int abbrev, unsigned char *cand, size_t i,
    const char *word)
{
	const struct ns_command *t;
	unsigned char f[TABLE_MAX];
	char kw[WORD_CAP * 2], first[WORD_CAP * 2] = "";
	enum fit best = FIT_NONE;
	int nmatch = 0;

	for (t = tab; t->words != NULL; t++) {
		f[t - tab] = FIT_NONE;
		if (cand[t - tab] && keyword(t->words, i, kw, sizeof(kw)))
			f[t - tab] = fit(kw, word, abbrev);
		if (f[t - tab] > best)
			best = f[t - tab];
	}
	for (t = tab; t->words != NULL; t++) {
		if (!cand[t - tab])
			continue;
		if (best == FIT_NONE || f[t - tab] != best) {
			cand[t - tab] = 0;
			continue;
		}
		keyword(t->words, i, kw, sizeof(kw));
		if (best == FIT_ARG)
			snprintf(kw, sizeof(kw), "<>");
		if (nmatch == 0) {
			snprintf(first, sizeof(first), "%s", kw);
			nmatch = 1;
		} else if (strcmp(first, kw) != 0) {
			nmatch = 2;
		}
	}
	return nmatch;
}

static void
append(char *buf, size_t *o, const char *s, size_t n)
{
	if (*o > 0 && *o + 1 < NS_LINE_MAX)
		buf[(*o)++] = ' ';
	if (n > NS_LINE_MAX - 1 - *o)
		n = NS_LINE_MAX - 1 - *o;
	memcpy(buf + *o, s, n);
	*o += n;
	buf[*o] = '\0';
}

/* m->line: the words of line against cmd, keywords in full. */
static void
expand(struct ns_match *m, const char *line, const struct words *ws)
{
	char kw[WORD_CAP * 2], name[WORD_CAP];
	size_t i, o = 0, n;

	m->line[0] = '\0';
	for (i = 0; i < ws->n; i++) {
		if (!keyword(m->cmd->words, i, kw, sizeof(kw)))
			break;
		if (strcmp(kw, "<L>") == 0) {
			m->arg = ws->off[i];
			n = strlen(line + m->arg);
			while (n > 0 &&
			    isspace((unsigned char)line[m->arg + n - 1]))
				n--;
			append(m->line, &o, line + m->arg, n);
			break;
		}
		if (strcmp(kw, "<IF>") == 0 &&
		    interface(ws->w[i], name, sizeof(name)) == 0) {
			append(m->line, &o, name, strlen(name));
		} else if (kw[0] == '<') {
			append(m->line, &o, ws->w[i], strlen(ws->w[i]));
			if (strcmp(kw, "<N>") == 0)
				m->num = strtol(ws->w[i], NULL, 10);
		} else {
			append(m->line, &o, kw, strlen(kw));
		}
	}
}

static void
match_once(const struct ns_command *tab, int abbrev, const char *line, int priv,
    int partial, const struct words *ws, struct ns_match *m)
{
	const struct ns_command *t;
	char kw[WORD_CAP * 2];
	unsigned char cand[TABLE_MAX];
	size_t i;
	int nmatch;

	memset(m, 0, sizeof(*m));
	for (t = tab; t->words != NULL; t++) {
		if (t - tab >= TABLE_MAX - 1)
			abort(); /* a table in ns_platform.c grew too big */
		cand[t - tab] = !t->priv || priv;
	}
	for (i = 0; i < ws->n; i++) {
		nmatch = narrow(tab, abbrev, cand, i, ws->w[i]);
		if (nmatch != 1) {
			m->status =
			    nmatch == 0 ? NS_MATCH_INVALID : NS_MATCH_AMBIGUOUS;
			m->col = ws->off[i];
			return;
		}
	}
	for (t = tab; t->words != NULL; t++)
		if (cand[t - tab] &&
		    keyword(t->words, ws->n, kw, sizeof(kw)) != 1)
			break;
	if (t->words == NULL && partial)
		for (t = tab; t->words != NULL; t++)
			if (cand[t - tab] &&
			    keyword(t->words, ws->n, kw, sizeof(kw)) == 1 &&
			    kw[0] == '<')
				break;
	if (t->words == NULL) {
		m->status = NS_MATCH_INCOMPLETE;
		m->col = strlen(line);
		return;
	}
	m->status = NS_MATCH_OK;
	m->cmd = t;
	expand(m, line, ws);
}

void
ns_match(const struct ns_command *tab, int abbrev, const char *line, int priv,
    int partial, struct ns_match *m)
{
	struct words ws;
	size_t col;

	split_words(line, &ws);
	match_once(tab, abbrev, line, priv, partial, &ws, m);
	if (m->status != NS_MATCH_INVALID || priv)
		return;
	col = m->col;
	match_once(tab, abbrev, line, 1, partial, &ws, m);
	if (m->status == NS_MATCH_OK) {
		m->status = NS_MATCH_PRIVILEGED;
		m->col = col;
		m->cmd = NULL;
	} else {
		match_once(tab, abbrev, line, 0, partial, &ws, m);
	}
}
