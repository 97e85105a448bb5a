/*
 * ns_config: the edit lists, and the IOS-style running configuration they
 * make. Rendering first folds the edits, in order, into a delta per
 * section (the lines set, the prefixes removed, whether the section's
 * generated lines were removed with it), then runs the generated
 * configuration through that delta line by line:
 *
 *   - a generated line is replaced by the set line with its key, dropped
 *     if a removed prefix names it, or kept;
 *   - set lines that replaced nothing go at the end of their section;
 *     new top-level lines and sections go after the last generated line
 *     of the same first word ("interface Loopback0" after the generated
 *     interfaces), or before "end";
 *   - a generated "no X" counts as "X" for replacing, so setting
 *     "service password-encryption" replaces "no service ...".
 *
 * The delta points into the edits' strings and lives for one render.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_config.h"
#include "ns_gen.h"
#include "ns_text.h"

struct ns_config {
	struct ns_cfg_edit *e;
	size_t n, cap;
	size_t saved; /* n at the last save */
	char *hostname;
};

struct ns_config *
ns_config_new(void)
{
	struct ns_config *c = calloc(1, sizeof(*c));

	if (c == NULL) {
		perror("netsim: calloc");
		exit(1);
	}
	return c;
}

void
ns_config_clear(struct ns_config *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free((char *)c->e[i].section);
		free((char *)c->e[i].line);
	}
	c->n = c->saved = 0;
	free(c->hostname);
	c->hostname = NULL;
}

void
ns_config_free(struct ns_config *c)
{
	if (c == NULL)
		return;
	ns_config_clear(c);
	free(c->e);
	free(c);
}

void
ns_config_add(struct ns_config *c, const struct ns_cfg_edit *e)
{
	struct ns_cfg_edit *ne;
	size_t cap;

	if (c->n == c->cap) {
		cap = c->cap ? c->cap * 2 : 16;
		if ((ne = realloc(c->e, cap * sizeof(*ne))) == NULL) {
			perror("netsim: realloc");
			exit(1);
		}
		c->e = ne;
		c->cap = cap;
	}
	ne = &c->e[c->n++];
	*ne = *e;
	ne->section = e->section ? ns_text_dup(e->section) : NULL;
	ne->line = ns_text_dup(e->line);
	if (e->section != NULL)
		return;
	if (!e->remove && ns_text_starts_words(e->line, "hostname") &&
	    strlen(e->line) > 9) {
		free(c->hostname);
		c->hostname = ns_text_dup(e->line + 9);
	} else if (e->remove && ns_text_starts_words("hostname", e->line)) {
		free(c->hostname);
		c->hostname = NULL;
	}
}

void
ns_config_append(struct ns_config *dst, const struct ns_config *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		ns_config_add(dst, &src->e[i]);
}

size_t
ns_config_count(const struct ns_config *c)
{
	return c == NULL ? 0 : c->n;
}

const struct ns_cfg_edit *
ns_config_edit(const struct ns_config *c, size_t i)
{
	return &c->e[i];
}

int
ns_config_dirty(const struct ns_config *c)
{
	return c->n != c->saved;
}

void
ns_config_saved(struct ns_config *c)
{
	c->saved = c->n;
}

const char *
ns_config_hostname(const struct ns_config *c)
{
	return c == NULL ? NULL : c->hostname;
}

/* ---- rendering ------------------------------------------------------ */

struct dline {
	const char *text;
	int key;
	int opens;
	int done; /* emitted */
};

struct dsec {
	const char *name; /* NULL: the top level */
	struct dline *set;
	size_t nset, capset;
	const char **del;
	size_t ndel, capdel;
	int drop; /* the generated lines of this section were removed */
};

struct delta {
	struct dsec *s; /* s[0] is the top level */
	size_t n, cap;
};

static void *
grow(void *p, size_t *cap, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 8;

	if ((p = realloc(p, ncap * size)) == NULL) {
		perror("netsim: realloc");
		exit(1);
	}
	*cap = ncap;
	return p;
}

