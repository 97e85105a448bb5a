/*
 * invscan: the libyaml event pass over an inventory.
 *
 * The course's format has arbitrary top-level keys (group names), which
 * libcyaml cannot describe statically, and libcyaml 1.3.1 is lenient
 * where we must not be ("22abc" loads as 22, "010" as 8, "~" as a
 * literal) and cannot tell where a problem is. So this pass walks the
 * events once and:
 *   - learns the group names and, per device, where it starts and which
 *     keys it holds;
 *   - refuses aliases (no billion laughs), unknown keys (with a "did you
 *     mean"), duplicate keys and wrong shapes, each with its position;
 *   - replaces each "${NAME}" value by the environment's, and hands every
 *     scalar value to invfield_check();
 *   - leaves, through its cursor (invcursor), the document the loader
 *     reads: every event it read, with those values replaced, so nothing
 *     after this pass reads the environment.
 * A file with problems is never loaded; they are reported together.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "invcursor.h"
#include "invfield.h"
#include "invscan.h"
#include "invvalue.h"
#include "util.h"

#define MAX_DEVICES 1000000u
#define MAX_GROUPS 10000u

/* The pass's state: the cursor, and what it learns. */
struct scan {
	struct invscan *out;
	struct invproblems *probs;
	struct invcursor c;
	struct invvalue v; /* the scan of values, on the same cursor */
};

#define AT(s) INVCURSOR_AT(&(s)->c)
#define EV(s) ((s)->c.ev)

static int
next(struct scan *s)
{
	return invcursor_next(&s->c);
}

static int
skip_node(struct scan *s)
{
	return invcursor_skip(&s->c);
}

/* One device (or the defaults) mapping being scanned. */
struct mapping {
	const char *ctx; /* "routers[2]" or "defaults" */
	int is_defaults;
	invfield_mask keys;
	size_t spelling[FIELD_COUNT]; /* how each key in keys was written */
};

/* The key must be new to the mapping, under any of its spellings. */
static int
key_is_new(
    struct scan *s, const struct mapping *m, enum invfield_key k, size_t sp)
{
	const char *key = (const char *)EV(s).data.scalar.value;
	int k2;

	if (!(m->keys & FIELD_BIT(k)))
		return 1;
	if (m->spelling[k] == sp)
		invproblem_add(
		    s->probs, AT(s), "%s: duplicate key '%s'", m->ctx, key);
	else
		invproblem_add(s->probs, AT(s),
		    "%s: both '%s' and '%s' given; use one", m->ctx,
		    invfield_spelling(m->spelling[k], &k2), key);
	return 0;
}

/*
 * The current event is a key of mapping m: 0 and *k, *sp when its value
 * is to be read, 1 when it is a setting to ignore (noted), -1 when the
 * key was refused (reported).
 */
static int
device_key(
    struct scan *s, const struct mapping *m, enum invfield_key *k, size_t *sp)
{
	const char *key = (const char *)EV(s).data.scalar.value, *sug;
	int ki;

	if (invfield_lookup(key, sp, &ki) == -1) {
		if ((sug = invfield_suggest(key)) != NULL)
			invproblem_add(s->probs, AT(s),
			    "%s: unknown key '%s' (did you mean '%s'?)", m->ctx,
			    key, sug);
		else
			invproblem_add(s->probs, AT(s), "%s: unknown key '%s'",
			    m->ctx, key);
		return -1;
	}
	if (ki == -1) {
		s->out->ignored |= UINT64_C(1) << *sp;
		return 1;
	}
	*k = (enum invfield_key)ki;
	if (!key_is_new(s, m, *k, *sp))
		return -1;
	/* The loader reads one spelling: ours (allow_agent: use_agent). */
	if (*sp != (size_t)*k)
		invcursor_replace(&s->c, invfield_name(*k));
	if (m->is_defaults && *k == FIELD_NAME)
		invproblem_add(s->probs, AT(s),
		    "%s: 'name' cannot be a default (device names must be "
		    "unique)",
		    m->ctx);
	else if ((*k == FIELD_IP && (m->keys & FIELD_BIT(FIELD_HOST))) ||
	    (*k == FIELD_HOST && (m->keys & FIELD_BIT(FIELD_IP))))
		invproblem_add(s->probs, AT(s),
		    "%s: both 'ip' and 'host' given; use one", m->ctx);
	else
		return 0;
	return -1;
}

