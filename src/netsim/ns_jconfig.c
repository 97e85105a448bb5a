/*
 * ns_jconfig: a tree of nodes built for one render and freed after it.
 * A statement becomes a path of elements (containers, then one leaf);
 * children keep the order they were added in, and the base arrives in
 * order, so looking a child up tries the last one first (a lab with
 * thousands of interfaces builds in linear time).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_config.h"
#include "ns_device.h"
#include "ns_gen.h"
#include "ns_jconfig.h"
#include "ns_text.h"

#define ELEM_MAX 64
#define ELEM_CAP 512

struct jnode {
	char *name;
	int leaf;
	struct jnode **kid;
	size_t n, cap;
};

struct elem {
	char text[ELEM_CAP];
	int leaf;
};

/* Where a statement may start. */
static const char *const tops[] = {"system", "interfaces", "protocols",
    "routing-options", "snmp", "policy-options", "firewall", "security",
    "vlans", "chassis", "services", "groups", "apply-groups", NULL};
/* Leaves that take one value ("host-name R1"). */
static const char *const valued[] = {"host-name", "description", "address",
    "server", "vlan-id", "mtu", "domain-name", "time-zone", "location",
    "contact", "next-hop", "interface", "members", "name-server", "community",
    "router-id", NULL};
/* Of those, the ones a device has once: a new value replaces the old. */
static const char *const single[] = {"host-name", "description", "vlan-id",
    "mtu", "domain-name", "time-zone", "location", "contact", "router-id",
    NULL};
/* Containers named by the word after them ("unit 0 {"). */
static const char *const named[] = {"unit", "family", "area", "group",
    "neighbor", "term", "filter", "policy-statement", "route", NULL};

static int
in(const char *const *list, const char *w, size_t n)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && strncmp(*list, w, n) == 0)
			return 1;
	return 0;
}

/* The words of s ("..." is one word, quotes kept), their columns too. */
static size_t
words(const char *s, char w[][ELEM_CAP], size_t *col, size_t max)
{
	size_t n = 0, i, p = 0;
	int quoted;

	while (n < max) {
		while (s[p] == ' ' || s[p] == '\t')
			p++;
		if (s[p] == '\0')
			break;
		if (col != NULL)
			col[n] = p;
		quoted = 0;
		for (i = 0; s[p] != '\0'; p++) {
			if (s[p] == '"')
				quoted = !quoted;
			else if (!quoted && (s[p] == ' ' || s[p] == '\t'))
				break;
			if (i + 1 < ELEM_CAP)
				w[n][i++] = s[p];
		}
		w[n++][i] = '\0';
	}
	return n;
}

/* The path of stmt in el[]; returns the number of elements. */
static size_t
elements(const char *stmt, struct elem *el)
{
	char w[ELEM_MAX][ELEM_CAP];
	size_t n = words(stmt, w, NULL, ELEM_MAX), i = 0, k = 0, rem, j;

	while (i < n && k < ELEM_MAX) {
		rem = n - i;
		el[k].leaf = 1;
		if (rem == 1 ||
		    (rem == 2 &&
			(in(valued, w[i], strlen(w[i])) ||
			    in(named, w[i], strlen(w[i]))))) {
			j = n;
		} else if (in(named, w[i], strlen(w[i]))) {
			el[k].leaf = 0;
			j = i + 2;
		} else if (in(valued, w[i], strlen(w[i]))) {
			j = n;
		} else {
			el[k].leaf = 0;
			j = i + 1;
		}
		el[k].text[0] = '\0';
		for (; i < j; i++) {
			size_t o = strlen(el[k].text);

			snprintf(el[k].text + o, ELEM_CAP - o, "%s%s",
			    o ? " " : "", w[i]);
		}
		k++;
	}
	return k;
}

int
ns_jconfig_check(const char *stmt, size_t *col)
{
	char w[ELEM_MAX][ELEM_CAP];
	size_t c[ELEM_MAX];
	size_t n = words(stmt, w, c, ELEM_MAX);

	if (n == 0 || !in(tops, w[0], strlen(w[0]))) {
		*col = n == 0 ? strlen(stmt) : c[0];
		return -1;
	}
	if (n == 1) {
		*col = strlen(stmt);
		return -1;
	}
	return 0;
}

/* ---- the tree ------------------------------------------------------- */

static void
tree_free(struct jnode *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		tree_free(t->kid[i]);
		free(t->kid[i]);
	}
	free(t->kid);
	free(t->name);
}

static struct jnode *
child(struct jnode *t, const char *name, int leaf, int create)
{
	struct jnode *k, **nk;
	size_t i;

	for (i = t->n; i > 0; i--) {
		k = t->kid[i - 1];
		if (k->leaf == leaf && strcmp(k->name, name) == 0)
			return k;
	}
	if (!create)
		return NULL;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 4;
		if ((nk = realloc(t->kid, t->cap * sizeof(*nk))) == NULL) {
			perror("netsim: realloc");
			exit(1);
		}
		t->kid = nk;
	}
	if ((k = calloc(1, sizeof(*k))) == NULL) {
		perror("netsim: calloc");
		exit(1);
	}
	k->name = ns_text_dup(name);
	k->leaf = leaf;
	t->kid[t->n++] = k;
	return k;
}

