/*
 * invvalue: the scan of one key's value, for invscan. A scalar is checked
 * for presence, NUL bytes and length, its "${NAME}" replaced by the
 * environment's value (which must be UTF-8 text, as the document the
 * loader reads is YAML) and handed to invfield_check(); a list
 * (commands:, error_pattern:) and a mapping (data:, sim:) are walked
 * entry by entry. Problems are recorded with the position of the value
 * that has them.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invcursor.h"
#include "invfield.h"
#include "invvalue.h"
#include "util.h"

#define MAX_VALUE_LEN 4096u
#define MAX_COMMANDS 1000u
#define MAX_PATTERNS 100u
#define MAX_DATA_KEYS 1000u

#define AT(s) INVCURSOR_AT((s)->c)
#define EV(s) ((s)->c->ev)

static int
next(struct invvalue *s)
{
	return invcursor_next(s->c);
}

static int
skip_node(struct invvalue *s)
{
	return invcursor_skip(s->c);
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
scalar_present(struct invvalue *s, const char *ctx, const char *name)
{
	const yaml_event_t *ev = &EV(s);
	const char *raw = (const char *)ev->data.scalar.value;

	if (invcursor_is_null(s->c))
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
scalar_resolve(struct invvalue *s, const char *ctx, const char *name)
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
	invcursor_replace(s->c, v);
	return s->c->value;
}

/* Remember the variable a ${NAME} secret came from (raw: the value). */
static void
secret_var(struct invscan *o, const char *raw)
{
	char var[256];
	size_t i;

	if (env_ref(raw, var, sizeof(var)) == 0)
		return;
	for (i = 0; i < o->nsecret_vars; i++)
		if (strcmp(o->secret_vars[i], var) == 0)
			return;
	if (o->nsecret_vars % 16 == 0)
		o->secret_vars = xrealloc(o->secret_vars,
		    (o->nsecret_vars + 16) * sizeof(*o->secret_vars));
	o->secret_vars[o->nsecret_vars++] = xstrdup(var);
}

/* The current event is the scalar value of key k: check it. */
static void
scan_scalar(
    struct invvalue *s, const char *ctx, enum invfield_key k, const char *name)
{
	const char *v;
	char *why;

	if (scalar_present(s, ctx, name) == -1 ||
	    (v = scalar_resolve(s, ctx, name)) == NULL)
		return;
	if (s->c->value == NULL && v[0] != '\0' &&
	    invfield_kind(k) == KIND_SECRET)
		s->out->has_passwords = 1;
	if (s->c->value != NULL && invfield_kind(k) == KIND_SECRET)
		secret_var(s->out, (const char *)EV(s).data.scalar.value);
	if (strlen(v) > MAX_VALUE_LEN) {
		invproblem_add(s->probs, AT(s),
		    "%s: %s: value is too long (max %u bytes)", ctx, name,
		    MAX_VALUE_LEN);
		return;
	}
	if ((why = invfield_check(k, name, v)) != NULL) {
		invproblem_add(s->probs, AT(s), "%s: %s", ctx, why);
		free(why);
	}
}