/*
 * The current event starts a device (or the defaults) mapping. Returns
 * the keys seen through *maskp; -1 on a syntax error.
 */
static int
scan_device(
    struct scan *s, const char *ctx, int is_defaults, invfield_mask *maskp)
{
	struct mapping m = {.ctx = ctx, .is_defaults = is_defaults};
	enum invfield_key k = FIELD_COUNT;
	size_t sp = 0;
	int r, ki;

	for (;;) {
		if (next(s) == -1)
			return -1;
		if (EV(s).type == YAML_MAPPING_END_EVENT)
			break;
		if (EV(s).type != YAML_SCALAR_EVENT) {
			invcursor_shape_problem(
			    &s->c, "%s: a key must be a string, found %s", ctx);
			if (invcursor_skip_pair(&s->c) == -1)
				return -1;
			continue;
		}
		if ((r = device_key(s, &m, &k, &sp)) == 0) {
			m.keys |= FIELD_BIT(k);
			m.spelling[k] = sp;
		}
		if (next(s) == -1)
			return -1;
		if ((r == 0 ? invvalue_scan(
				  &s->v, ctx, k, invfield_spelling(sp, &ki))
			    : skip_node(s)) == -1)
			return -1;
	}
	*maskp = m.keys;
	return 0;
}

/* Room for one more device in g, its entry zeroed (line 0: none yet). */
static struct invscan_device *
group_add(struct invscan_group *g)
{
	if (g->ndevs == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->devs = xrealloc(g->devs, g->cap * sizeof(*g->devs));
	}
	memset(&g->devs[g->ndevs], 0, sizeof(g->devs[g->ndevs]));
	return &g->devs[g->ndevs];
}

/* The current event starts one entry of group g. */
static int
scan_group_entry(struct scan *s, struct invscan_group *g)
{
	struct invscan_device *d = group_add(g);
	char ctx[300];

	snprintf(ctx, sizeof(ctx), "%s[%zu]", g->name, g->ndevs);
	if (s->out->ndevices == MAX_DEVICES) {
		invproblem_add(s->probs, AT(s), "too many devices (limit %u)",
		    MAX_DEVICES);
		s->out->ndevices++;
	}
	if (EV(s).type != YAML_MAPPING_START_EVENT) {
		invcursor_shape_problem(&s->c,
		    "%s: a device must be a mapping of fields, found %s", ctx);
		g->ndevs++; /* keep the numbering of later ones */
		return skip_node(s);
	}
	if (s->out->ndevices > MAX_DEVICES)
		return skip_node(s);
	d->line = (unsigned)EV(s).start_mark.line + 1;
	d->col = (unsigned)EV(s).start_mark.column + 1;
	g->ndevs++;
	s->out->ndevices++;
	return scan_device(s, ctx, 0, &d->keys);
}

/* The current event starts a group's value. */
static int
scan_group(struct scan *s, struct invscan_group *g)
{
	int r;

	if (EV(s).type != YAML_SEQUENCE_START_EVENT) {
		if (EV(s).type == YAML_ALIAS_EVENT)
			invcursor_alias(&s->c);
		else
			invproblem_add(s->probs, AT(s),
			    "%s: a group must be a list of devices, found %s",
			    g->name,
			    invcursor_is_null(&s->c) ? "nothing"
						     : invcursor_kind(&s->c));
		return skip_node(s);
	}
	while ((r = invcursor_next_in(&s->c)) == 1)
		if (scan_group_entry(s, g) == -1)
			return -1;
	return r;
}

