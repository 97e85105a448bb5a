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

/* The rank of command cmd among those seen so far (added when new). */
static size_t
command_rank(const char ***seen, size_t *nseen, const char *cmd)
{
	for (size_t i = 0; i < *nseen; i++)
		if (strcmp((*seen)[i], cmd) == 0)
			return i;
	*seen = xrealloc(*seen, (*nseen + 1) * sizeof(**seen));
	(*seen)[*nseen] = cmd;
	return (*nseen)++;
}

struct group *
group_build(struct result *const *results, const struct config *cfg,
    const struct inventory *inv, size_t *n)
{
	struct build *b = NULL;
	size_t nb = 0, capb = 0, cap = 64, used = 0, nseen = 0;
	size_t *tab = xcalloc(cap, sizeof(*tab)); /* build index + 1, 0 */
	const char **seen = NULL;
	struct group *out;

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
			const char *s = o->output ? o->output : "";
			size_t rank, j, mask;
			uint64_t h;
			struct build *g;

			if (!o->complete)
				continue;
			rank = command_rank(&seen, &nseen, cmds[c]);
			h = fnv(fnv(UINT64_C(0xcbf29ce484222325), cmds[c],
				    strlen(cmds[c]) + 1),
			    s, o->len);
			if (2 * (used + 1) > cap) {
				size_t *t = xcalloc(2 * cap, sizeof(*t));

				for (j = 0; j < cap; j++) {
					size_t k;

					if (tab[j] == 0)
						continue;
					for (k = b[tab[j] - 1].hash &
						 (2 * cap - 1);
					     t[k] != 0;
					     k = (k + 1) & (2 * cap - 1))
						;
					t[k] = tab[j];
				}
				free(tab);
				tab = t;
				cap *= 2;
			}
			mask = cap - 1;
			for (j = h & mask; tab[j] != 0; j = (j + 1) & mask) {
				g = &b[tab[j] - 1];
				if (g->hash == h && g->order == rank &&
				    g->g.len == o->len &&
				    memcmp(g->g.output, s, o->len) == 0)
					break;
			}
			if (tab[j] == 0) {
				if (nb == capb) {
					capb = capb ? 2 * capb : 16;
					b = xrealloc(b, capb * sizeof(*b));
				}
				b[nb] = (struct build){.g = {.command = cmds[c],
							   .output = s,
							   .len = o->len},
				    .hash = h,
				    .order = rank,
				    .first = i};
				tab[j] = ++nb;
				used++;
			}
			g = &b[tab[j] - 1];
			if (g->g.ndevices == g->cap) {
				g->cap = g->cap ? 2 * g->cap : 4;
				g->g.devices = xrealloc(g->g.devices,
				    g->cap * sizeof(*g->g.devices));
			}
			g->g.devices[g->g.ndevices++] = i;
		}
	}
	free(tab);
	free(seen);
	qsort(b, nb, sizeof(*b), build_cmp);
	out = nb ? xcalloc(nb, sizeof(*out)) : NULL;
	for (size_t i = 0; i < nb; i++) {
		const char **names = xcalloc(b[i].g.ndevices, sizeof(*names));

		out[i] = b[i].g;
		for (size_t k = 0; k < out[i].ndevices; k++)
			names[k] = inv->devices[out[i].devices[k]].name;
		out[i].names = hostlist_compress(names, out[i].ndevices);
		free(names);
	}
	free(b);
	*n = nb;
	return out;
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