/* The current event is one entry n of a commands: list. */
static int
scan_command(struct invvalue *s, const char *ctx, size_t n)
{
	const char *v;

	if (EV(s).type == YAML_ALIAS_EVENT) {
		invcursor_alias(s->c);
		return 0;
	}
	if (EV(s).type != YAML_SCALAR_EVENT) {
		invproblem_add(s->probs, AT(s),
		    "%s: commands[%zu]: expected a string, found %s", ctx, n,
		    invcursor_kind(s->c));
		return skip_node(s);
	}
	v = (const char *)EV(s).data.scalar.value;
	if (invcursor_is_null(s->c) || v[0] == '\0')
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
scan_commands(struct invvalue *s, const char *ctx)
{
	size_t n = 0;
	int r;

	if (EV(s).type != YAML_SEQUENCE_START_EVENT) {
		invcursor_shape_problem(s->c,
		    "%s: commands: expected a list of strings, found %s", ctx);
		return skip_node(s);
	}
	while ((r = invcursor_next_in(s->c)) == 1) {
		if (scan_command(s, ctx, n) == -1)
			return -1;
		if (++n == MAX_COMMANDS + 1)
			invproblem_add(s->probs, AT(s),
			    "%s: commands: too many (max %u)", ctx,
			    MAX_COMMANDS);
	}
	return r;
}

/*
 * The current event starts an error_pattern: value, one pattern or a
 * list of them. One pattern goes into the document as a list of one, so
 * the loader reads a single shape.
 */
static int
scan_patterns(struct invvalue *s, const char *ctx, const char *name)
{
	char item[64];
	size_t n;
	int r;

	if (EV(s).type == YAML_SCALAR_EVENT) {
		invcursor_wrap(s->c);
		scan_scalar(s, ctx, FIELD_ERROR_PATTERN, name);
		return 0;
	}
	if (EV(s).type != YAML_SEQUENCE_START_EVENT) {
		invcursor_shape_problem(s->c,
		    "%s: error_pattern: expected a pattern or a list of them, "
		    "found %s",
		    ctx);
		return skip_node(s);
	}
	for (n = 0; (r = invcursor_next_in(s->c)) == 1; n++) {
		snprintf(item, sizeof(item), "%s[%zu]", name, n);
		if (n == MAX_PATTERNS)
			invproblem_add(s->probs, AT(s),
			    "%s: %s: too many patterns (max %u)", ctx, name,
			    MAX_PATTERNS);
		if (EV(s).type == YAML_SCALAR_EVENT)
			scan_scalar(s, ctx, FIELD_ERROR_PATTERN, item);
		else {
			invcursor_shape_problem(
			    s->c, "%s: expected a pattern, found %s", ctx);
			if (skip_node(s) == -1)
				return -1;
		}
	}
	return r;
}

/* Add key to the file's data: keys (first appearance first). */
static void
data_key_add(struct invvalue *s, const char *key)
{
	struct invscan *o = s->out;
	size_t i;

	for (i = 0; i < o->ndata_keys; i++)
		if (strcmp(o->data_keys[i], key) == 0)
			return;
	if (o->ndata_keys == MAX_DATA_KEYS) {
		invproblem_add(s->probs, AT(s),
		    "too many different data: keys (limit %u)", MAX_DATA_KEYS);
		return;
	}
	if (o->ndata_keys % 16 == 0)
		o->data_keys = xrealloc(
		    o->data_keys, (o->ndata_keys + 16) * sizeof(*o->data_keys));
	o->data_keys[o->ndata_keys++] = xstrdup(key);
}

/*
 * The current event is a data: key, after the keys in seen[0..n): 0 when
 * its value is to be read, -1 when refused (reported).
 */
/* name in capitals, in buf (a data key: at most 64 bytes). */
static const char *
upper(const char *name, char *buf)
{
	size_t i;

	for (i = 0; name[i] != '\0' && i < 64; i++)
		buf[i] = (char)toupper((unsigned char)name[i]);
	buf[i] = '\0';
	return buf;
}

static int
data_key_ok(struct invvalue *s, const char *ctx, char **seen, size_t n)
{
	const char *key = (const char *)EV(s).data.scalar.value;
	char var[65];
	size_t i;

	if (invfield_data_key(key) == -1) {
		invproblem_add(s->probs, AT(s),
		    "%s: data: '%s' cannot name a variable (letters, digits "
		    "and '_', at most 64, not starting with a digit)",
		    ctx, key);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (strcasecmp(seen[i], key) == 0) {
			if (strcmp(seen[i], key) == 0)
				invproblem_add(s->probs, AT(s),
				    "%s: data: duplicate key '%s'", ctx, key);
			else
				invproblem_add(s->probs, AT(s),
				    "%s: data: '%s' and '%s' would both be "
				    "NC_DATA_%s",
				    ctx, seen[i], key, upper(seen[i], var));
			return -1;
		}
	return 0;
}

/* The current event is a data: key's value. */
static int
scan_data_value(struct invvalue *s, const char *ctx, const char *key)
{
	char name[80];

	snprintf(name, sizeof(name), "data.%s", key);
	if (EV(s).type == YAML_SCALAR_EVENT) {
		scan_scalar(s, ctx, FIELD_DATA, name);
		return 0;
	}
	if (EV(s).type == YAML_ALIAS_EVENT)
		invcursor_alias(s->c);
	else
		invproblem_add(s->probs, AT(s),
		    "%s: %s: expected a string, number or boolean, found %s",
		    ctx, name, invcursor_kind(s->c));
	return skip_node(s);
}

/*
 * The current event starts a data: value: a mapping of names to scalars,
 * free-form (like Nornir's), for --pipe and the json output.
 */
static int
scan_data(struct invvalue *s, const char *ctx)
{
	char **seen = NULL;
	size_t n = 0, i;
	int ok, rc = -1;

	if (EV(s).type != YAML_MAPPING_START_EVENT) {
		invcursor_shape_problem(s->c,
		    "%s: data: expected a mapping of names to values, found %s",
		    ctx);
		return skip_node(s);
	}
	for (;;) {
		if (next(s) == -1)
			goto out;
		if (EV(s).type == YAML_MAPPING_END_EVENT)
			break;
		if (EV(s).type != YAML_SCALAR_EVENT) {
			invcursor_shape_problem(s->c,
			    "%s: data: a key must be a string, found %s", ctx);
			if (invcursor_skip_pair(s->c) == -1)
				goto out;
			continue;
		}
		ok = data_key_ok(s, ctx, seen, n) == 0;
		if (ok) {
			data_key_add(s, (const char *)EV(s).data.scalar.value);
			seen = xrealloc(seen, (n + 1) * sizeof(*seen));
			seen[n++] =
			    xstrdup((const char *)EV(s).data.scalar.value);
		}
		if (next(s) == -1)
			goto out;
		if ((ok ? scan_data_value(s, ctx, seen[n - 1])
			: skip_node(s)) == -1)
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(seen[i]);
	free(seen);
	return rc;
}

int
invvalue_scan(
    struct invvalue *s, const char *ctx, enum invfield_key k, const char *name)
{
	switch (invfield_kind(k)) {
	case KIND_COMMANDS:
		return scan_commands(s, ctx);
	case KIND_PATTERNS:
		return scan_patterns(s, ctx, name);
	case KIND_DATA:
		return scan_data(s, ctx);
	case KIND_SIM:
		/* A lab file doubles as an inventory; netsim reads it. */
		if (EV(s).type != YAML_MAPPING_START_EVENT)
			invcursor_shape_problem(s->c,
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
	case KIND_DEVERRORS:
	case KIND_ALGORITHMS:
		break;
	}
	if (EV(s).type == YAML_SCALAR_EVENT) {
		scan_scalar(s, ctx, k, name);
		return 0;
	}
	if (EV(s).type == YAML_ALIAS_EVENT)
		invcursor_alias(s->c);
	else
		invproblem_add(s->probs, AT(s),
		    "%s: %s: expected a string, found %s", ctx, name,
		    invcursor_kind(s->c));
	return skip_node(s);
}