/* Keys every device needs (after defaults) and who misses them. */
static void
check_required(struct invscan *o)
{
	static const enum invfield_key req[] = {
	    FIELD_DEVICE_TYPE, FIELD_USERNAME};
	const invfield_mask addr = FIELD_BIT(FIELD_IP) | FIELD_BIT(FIELD_HOST);
	struct invscan_group *g;
	struct invscan_device *d;
	invfield_mask m;
	size_t i, j, r;

	for (i = 0; i < o->ngroups; i++) {
		g = &o->groups[i];
		for (j = 0; j < g->ndevs; j++) {
			d = &g->devs[j];
			if (d->line == 0)
				continue; /* not a mapping: reported */
			m = d->keys | o->defaults_keys;
			for (r = 0; r < sizeof(req) / sizeof(req[0]); r++)
				if (!(m & FIELD_BIT(req[r])))
					invproblem_add(&o->problems, d->line,
					    d->col,
					    "%s[%zu]: missing required field "
					    "'%s'",
					    g->name, j, invfield_name(req[r]));
			if (!(m & addr))
				invproblem_add(&o->problems, d->line, d->col,
				    "%s[%zu]: missing required field 'ip' (or "
				    "'host')",
				    g->name, j);
		}
	}
}

/* The current event is the "defaults" key at line:col. */
static int
scan_defaults(struct scan *s, unsigned line, unsigned col)
{
	if (s->out->have_defaults) {
		invproblem_add(s->probs, line, col, "duplicate key 'defaults'");
		if (next(s) == -1)
			return -1;
		return skip_node(s);
	}
	s->out->have_defaults = 1;
	if (next(s) == -1)
		return -1;
	if (EV(s).type != YAML_MAPPING_START_EVENT) {
		invproblem_add(s->probs, AT(s),
		    "defaults: expected a mapping of fields, found %s",
		    invcursor_kind(&s->c));
		return skip_node(s);
	}
	return scan_device(s, "defaults", 1, &s->out->defaults_keys);
}

/*
 * The current event is a group name at line:col: 0 when it is a new,
 * valid one, -1 when refused (reported).
 */
static int
group_name_ok(struct scan *s, const char *key, unsigned line, unsigned col)
{
	struct invscan *o = s->out;
	size_t i;

	for (i = 0; i < o->ngroups; i++)
		if (strcmp(o->groups[i].name, key) == 0) {
			invproblem_add(&o->problems, line, col,
			    "duplicate group '%s' (first at line %u)", key,
			    o->groups[i].line);
			return -1;
		}
	if (o->ngroups == MAX_GROUPS)
		invproblem_add(&o->problems, line, col,
		    "too many groups (limit %u)", MAX_GROUPS);
	else if (key[0] == '\0' || strlen(key) != EV(s).data.scalar.length ||
	    strlen(key) > 255)
		invproblem_add(&o->problems, line, col, "invalid group name");
	else
		return 0;
	return -1;
}

/* The current event is a group name: record the group and scan it. */
static int
scan_group_key(struct scan *s)
{
	struct invscan *o = s->out;
	const char *key = (const char *)EV(s).data.scalar.value;
	unsigned line = (unsigned)EV(s).start_mark.line + 1;
	unsigned col = (unsigned)EV(s).start_mark.column + 1;
	struct invscan_group *g;

	if (strcmp(key, "defaults") == 0)
		return scan_defaults(s, line, col);
	if (group_name_ok(s, key, line, col) == -1) {
		if (next(s) == -1)
			return -1;
		return skip_node(s);
	}
	if (o->ngroups % 16 == 0)
		o->groups =
		    xrealloc(o->groups, (o->ngroups + 16) * sizeof(*o->groups));
	g = &o->groups[o->ngroups++];
	memset(g, 0, sizeof(*g));
	g->name = xstrdup(key);
	g->line = line;
	g->col = col;
	if (next(s) == -1)
		return -1;
	return scan_group(s, g);
}

