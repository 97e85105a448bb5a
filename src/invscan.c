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

#include <yaml.h>

#include "invcursor.h"
#include "invfield.h"
#include "invscan.h"
#include "util.h"

#define MAX_DEVICES 1000000u
#define MAX_GROUPS 10000u
#define MAX_VALUE_LEN 4096u
#define MAX_COMMANDS 1000u

/* The pass's state: the cursor, and what it learns. */
struct scan {
	struct invscan *out;
	struct invproblems *probs;
	struct invcursor c;
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

/* Skip the current key's value, then the next key's. */
static int
skip_pair(struct scan *s)
{
	if (skip_node(s) == -1 || next(s) == -1)
		return -1;
	return skip_node(s);
}

/* Report that the current event is not what was expected. */
static void
shape_problem(struct scan *s, const char *fmt, const char *ctx)
{
	if (EV(s).type == YAML_ALIAS_EVENT)
		invcursor_alias(&s->c);
	else
		invproblem_add(
		    s->probs, AT(s), fmt, ctx, invcursor_kind(&s->c));
}

/* "${NAME}" as the whole value: return NAME's length, else 0. */
static size_t
env_ref(const char *v, char *name, size_t namesz)
{
	size_t len = strlen(v), n;

	if (len < 4 || v[0] != '$' || v[1] != '{' || v[len - 1] != '}')
		return 0;
	n = len - 3;
	if (n >= namesz || !(isalpha((unsigned char)v[2]) || v[2] == '_'))
		return 0;
	for (size_t i = 2; i < len - 1; i++)
		if (!isalnum((unsigned char)v[i]) && v[i] != '_')
			return 0;
	memcpy(name, v + 2, n);
	name[n] = '\0';
	return n;
}

/* s is UTF-8 (no overlong form, surrogate or code point past U+10FFFF). */
static int
is_utf8(const unsigned char *s)
{
	uint32_t cp;
	size_t n, i;

	while (*s != '\0') {
		if (*s < 0x80) {
			s++;
			continue;
		}
		n = *s >= 0xf0 ? 3 : *s >= 0xe0 ? 2 : *s >= 0xc0 ? 1 : 0;
		if (n == 0 || *s >= 0xf8)
			return 0;
		cp = *s & (0x3f >> n);
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += n + 1;
	}
	return 1;
}

/* The current scalar has a value that fits: 0, else -1 (reported). */
static int
scalar_present(struct scan *s, const char *ctx, const char *name)
{
	const yaml_event_t *ev = &EV(s);
	const char *raw = (const char *)ev->data.scalar.value;

	if (invcursor_is_null(&s->c))
		invproblem_add(s->probs, AT(s), "%s: %s: no value", ctx, name);
	else if (strlen(raw) != ev->data.scalar.length)
		invproblem_add(
		    s->probs, AT(s), "%s: %s: contains a NUL byte", ctx, name);
	else if (ev->data.scalar.length > MAX_VALUE_LEN)
		invproblem_add(s->probs, AT(s),
		    "%s: %s: value is too long (max %u bytes)", ctx, name,
		    MAX_VALUE_LEN);
	else
		return 0;
	return -1;
}

/*
 * The current scalar's value with ${NAME} replaced (the replacement is
 * kept for the document), or NULL when NAME is unset (reported).
 */
static const char *
scalar_resolve(struct scan *s, const char *ctx, const char *name)
{
	const char *raw = (const char *)EV(s).data.scalar.value, *v;
	char var[256];

	if (env_ref(raw, var, sizeof(var)) == 0)
		return raw;
	if ((v = getenv(var)) == NULL) {
		invproblem_add(s->probs, AT(s),
		    "%s: %s: environment variable '%s' is not set", ctx, name,
		    var);
		return NULL;
	}
	/* The loader reads YAML, which is UTF-8 text, like the file. */
	if (!is_utf8((const unsigned char *)v)) {
		invproblem_add(s->probs, AT(s),
		    "%s: %s: environment variable '%s' is not UTF-8 text", ctx,
		    name, var);
		return NULL;
	}
	invcursor_replace(&s->c, v);
	return s->c.value;
}

/* The current event is the scalar value of key k: check it. */
static void
scan_scalar(struct scan *s, const char *ctx, enum invfield_key k)
{
	const char *name = invfield_name(k), *v;
	char *why;

	if (scalar_present(s, ctx, name) == -1 ||
	    (v = scalar_resolve(s, ctx, name)) == NULL)
		return;
	if (s->c.value == NULL && v[0] != '\0' &&
	    invfield_kind(k) == KIND_SECRET)
		s->out->has_passwords = 1;
	if (strlen(v) > MAX_VALUE_LEN) {
		invproblem_add(s->probs, AT(s),
		    "%s: %s: value is too long (max %u bytes)", ctx, name,
		    MAX_VALUE_LEN);
		return;
	}
	if ((why = invfield_check(k, v)) != NULL) {
		invproblem_add(s->probs, AT(s), "%s: %s", ctx, why);
		free(why);
	}
}

/* The current event is one entry n of a commands: list. */
static int
scan_command(struct scan *s, const char *ctx, size_t n)
{
	const char *v;

	if (EV(s).type == YAML_ALIAS_EVENT) {
		invcursor_alias(&s->c);
		return 0;
	}
	if (EV(s).type != YAML_SCALAR_EVENT) {
		invproblem_add(s->probs, AT(s),
		    "%s: commands[%zu]: expected a string, found %s", ctx, n,
		    invcursor_kind(&s->c));
		return skip_node(s);
	}
	v = (const char *)EV(s).data.scalar.value;
	if (invcursor_is_null(&s->c) || v[0] == '\0')
		invproblem_add(s->probs, AT(s),
		    "%s: commands[%zu]: empty command", ctx, n);
	else if (EV(s).data.scalar.length > MAX_VALUE_LEN ||
	    strlen(v) != EV(s).data.scalar.length)
		invproblem_add(s->probs, AT(s),
		    "%s: commands[%zu]: too long or contains a NUL byte", ctx,
		    n);
	return 0;
}

/* The current event starts the commands: value. */
static int
scan_commands(struct scan *s, const char *ctx)
{
	size_t n = 0;

	if (EV(s).type != YAML_SEQUENCE_START_EVENT) {
		shape_problem(s,
		    "%s: commands: expected a list of strings, found %s", ctx);
		return skip_node(s);
	}
	for (;;) {
		if (next(s) == -1)
			return -1;
		if (EV(s).type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (scan_command(s, ctx, n) == -1)
			return -1;
		if (++n == MAX_COMMANDS + 1)
			invproblem_add(s->probs, AT(s),
			    "%s: commands: too many (max %u)", ctx,
			    MAX_COMMANDS);
	}
}

/* The current event is key k's value: check it by its kind. */
static int
scan_value(struct scan *s, const char *ctx, enum invfield_key k)
{
	switch (invfield_kind(k)) {
	case KIND_COMMANDS:
		return scan_commands(s, ctx);
	case KIND_SIM:
		/* A lab file doubles as an inventory; netsim reads it. */
		if (EV(s).type != YAML_MAPPING_START_EVENT)
			shape_problem(s,
			    "%s: sim: expected a mapping of netsim settings, "
			    "found %s",
			    ctx);
		return skip_node(s);
	case KIND_DEVICE_TYPE:
	case KIND_ADDRESS:
	case KIND_WORD:
	case KIND_TEXT:
	case KIND_SECRET:
	case KIND_PORT:
	case KIND_DURATION:
	case KIND_BOOL:
	case KIND_HOSTKEY:
	case KIND_ALGORITHMS:
	case KIND_DEVICE_ERRORS:
	case KIND_PATTERN:
		break;
	}
	if (EV(s).type == YAML_SCALAR_EVENT) {
		scan_scalar(s, ctx, k);
		return 0;
	}
	if (EV(s).type == YAML_ALIAS_EVENT)
		invcursor_alias(&s->c);
	else
		invproblem_add(s->probs, AT(s),
		    "%s: %s: expected a string, found %s", ctx,
		    invfield_name(k), invcursor_kind(&s->c));
	return skip_node(s);
}

/*
 * The current event is a key of a device (or the defaults) holding the
 * keys in mask: 0 and *k when it is one to read, -1 when it was
 * refused (reported).
 */
static int
device_key(struct scan *s, const char *ctx, int is_defaults, invfield_mask mask,
    enum invfield_key *k)
{
	const char *key = (const char *)EV(s).data.scalar.value, *sug;

	if (invfield_find(key, k) == -1) {
		if ((sug = invfield_suggest(key)) != NULL)
			invproblem_add(s->probs, AT(s),
			    "%s: unknown key '%s' (did you mean '%s'?)", ctx,
			    key, sug);
		else
			invproblem_add(
			    s->probs, AT(s), "%s: unknown key '%s'", ctx, key);
	} else if (mask & FIELD_BIT(*k))
		invproblem_add(
		    s->probs, AT(s), "%s: duplicate key '%s'", ctx, key);
	else if (is_defaults && *k == FIELD_NAME)
		invproblem_add(s->probs, AT(s),
		    "%s: 'name' cannot be a default (device names must be "
		    "unique)",
		    ctx);
	else if ((*k == FIELD_IP && (mask & FIELD_BIT(FIELD_HOST))) ||
	    (*k == FIELD_HOST && (mask & FIELD_BIT(FIELD_IP))))
		invproblem_add(s->probs, AT(s),
		    "%s: both 'ip' and 'host' given; use one", ctx);
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
	invfield_mask mask = 0;
	enum invfield_key k;
	int ok;

	for (;;) {
		if (next(s) == -1)
			return -1;
		if (EV(s).type == YAML_MAPPING_END_EVENT)
			break;
		if (EV(s).type != YAML_SCALAR_EVENT) {
			shape_problem(
			    s, "%s: a key must be a string, found %s", ctx);
			if (skip_pair(s) == -1)
				return -1;
			continue;
		}
		ok = device_key(s, ctx, is_defaults, mask, &k) == 0;
		if (ok)
			mask |= FIELD_BIT(k);
		if (next(s) == -1)
			return -1;
		if ((ok ? scan_value(s, ctx, k) : skip_node(s)) == -1)
			return -1;
	}
	*maskp = mask;
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
		shape_problem(s,
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
	for (;;) {
		if (next(s) == -1)
			return -1;
		if (EV(s).type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (scan_group_entry(s, g) == -1)
			return -1;
	}
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
	for (;;) {
		if (next(s) == -1)
			return -1;
		if (EV(s).type == YAML_MAPPING_END_EVENT)
			return 0;
		if (EV(s).type != YAML_SCALAR_EVENT) {
			if (EV(s).type == YAML_ALIAS_EVENT)
				invcursor_alias(&s->c);
			else
				invproblem_add(s->probs, AT(s),
				    "a group name must be a string, found %s",
				    invcursor_kind(&s->c));
			if (skip_pair(s) == -1)
				return -1;
			continue;
		}
		if (scan_group_key(s) == -1)
			return -1;
	}
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
