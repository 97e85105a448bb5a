/*
 * group: an open-addressing table keyed by (command, output bytes) finds
 * each output's group in one pass over the devices in inventory order,
 * so a group's device list comes out sorted and the work is linear in the
 * bytes of output (each output is hashed once, compared once on a hit).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "hostlist.h"
#include "util.h"

/* A group under construction and what sorts it. */
struct build {
	struct group g;
	uint64_t hash;
	size_t order; /* rank of the group's command */
	size_t first; /* its first device */
	size_t cap;
};

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
	return h;
}

static int
build_cmp(const void *a, const void *b)
{
	const struct build *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if (x->g.ndevices != y->g.ndevices)
		return x->g.ndevices > y->g.ndevices ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* The table while it is built: groups, and an index of them by hash. */
struct grouper {
	struct build *b;
	size_t nb, capb;
	size_t *tab; /* build index + 1, or 0 */
	size_t cap, used;
	const char **seen; /* commands in the order first seen */
	size_t nseen;
};

/* The rank of command cmd among those seen so far (added when new). */
static size_t
command_rank(struct grouper *gr, const char *cmd)
{
	for (size_t i = 0; i < gr->nseen; i++)
		if (strcmp(gr->seen[i], cmd) == 0)
			return i;
	gr->seen = xrealloc(gr->seen, (gr->nseen + 1) * sizeof(*gr->seen));
	gr->seen[gr->nseen] = cmd;
	return gr->nseen++;
}

/* Doubles the index once it would be half full. */
static void
grouper_grow(struct grouper *gr)
{
	size_t ncap = 2 * gr->cap, *t;

	if (2 * (gr->used + 1) <= gr->cap)
		return;
	t = xcalloc(ncap, sizeof(*t));
	for (size_t j = 0; j < gr->cap; j++) {
		size_t k;

		if (gr->tab[j] == 0)
			continue;
		k = gr->b[gr->tab[j] - 1].hash & (ncap - 1);
		while (t[k] != 0)
			k = (k + 1) & (ncap - 1);
		t[k] = gr->tab[j];
	}
	free(gr->tab);
	gr->tab = t;
	gr->cap = ncap;
}

/* The group of (command rank, output), added with device i first if new. */
static struct build *
grouper_find(struct grouper *gr, const char *cmd, size_t rank, const char *s,
    size_t len, size_t i)
{
	uint64_t h = fnv(
	    fnv(UINT64_C(0xcbf29ce484222325), cmd, strlen(cmd) + 1), s, len);
	size_t mask, j;

	grouper_grow(gr);
	mask = gr->cap - 1;
	for (j = h & mask; gr->tab[j] != 0; j = (j + 1) & mask) {
		struct build *g = &gr->b[gr->tab[j] - 1];

		if (g->hash == h && g->order == rank && g->g.len == len &&
		    memcmp(g->g.output, s, len) == 0)
			return g;
	}
	if (gr->nb == gr->capb) {
		gr->capb = gr->capb ? 2 * gr->capb : 16;
		gr->b = xrealloc(gr->b, gr->capb * sizeof(*gr->b));
	}
	gr->b[gr->nb] =
	    (struct build){.g = {.command = cmd, .output = s, .len = len},
		.hash = h,
		.order = rank,
		.first = i};
	gr->tab[j] = ++gr->nb;
	gr->used++;
	return &gr->b[gr->nb - 1];
}

static void
build_add_device(struct build *g, size_t i)
{
	if (g->g.ndevices == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 4;
		g->g.devices =
		    xrealloc(g->g.devices, g->cap * sizeof(*g->g.devices));
	}
	g->g.devices[g->g.ndevices++] = i;
}

/* The groups sorted, each with its device names compressed. */
static struct group *
grouper_finish(struct grouper *gr, const struct inventory *inv, size_t *n)
{
	struct group *out;

	free(gr->tab);
	free(gr->seen);
	qsort(gr->b, gr->nb, sizeof(*gr->b), build_cmp);
	out = gr->nb ? xcalloc(gr->nb, sizeof(*out)) : NULL;
	for (size_t i = 0; i < gr->nb; i++) {
		const char **names =
		    xcalloc(gr->b[i].g.ndevices, sizeof(*names));

		out[i] = gr->b[i].g;
		for (size_t k = 0; k < out[i].ndevices; k++)
			names[k] = inv->devices[out[i].devices[k]].name;
		out[i].names = hostlist_compress(names, out[i].ndevices);
		free(names);
	}
	free(gr->b);
	*n = gr->nb;
	return out;
}

struct group *
group_build(struct result *const *results, const struct config *cfg,
    const struct inventory *inv, size_t *n)
{
	struct grouper gr = {.cap = 64};

	gr.tab = xcalloc(gr.cap, sizeof(*gr.tab));
	for (size_t i = 0; i < inv->ndevices; i++) {
		const struct result *r = results[i];
		char *const *cmds;
		size_t ncmds;

		if (r == NULL)
			continue;
		cmds = device_commands(
		    &inv->devices[i], cfg->commands, cfg->ncommands, &ncmds);
		for (size_t c = 0; c < r->noutputs && c < ncmds; c++) {
			const struct cmd_output *o = &r->outputs[c];

			if (!o->complete)
				continue;
			build_add_device(
			    grouper_find(&gr, cmds[c],
				command_rank(&gr, cmds[c]),
				o->output ? o->output : "", o->len, i),
			    i);
		}
	}
	return grouper_finish(&gr, inv, n);
}

void
group_free(struct group *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(g[i].devices);
		free(g[i].names);
	}
	free(g);
}