/* The top-level mapping's contents, current event being its start. */
static int
scan_top(struct scan *s)
{
	int r;

	while ((r = invcursor_next_in(&s->c)) == 1) {
		if (EV(s).type != YAML_SCALAR_EVENT) {
			if (EV(s).type == YAML_ALIAS_EVENT)
				invcursor_alias(&s->c);
			else
				invproblem_add(s->probs, AT(s),
				    "a group name must be a string, found %s",
				    invcursor_kind(&s->c));
			if (invcursor_skip_pair(&s->c) == -1)
				return -1;
			continue;
		}
		if (scan_group_key(s) == -1)
			return -1;
	}
	return r;
}

/*
 * The current event starts the one document: 1 when it held the groups'
 * mapping, 0 when not, -1 when the scan cannot go on.
 */
static int
scan_document(struct scan *s)
{
	if (next(s) == -1)
		return -1;
	if (EV(s).type == YAML_MAPPING_START_EVENT)
		return scan_top(s) == -1 ? -1 : 1;
	if (EV(s).type == YAML_SCALAR_EVENT && invcursor_is_null(&s->c))
		/*
		 * "---" alone reads as an empty file, but still counts as
		 * the one document: libcyaml loads only the first.
		 */
		return 0;
	invproblem_add(s->probs, AT(s),
	    "top level must be a mapping of groups (like 'routers:'), found "
	    "%s",
	    invcursor_kind(&s->c));
	if (EV(s).type == YAML_ALIAS_EVENT || skip_node(s) == -1)
		return -1;
	return 0;
}

/* The whole stream, then what needs all of it seen. */
static void
scan_stream(struct scan *s)
{
	int docs = 0, groups = 0, r;

	while (next(s) == 0 && EV(s).type != YAML_STREAM_END_EVENT) {
		if (EV(s).type != YAML_DOCUMENT_START_EVENT)
			continue;
		if (docs++ > 0) {
			invproblem_add(s->probs, AT(s),
			    "only one YAML document is allowed");
			break;
		}
		if ((r = scan_document(s)) == -1)
			break;
		groups |= r;
	}
	if (s->probs->nerrors == 0 && !groups)
		invproblem_add(s->probs, 0, 0,
		    "inventory is empty (no groups of devices)");
	else if (s->probs->nerrors == 0 && s->out->ndevices == 0)
		invproblem_add(s->probs, 0, 0, "no devices in the inventory");
	if (!s->c.failed)
		check_required(s->out);
}

int
invscan_run(
    struct invscan *o, const char *path, const unsigned char *data, size_t len)
{
	struct scan s;

	memset(o, 0, sizeof(*o));
	o->problems.path = path;
	s.out = o;
	s.probs = &o->problems;
	s.v = (struct invvalue){.c = &s.c, .out = o, .probs = &o->problems};
	if (invcursor_init(&s.c, data, len, s.probs) == 0) {
		scan_stream(&s);
		o->doc = invcursor_finish(&s.c, &o->doclen);
	}
	invcursor_free(&s.c);
	return o->problems.nerrors == 0 ? 0 : -1;
}

void
invscan_free(struct invscan *s)
{
	size_t i;

	invproblem_free(&s->problems);
	for (i = 0; i < s->ndata_keys; i++)
		free(s->data_keys[i]);
	free(s->data_keys);
	for (i = 0; i < s->nsecret_vars; i++)
		free(s->secret_vars[i]);
	free(s->secret_vars);
	for (i = 0; i < s->ngroups; i++) {
		free(s->groups[i].name);
		free(s->groups[i].devs);
	}
	free(s->groups);
	if (s->doc != NULL)
		secure_zero(s->doc, s->doclen);
	free(s->doc);
	memset(s, 0, sizeof(*s));
}