/*
 * Remove the children of t named name (by_word: whose name starts with
 * its words); returns how many went.
 */
static int
prune(struct jnode *t, const char *name, int by_word)
{
	size_t i, o = 0;
	int gone = 0;

	for (i = 0; i < t->n; i++) {
		struct jnode *k = t->kid[i];
		int match = by_word ? ns_text_starts_words(k->name, name)
				    : strcmp(k->name, name) == 0;

		if (match) {
			tree_free(k);
			free(k);
			gone++;
			continue;
		}
		t->kid[o++] = k;
	}
	t->n = o;
	return gone;
}

static void
set(struct jnode *root, const char *stmt)
{
	struct elem el[ELEM_MAX];
	size_t n = elements(stmt, el), i;
	struct jnode *t = root;
	char w[ELEM_CAP];

	if (n == 0)
		return;
	for (i = 0; i + 1 < n; i++)
		t = child(t, el[i].text, 0, 1);
	if (child(t, el[n - 1].text, 0, 0) != NULL)
		return; /* "unit 0" where unit 0 has statements already */
	if (el[n - 1].leaf) {
		snprintf(w, sizeof(w), "%.*s",
		    (int)strcspn(el[n - 1].text, " "), el[n - 1].text);
		if (in(single, w, strlen(w)))
			prune(t, w, 1);
	}
	child(t, el[n - 1].text, el[n - 1].leaf, 1);
}

/* Delete what stmt names; 1 if something went. */
static int delete (struct jnode *root, const char *stmt)
{
	struct elem el[ELEM_MAX];
	size_t n = elements(stmt, el), i;
	struct jnode *t = root;

	if (n == 0)
		return 0;
	for (i = 0; i + 1 < n; i++)
		if ((t = child(t, el[i].text, 0, 0)) == NULL)
			return 0;
	if (prune(t, el[n - 1].text, 0) > 0)
		return 1;
	return strchr(el[n - 1].text, ' ') == NULL &&
	    prune(t, el[n - 1].text, 1) > 0;
}

static void
replay(struct jnode *root, const struct ns_config *c)
{
	const struct ns_cfg_edit *e;
	size_t i;

	for (i = 0; i < ns_config_count(c); i++) {
		e = ns_config_edit(c, i);
		if (e->remove)
			delete (root, e->line);
		else
			set(root, e->line);
	}
}

static void
build(struct jnode *root, const struct ns_device *d, const struct ns_config *a,
    const struct ns_config *b)
{
	char stmt[512], name[64], addr[32];
	int i;

	memset(root, 0, sizeof(*root));
	child(root, "version 18.2R1.9", 1, 1);
	snprintf(stmt, sizeof(stmt), "system host-name %s", d->hostname);
	set(root, stmt);
	for (i = 0; i < d->interfaces; i++) {
		ns_gen_ifname(d, (size_t)i, name, sizeof(name));
		ns_gen_ifaddr(d, (size_t)i, addr, sizeof(addr));
		snprintf(stmt, sizeof(stmt),
		    "interfaces %s unit 0 family inet address %s/24", name,
		    addr);
		set(root, stmt);
	}
	replay(root, a);
	replay(root, b);
}

int
ns_jconfig_has(const struct ns_device *d, const struct ns_config *a,
    const struct ns_config *b, const char *stmt)
{
	struct jnode root;
	int found;

	build(&root, d, a, b);
	found = delete (&root, stmt);
	tree_free(&root);
	return found;
}

/* t's children, the statements first (as Junos lists them), then blocks. */
static void
render(struct ns_text *out, const struct jnode *t, size_t depth)
{
	char line[ELEM_CAP + 4];
	size_t i;
	int blocks;

	for (blocks = 0; blocks < 2; blocks++) {
		for (i = 0; i < t->n; i++) {
			const struct jnode *k = t->kid[i];

			if ((k->leaf || k->n == 0) == blocks)
				continue;
			if (!blocks) {
				snprintf(line, sizeof(line), "%s;", k->name);
				ns_text_line(out, depth * 4, line);
				continue;
			}
			snprintf(line, sizeof(line), "%s {", k->name);
			ns_text_line(out, depth * 4, line);
			render(out, k, depth + 1);
			ns_text_line(out, depth * 4, "}");
		}
	}
}

char *
ns_jconfig_render(const struct ns_device *d, const struct ns_config *a,
    const struct ns_config *b, const char *path, const char *header)
{
	struct ns_text out = {0};
	struct elem el[ELEM_MAX];
	struct jnode root, *t = &root;
	size_t n = path != NULL ? elements(path, el) : 0, i;

	build(&root, d, a, b);
	for (i = 0; i < n && t != NULL; i++)
		t = child(t, el[i].text, 0, 0);
	if (header != NULL)
		ns_text_line(&out, 0, header);
	if (t != NULL)
		render(&out, t, 0);
	tree_free(&root);
	return ns_text_take(&out);
}