static struct dsec *
find_sec(struct delta *d, const char *name)
{
	size_t i;

	for (i = 1; i < d->n; i++)
		if (ns_text_same_words(d->s[i].name, name, 0))
			return &d->s[i];
	return NULL;
}

static struct dsec *
sec(struct delta *d, const char *name)
{
	struct dsec *s;

	if (name == NULL)
		return &d->s[0];
	if ((s = find_sec(d, name)) != NULL)
		return s;
	if (d->n == d->cap)
		d->s = grow(d->s, &d->cap, sizeof(*d->s));
	s = &d->s[d->n++];
	memset(s, 0, sizeof(*s));
	s->name = name;
	return s;
}

/* Generated line b has set line l's key ("no X" counting as "X"). */
static int
keyed(const struct dline *l, const char *b)
{
	while (*b == ' ')
		b++;
	if (ns_text_same_words(l->text, b, (size_t)l->key))
		return 1;
	return strncmp(b, "no ", 3) == 0 &&
	    ns_text_same_words(l->text, b + 3, (size_t)l->key);
}

static void
drop_set(struct dsec *s, const struct dline *like, const char *prefix)
{
	size_t i, o = 0;

	for (i = 0; i < s->nset; i++) {
		if (like != NULL &&
		    ns_text_same_words(
			s->set[i].text, like->text, (size_t)like->key))
			continue;
		if (prefix != NULL &&
		    ns_text_starts_words(s->set[i].text, prefix))
			continue;
		s->set[o++] = s->set[i];
	}
	s->nset = o;
}

static void
fold(struct delta *d, const struct ns_cfg_edit *e)
{
	struct dsec *s = sec(d, e->section), *t;
	struct dline l = {e->line, e->key, e->opens, 0};
	size_t i;

	if (!e->remove) {
		drop_set(s, &l, NULL);
		if (s->nset == s->capset)
			s->set = grow(s->set, &s->capset, sizeof(*s->set));
		s->set[s->nset++] = l;
		if (e->opens)
			sec(d, e->line);
		return;
	}
	drop_set(s, NULL, e->line);
	if (s->ndel == s->capdel)
		s->del = grow(s->del, &s->capdel, sizeof(*s->del));
	s->del[s->ndel++] = e->line;
	if (e->section != NULL)
		return;
	for (i = 1; i < d->n; i++) {
		t = &d->s[i];
		if (!ns_text_starts_words(t->name, e->line))
			continue;
		t->nset = t->ndel = 0;
		t->drop = 1;
	}
}

static struct dline *
match_set(struct dsec *s, const char *b)
{
	size_t i;

	for (i = 0; s != NULL && i < s->nset; i++)
		if (keyed(&s->set[i], b))
			return &s->set[i];
	return NULL;
}

static int
match_del(const struct dsec *s, const char *b)
{
	size_t i;

	while (*b == ' ')
		b++;
	for (i = 0; s != NULL && i < s->ndel; i++)
		if (ns_text_starts_words(b, s->del[i]))
			return 1;
	return 0;
}

/* The merge of one render: the delta and where the output stands. */
struct merge {
	struct delta d;
	struct ns_text out;
	struct dsec *cur; /* the delta of the generated section we are in */
	int drop;	  /* its generated lines go */
	int dropped;	  /* a top-level line went: so does the "!" after it */
	char word[64];	  /* first word of the last top-level line */
};

static void
flush_children(struct merge *m, struct dsec *s)
{
	size_t i;

	for (i = 0; s != NULL && i < s->nset; i++) {
		if (s->set[i].done)
			continue;
		s->set[i].done = 1;
		ns_text_line(&m->out, 1, s->set[i].text);
	}
}

/* A top-level line no generated line had: itself, its section, "!". */
static void
emit_new(struct merge *m, struct dline *l)
{
	l->done = 1;
	ns_text_line(&m->out, 0, l->text);
	flush_children(m, find_sec(&m->d, l->text));
	if (l->opens)
		ns_text_line(&m->out, 0, "!");
}

