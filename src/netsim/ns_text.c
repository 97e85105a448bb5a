/*
 * ns_text: the buffer doubles as it grows and is always NUL-terminated,
 * so a caller may take it at any time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_text.h"

void
ns_text_add(struct ns_text *t, const char *s, size_t n)
{
	size_t cap = t->cap ? t->cap : 256;
	char *np;

	while (cap < t->len + n + 1)
		cap *= 2;
	if (cap != t->cap) {
		if ((np = realloc(t->p, cap)) == NULL) {
			perror("netsim: realloc");
			exit(1);
		}
		t->p = np;
		t->cap = cap;
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

void
ns_text_str(struct ns_text *t, const char *s)
{
	ns_text_add(t, s, strlen(s));
}

void
ns_text_line(struct ns_text *t, size_t indent, const char *s)
{
	static const char spaces[] = "                                ";

	while (indent > 0) {
		size_t n =
		    indent < sizeof(spaces) - 1 ? indent : sizeof(spaces) - 1;

		ns_text_add(t, spaces, n);
		indent -= n;
	}
	ns_text_add(t, s, strlen(s));
	ns_text_add(t, "\n", 1);
}

char *
ns_text_take(struct ns_text *t)
{
	char *p;

	if (t->p == NULL)
		ns_text_add(t, "", 0);
	p = t->p;
	memset(t, 0, sizeof(*t));
	return p;
}

char *
ns_text_dup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL) {
		perror("netsim: strdup");
		exit(1);
	}
	return p;
}

/* The next word of *s: its start and length; *s moves past it. */
static size_t
next_word(const char **s, const char **w)
{
	const char *p = *s;
	size_t n = 0;

	while (*p == ' ')
		p++;
	*w = p;
	while (p[n] != '\0' && p[n] != ' ')
		n++;
	*s = p + n;
	return n;
}

int
ns_text_same_words(const char *a, const char *b, size_t n)
{
	const char *wa, *wb;
	size_t la, lb, i;

	for (i = 0; n == 0 || i < n; i++) {
		la = next_word(&a, &wa);
		lb = next_word(&b, &wb);
		if (la != lb || memcmp(wa, wb, la) != 0)
			return 0;
		if (la == 0)
			return 1;
	}
	return 1;
}

int
ns_text_starts_words(const char *s, const char *prefix)
{
	const char *ws, *wp;
	size_t ls, lp;

	for (;;) {
		lp = next_word(&prefix, &wp);
		if (lp == 0)
			return 1;
		ls = next_word(&s, &ws);
		if (ls != lp || memcmp(ws, wp, lp) != 0)
			return 0;
	}
}