/* New top-level lines whose first word is word (any, when NULL). */
static int
flush_top(struct merge *m, const char *word)
{
	struct dsec *top = &m->d.s[0];
	size_t i;
	int plain = 0;

	for (i = 0; i < top->nset; i++) {
		struct dline *l = &top->set[i];

		if (l->done ||
		    (word != NULL && !ns_text_same_words(l->text, word, 1)))
			continue;
		plain |= !l->opens;
		emit_new(m, l);
	}
	return plain;
}

static void
first_word(const char *s, char *w, size_t cap)
{
	size_t n = strcspn(s, " ");

	if (n >= cap)
		n = cap - 1;
	memcpy(w, s, n);
	w[n] = '\0';
}

static void
merge_line(struct merge *m, const char *b)
{
	struct dline *l;
	char w[64];

	if (b[0] == ' ') {
		if (m->drop)
			return;
		if ((l = match_set(m->cur, b)) != NULL) {
			if (!l->done)
				ns_text_line(&m->out, 1, l->text);
			l->done = 1;
		} else if (!match_del(m->cur, b)) {
			ns_text_line(&m->out, 0, b);
		}
		return;
	}
	flush_children(m, m->cur);
	m->cur = NULL;
	m->drop = 0;
	if (m->dropped && strcmp(b, "!") == 0) {
		m->dropped = 0;
		return;
	}
	m->dropped = 0;
	if (strcmp(b, "end") == 0) {
		if (flush_top(m, NULL))
			ns_text_line(&m->out, 0, "!");
		ns_text_line(&m->out, 0, b);
		return;
	}
	first_word(b, w, sizeof(w));
	if (strcmp(w, "!") != 0) {
		if (m->word[0] != '\0' && strcmp(w, m->word) != 0)
			flush_top(m, m->word);
		snprintf(m->word, sizeof(m->word), "%s", w);
	}
	if ((l = match_set(&m->d.s[0], b)) != NULL) {
		if (!l->done)
			ns_text_line(&m->out, 0, l->text);
		l->done = 1;
		m->cur = find_sec(&m->d, l->text);
		m->drop = m->cur != NULL && m->cur->drop;
		return;
	}
	if (match_del(&m->d.s[0], b)) {
		m->drop = m->dropped = 1;
		return;
	}
	ns_text_line(&m->out, 0, b);
	m->cur = find_sec(&m->d, b);
}

#define SIZE_LINE "Current configuration : "

char *
ns_config_render(const struct ns_config *c, struct ns_gen *base)
{
	struct merge m;
	struct ns_text fixed = {0};
	char line[1024];
	size_t i, size_at = 0, size_end = 0;
	int n;

	memset(&m, 0, sizeof(m));
	m.d.s = grow(NULL, &m.d.cap, sizeof(*m.d.s));
	memset(&m.d.s[0], 0, sizeof(m.d.s[0]));
	m.d.n = 1;
	for (i = 0; i < c->n; i++)
		fold(&m.d, &c->e[i]);
	while ((n = ns_gen_line(base, line, sizeof(line))) >= 0) {
		if (size_end == 0 && strncmp(line, SIZE_LINE, 24) == 0) {
			size_at = m.out.len;
			ns_text_line(&m.out, 0, line);
			size_end = m.out.len;
			continue;
		}
		merge_line(&m, line);
	}
	if (flush_top(&m, NULL))
		ns_text_line(&m.out, 0, "!");
	for (i = 0; i < m.d.n; i++) {
		free(m.d.s[i].set);
		free(m.d.s[i].del);
	}
	free(m.d.s);
	if (size_end == 0)
		return ns_text_take(&m.out);
	/* The size counts the lines after it, not the final empty one. */
	ns_text_add(&fixed, m.out.p, size_at);
	snprintf(line, sizeof(line), SIZE_LINE "%zu bytes",
	    m.out.len - size_end - 1);
	ns_text_line(&fixed, 0, line);
	ns_text_add(&fixed, m.out.p + size_end, m.out.len - size_end);
	free(m.out.p);
	return ns_text_take(&fixed);
}
