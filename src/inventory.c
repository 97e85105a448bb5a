/*
 * inventory: load and validate the devices file.
 *
 * The course's format has arbitrary top-level keys (group names), which
 * libcyaml cannot describe statically. So loading is two passes over the
 * same bytes, read once into memory:
 *   1. scan: a libyaml event pass that learns the group names, checks
 *      every key, type and value (strictly: libcyaml 1.3.1 loads "22abc"
 *      as 22 and "010" as 8, and "~" as a literal), refuses aliases
 *      (no billion laughs) and records where each device starts and which
 *      keys it holds. Every problem found is kept with its line and column.
 *   2. load: only when the scan found nothing, a libcyaml schema is built
 *      for exactly those groups (every field loaded as text) and the data
 *      loaded, then converted into struct device: defaults merged, numbers
 *      parsed, ${NAME} values read from the environment, names defaulted,
 *      duplicate names refused.
 * Problems are reported sorted by position, one per line, at most
 * MAX_PROBLEMS of them. Secrets are wiped from every copy we own.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cyaml/cyaml.h>
#include <yaml.h>

#include "inventory.h"
#include "platform.h"
#include "util.h"

#define MAX_FILE_SIZE (512u * 1024 * 1024)
#define MAX_DEVICES 1000000u
#define MAX_GROUPS 10000u
#define MAX_VALUE_LEN 4096u
#define MAX_COMMANDS 1000u
#define MAX_PROBLEMS 100u
#define MAX_MESSAGE 400u /* bytes of one problem, before its "..." */

/* The keys a device (or defaults:) mapping may hold, in bit order. */
enum dev_key {
	K_DEVICE_TYPE,
	K_IP,
	K_HOST,
	K_PORT,
	K_USERNAME,
	K_PASSWORD,
	K_SECRET,
	K_NAME,
	K_TIMEOUT,
	K_READ_TIMEOUT,
	K_KEY_FILE,
	K_PASSPHRASE,
	K_USE_AGENT,
	K_HOST_KEY_CHECK,
	K_ALGORITHMS,
	K_COMMANDS, /* non-scalars last */
	K_SIM,	    /* netsim's knobs for this device: checked, ignored */
	NKEYS
};

#define NSCALARS K_COMMANDS

static const char *const key_names[NKEYS] = {
    "device_type",
    "ip",
    "host",
    "port",
    "username",
    "password",
    "secret",
    "name",
    "timeout",
    "read_timeout",
    "key_file",
    "passphrase",
    "use_agent",
    "host_key_check",
    "algorithms",
    "commands",
    "sim",
};

/* What libcyaml fills for one device: every scalar as text. */
struct raw_device {
	char *v[NSCALARS];
	char **commands;
	unsigned commands_count;
};

struct raw_group {
	struct raw_device *devices;
	unsigned count;
};

struct raw_top {
	struct raw_device *defaults;
	struct raw_group groups[];
};

/* Where a device starts and which keys it holds (from the scan). */
struct dev_pos {
	unsigned line, col;
	uint32_t mask;
};

struct group_info {
	char *name;
	unsigned line, col;
	struct dev_pos *devs;
	size_t ndevs, cap;
};

struct problem {
	unsigned line, col; /* 0 when about the whole file */
	size_t seq;
	char *msg;
};

struct scan {
	const char *path;
	const unsigned char *data;
	size_t len;
	yaml_parser_t parser;
	yaml_event_t ev;
	int have_ev;
	int failed;	    /* syntax error: no more events */
	int alias_reported; /* the current event was reported as an alias */

	struct problem *probs;
	size_t nprobs;
	size_t nerrors; /* including those not kept */

	struct group_info *groups;
	size_t ngroups;
	int have_defaults;
	uint32_t defaults_mask;
	size_t ndevices;
	int has_passwords;
};

static void problem(struct scan *, unsigned, unsigned, const char *, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Messages quote keys and values from the file, which may hold line
 * breaks (a quoted or flow-style key), escape sequences or a megabyte of
 * text: control characters (C0, DEL, C1) become \xNN and the message is
 * cut after MAX_MESSAGE bytes, so each problem stays one short line that
 * cannot drive the terminal.
 */
static char *
message_clean(char *m)
{
	const unsigned char *p = (const unsigned char *)m;
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; p[i] != '\0'; i++) {
		if (b.len >= MAX_MESSAGE && (p[i] & 0xc0) != 0x80) {
			buf_append(&b, "...", 3);
			break;
		}
		if (p[i] < 0x20 || p[i] == 0x7f)
			buf_appendf(&b, "\\x%02x", p[i]);
		else if (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
			buf_appendf(&b, "\\x%02x\\x%02x", p[i], p[i + 1]);
			i++;
		} else
			buf_append(&b, &p[i], 1);
	}
	free(m);
	return buf_steal(&b, NULL);
}

static void
problem(struct scan *s, unsigned line, unsigned col, const char *fmt, ...)
{
	struct problem *p;
	va_list ap;
	char *m;

	s->nerrors++;
	if (s->nprobs >= MAX_PROBLEMS)
		return;
	if (s->probs == NULL)
		s->probs = xcalloc(MAX_PROBLEMS, sizeof(*s->probs));
	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) == -1)
		m = xstrdup("(out of memory)");
	va_end(ap);
	m = message_clean(m);
	p = &s->probs[s->nprobs];
	p->line = line;
	p->col = col;
	p->seq = s->nprobs;
	p->msg = m;
	s->nprobs++;
}

#define MARK(m) (unsigned)((m).line + 1), (unsigned)((m).column + 1)

static int
problem_cmp(const void *a, const void *b)
{
	const struct problem *pa = a, *pb = b;

	if (pa->line != pb->line)
		return pa->line < pb->line ? -1 : 1;
	if (pa->col != pb->col)
		return pa->col < pb->col ? -1 : 1;
	return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

static void
problems_report(struct scan *s, struct buf *err)
{
	size_t i;

	qsort(s->probs, s->nprobs, sizeof(*s->probs), problem_cmp);
	for (i = 0; i < s->nprobs; i++) {
		if (s->probs[i].line == 0)
			buf_appendf(err, "%s: %s\n", s->path, s->probs[i].msg);
		else
			buf_appendf(err, "%s:%u:%u: %s\n", s->path,
			    s->probs[i].line, s->probs[i].col, s->probs[i].msg);
	}
	if (s->nerrors > s->nprobs)
		buf_appendf(err, "%s: %zu more errors not shown\n", s->path,
		    s->nerrors - s->nprobs);
}

/* Line and column (1-based, in characters) of a byte offset. */
static void
offset_position(struct scan *s, size_t off, unsigned *line, unsigned *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && i < s->len; i++) {
		if (s->data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((s->data[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

static void
syntax_problem(struct scan *s)
{
	yaml_parser_t *p = &s->parser;
	const char *what = p->problem != NULL ? p->problem : "unknown error";
	unsigned line, col;
	size_t i;

	/*
	 * What was found before is often a consequence of the same mistake
	 * (a mis-indented key read as part of the previous value): the
	 * syntax error alone is the clearest report.
	 */
	for (i = 0; i < s->nprobs; i++)
		free(s->probs[i].msg);
	s->nprobs = 0;
	s->nerrors = 0;

	if (p->error == YAML_READER_ERROR) {
		offset_position(s, p->problem_offset, &line, &col);
		problem(s, line, col, "YAML syntax error: %s", what);
	} else if (p->error == YAML_MEMORY_ERROR)
		problem(s, 0, 0, "YAML parser out of memory");
	else
		problem(
		    s, MARK(p->problem_mark), "YAML syntax error: %s", what);
}

/* Move to the next event; -1 (reported) on a syntax error. */
static int
next(struct scan *s)
{
	if (s->failed)
		return -1;
	if (s->have_ev) {
		yaml_event_delete(&s->ev);
		s->have_ev = 0;
	}
	s->alias_reported = 0;
	if (!yaml_parser_parse(&s->parser, &s->ev)) {
		syntax_problem(s);
		s->failed = 1;
		return -1;
	}
	s->have_ev = 1;
	return 0;
}

static const char *
kind_name(yaml_event_type_t t)
{
	switch (t) {
	case YAML_SCALAR_EVENT:
		return "a string";
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_ALIAS_EVENT:
		return "an alias";
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_START_EVENT:
	case YAML_DOCUMENT_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		break;
	}
	return "nothing";
}

/* Report an alias (never expanded: no billion laughs). */
static void
alias_problem(struct scan *s)
{
	if (s->alias_reported)
		return;
	s->alias_reported = 1;
	problem(s, MARK(s->ev.start_mark),
	    "aliases are not supported ('*%s'); use 'defaults:' for shared "
	    "values",
	    (const char *)s->ev.data.alias.anchor);
}

/*
 * Skip the node whose first event is current, leaving its last event
 * current. Aliases inside are reported. Returns -1 on a syntax error.
 */
static int
skip_node(struct scan *s)
{
	size_t depth = 0;

	for (;;) {
		switch (s->ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			depth++;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_ALIAS_EVENT:
			alias_problem(s);
			break;
		case YAML_SCALAR_EVENT:
		case YAML_NO_EVENT:
		case YAML_STREAM_START_EVENT:
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		}
		if (depth == 0)
			return 0;
		if (next(s) == -1)
			return -1;
	}
}

static int
is_null_scalar(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return strcmp(v, "") == 0 || strcmp(v, "~") == 0 ||
	    strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
	    strcmp(v, "NULL") == 0;
}

/* Levenshtein distance of two short strings (capped inputs). */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[33], prev, tmp, best;

	if (la > 32 || lb > 32)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

static const char *
suggest_key(const char *key)
{
	size_t i, d, best = 3;
	const char *found = NULL;

	for (i = 0; i < NKEYS; i++) {
		d = edit_distance(key, key_names[i]);
		if (d < best) {
			best = d;
			found = key_names[i];
		}
	}
	return found;
}

static int
find_key(const char *key)
{
	int i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(key, key_names[i]) == 0)
			return i;
	return -1;
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

/* The value after ${NAME} substitution, or NULL when NAME is unset. */
static const char *
resolve(const char *v, char *name, size_t namesz)
{
	if (env_ref(v, name, namesz) == 0)
		return v;
	return getenv(name);
}

static int
parse_port(const char *v, unsigned *port)
{
	unsigned long n = 0;
	size_t i;

	if (v[0] < '1' || v[0] > '9' || strlen(v) > 5)
		return -1;
	for (i = 0; v[i] != '\0'; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		n = n * 10 + (unsigned long)(v[i] - '0');
	}
	if (n > 65535)
		return -1;
	*port = (unsigned)n;
	return 0;
}

static int
parse_bool(const char *v, int *b)
{
	if (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0)
		*b = 1;
	else if (strcasecmp(v, "false") == 0 || strcasecmp(v, "no") == 0)
		*b = 0;
	else
		return -1;
	return 0;
}

static int
parse_hostkey(const char *v, enum hostkey_mode *m)
{
	if (strcmp(v, "strict") == 0)
		*m = HOSTKEY_STRICT;
	else if (strcmp(v, "accept-new") == 0)
		*m = HOSTKEY_ACCEPT_NEW;
	else if (strcmp(v, "off") == 0)
		*m = HOSTKEY_OFF;
	else
		return -1;
	return 0;
}

static int
has_space_or_control(const char *v)
{
	for (; *v != '\0'; v++)
		if (isspace((unsigned char)*v) || iscntrl((unsigned char)*v))
			return 1;
	return 0;
}

static int
has_control(const char *v)
{
	for (; *v != '\0'; v++)
		if (iscntrl((unsigned char)*v) && *v != '\t')
			return 1;
	return 0;
}

/* Validate the current scalar event as the value of key k. */
/*
 * "kex=a,b;hostkey=c;cipher=d;mac=e", any subset, each once: the syntax
 * the session hands to libssh2 (which then says whether it knows the
 * names).
 */
static int
check_algorithms(const char *v)
{
	static const char *const kinds[] = {"kex", "hostkey", "cipher", "mac"};
	unsigned seen = 0;
	const char *p = v;

	if (*p == '\0')
		return -1;
	while (*p != '\0') {
		size_t len = strcspn(p, ";"), klen = strcspn(p, "=");
		size_t k;

		if (klen >= len || klen + 1 == len)
			return -1;
		for (k = 0; k < 4; k++)
			if (strlen(kinds[k]) == klen &&
			    strncmp(p, kinds[k], klen) == 0)
				break;
		if (k == 4 || (seen & (1u << k)))
			return -1;
		seen |= 1u << k;
		p += len;
		if (*p == ';')
			p++;
	}
	return 0;
}

static void
check_scalar(struct scan *s, const char *ctx, enum dev_key k)
{
	const yaml_event_t *ev = &s->ev;
	const char *raw = (const char *)ev->data.scalar.value;
	const char *name = key_names[k], *v;
	unsigned line = (unsigned)ev->start_mark.line + 1;
	unsigned col = (unsigned)ev->start_mark.column + 1;
	char var[256];
	unsigned port;
	int64_t ms;
	int b;
	enum hostkey_mode hk;

	if (is_null_scalar(ev)) {
		problem(s, line, col, "%s: %s: no value", ctx, name);
		return;
	}
	if (strlen(raw) != ev->data.scalar.length) {
		problem(s, line, col, "%s: %s: contains a NUL byte", ctx, name);
		return;
	}
	if (ev->data.scalar.length > MAX_VALUE_LEN) {
		problem(s, line, col,
		    "%s: %s: value is too long (max %u bytes)", ctx, name,
		    MAX_VALUE_LEN);
		return;
	}
	v = resolve(raw, var, sizeof(var));
	if (v == NULL) {
		problem(s, line, col,
		    "%s: %s: environment variable '%s' is not set", ctx, name,
		    var);
		return;
	}
	if (v == raw && v[0] != '\0' &&
	    (k == K_PASSWORD || k == K_SECRET || k == K_PASSPHRASE))
		s->has_passwords = 1;
	if (strlen(v) > MAX_VALUE_LEN) {
		problem(s, line, col,
		    "%s: %s: value is too long (max %u bytes)", ctx, name,
		    MAX_VALUE_LEN);
		return;
	}

	switch (k) {
	case K_DEVICE_TYPE:
		if (platform_find(v) == NULL) {
			struct buf names;

			buf_init(&names);
			platform_names(&names);
			buf_append(&names, "", 1);
			problem(s, line, col,
			    "%s: unknown device_type '%s' (valid: %s)", ctx, v,
			    names.data);
			buf_free(&names);
		}
		break;
	case K_IP:
	case K_HOST:
	case K_USERNAME:
		if (v[0] == '\0')
			problem(s, line, col, "%s: %s: empty value", ctx, name);
		else if (has_space_or_control(v))
			problem(s, line, col,
			    "%s: %s: '%s' contains a space or control "
			    "character",
			    ctx, name, v);
		break;
	case K_NAME:
	case K_KEY_FILE:
		if (v[0] == '\0')
			problem(s, line, col, "%s: %s: empty value", ctx, name);
		else if (has_control(v))
			problem(s, line, col,
			    "%s: %s: contains a control character", ctx, name);
		break;
	case K_PORT:
		if (parse_port(v, &port) == -1)
			problem(s, line, col,
			    "%s: port: '%s' is not a port number (decimal "
			    "1-65535)",
			    ctx, v);
		break;
	case K_TIMEOUT:
	case K_READ_TIMEOUT:
		if (parse_seconds(v, &ms) == -1)
			problem(s, line, col,
			    "%s: %s: '%s' is not a duration (positive decimal "
			    "seconds, like 30 or 2.5)",
			    ctx, name, v);
		break;
	case K_USE_AGENT:
		if (parse_bool(v, &b) == -1)
			problem(s, line, col,
			    "%s: %s: '%s' is not a boolean (true, false, yes "
			    "or no)",
			    ctx, name, v);
		break;
	case K_ALGORITHMS:
		if (check_algorithms(v) == -1)
			problem(s, line, col,
			    "%s: algorithms: '%s' is not a list like "
			    "kex=A,B;hostkey=C;cipher=D;mac=E",
			    ctx, v);
		break;
	case K_HOST_KEY_CHECK:
		if (parse_hostkey(v, &hk) == -1)
			problem(s, line, col,
			    "%s: %s: '%s' is not one of strict, accept-new, "
			    "off",
			    ctx, name, v);
		break;
	case K_PASSWORD:
	case K_SECRET:
	case K_PASSPHRASE:
		break;
	case K_COMMANDS:
	case K_SIM:
	case NKEYS:
		break;
	}
}

/* The current event starts the commands: value. */
static int
scan_commands(struct scan *s, const char *ctx)
{
	size_t n = 0;
	const char *v;

	if (s->ev.type != YAML_SEQUENCE_START_EVENT) {
		if (s->ev.type == YAML_ALIAS_EVENT)
			alias_problem(s);
		else
			problem(s, MARK(s->ev.start_mark),
			    "%s: commands: expected a list of strings, found "
			    "%s",
			    ctx, kind_name(s->ev.type));
		return skip_node(s);
	}
	for (;;) {
		if (next(s) == -1)
			return -1;
		if (s->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (s->ev.type == YAML_ALIAS_EVENT) {
			alias_problem(s);
		} else if (s->ev.type != YAML_SCALAR_EVENT) {
			problem(s, MARK(s->ev.start_mark),
			    "%s: commands[%zu]: expected a string, found %s",
			    ctx, n, kind_name(s->ev.type));
			if (skip_node(s) == -1)
				return -1;
		} else {
			v = (const char *)s->ev.data.scalar.value;
			if (is_null_scalar(&s->ev) || v[0] == '\0')
				problem(s, MARK(s->ev.start_mark),
				    "%s: commands[%zu]: empty command", ctx, n);
			else if (s->ev.data.scalar.length > MAX_VALUE_LEN ||
			    strlen(v) != s->ev.data.scalar.length)
				problem(s, MARK(s->ev.start_mark),
				    "%s: commands[%zu]: too long or contains "
				    "a NUL byte",
				    ctx, n);
		}
		if (++n == MAX_COMMANDS + 1)
			problem(s, MARK(s->ev.start_mark),
			    "%s: commands: too many (max %u)", ctx,
			    MAX_COMMANDS);
	}
}

/*
 * The current event starts a device (or the defaults) mapping. Returns
 * the mask of keys seen through *maskp; -1 on a syntax error.
 */
static int
scan_device(struct scan *s, const char *ctx, int is_defaults, uint32_t *maskp)
{
	uint32_t mask = 0;
	const char *key, *sug;
	int k;

	for (;;) {
		if (next(s) == -1)
			return -1;
		if (s->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (s->ev.type != YAML_SCALAR_EVENT) {
			if (s->ev.type == YAML_ALIAS_EVENT)
				alias_problem(s);
			else
				problem(s, MARK(s->ev.start_mark),
				    "%s: a key must be a string, found %s", ctx,
				    kind_name(s->ev.type));
			if (skip_node(s) == -1 || next(s) == -1 ||
			    skip_node(s) == -1)
				return -1;
			continue;
		}
		key = (const char *)s->ev.data.scalar.value;
		k = find_key(key);
		if (k == -1) {
			sug = suggest_key(key);
			if (sug != NULL)
				problem(s, MARK(s->ev.start_mark),
				    "%s: unknown key '%s' (did you mean "
				    "'%s'?)",
				    ctx, key, sug);
			else
				problem(s, MARK(s->ev.start_mark),
				    "%s: unknown key '%s'", ctx, key);
		} else if (mask & (UINT32_C(1) << k)) {
			problem(s, MARK(s->ev.start_mark),
			    "%s: duplicate key '%s'", ctx, key);
			k = -1;
		} else if (is_defaults && k == K_NAME) {
			problem(s, MARK(s->ev.start_mark),
			    "%s: 'name' cannot be a default (device names "
			    "must be unique)",
			    ctx);
			k = -1;
		} else if ((k == K_IP && (mask & (1u << K_HOST))) ||
		    (k == K_HOST && (mask & (1u << K_IP)))) {
			problem(s, MARK(s->ev.start_mark),
			    "%s: both 'ip' and 'host' given; use one", ctx);
			k = -1;
		}
		if (k != -1)
			mask |= UINT32_C(1) << k;
		if (next(s) == -1)
			return -1;
		if (k == -1) {
			if (skip_node(s) == -1)
				return -1;
		} else if (k == K_COMMANDS) {
			if (scan_commands(s, ctx) == -1)
				return -1;
		} else if (k == K_SIM) {
			/* A lab file doubles as an inventory; netsim reads it. */
			if (s->ev.type != YAML_MAPPING_START_EVENT)
				problem(s, MARK(s->ev.start_mark),
				    "%s: sim: expected a mapping of netsim "
				    "settings, found %s",
				    ctx, kind_name(s->ev.type));
			if (skip_node(s) == -1)
				return -1;
		} else if (s->ev.type == YAML_SCALAR_EVENT) {
			check_scalar(s, ctx, (enum dev_key)k);
		} else {
			if (s->ev.type == YAML_ALIAS_EVENT)
				alias_problem(s);
			else
				problem(s, MARK(s->ev.start_mark),
				    "%s: %s: expected a string, found %s", ctx,
				    key_names[k], kind_name(s->ev.type));
			if (skip_node(s) == -1)
				return -1;
		}
	}
	*maskp = mask;
	return 0;
}

/* The current event starts a group's value. */
static int
scan_group(struct scan *s, struct group_info *g)
{
	char ctx[300];
	struct dev_pos *d;

	if (s->ev.type != YAML_SEQUENCE_START_EVENT) {
		if (s->ev.type == YAML_ALIAS_EVENT)
			alias_problem(s);
		else
			problem(s, MARK(s->ev.start_mark),
			    "%s: a group must be a list of devices, found %s",
			    g->name,
			    is_null_scalar(&s->ev) ? "nothing"
						   : kind_name(s->ev.type));
		return skip_node(s);
	}
	for (;;) {
		if (next(s) == -1)
			return -1;
		if (s->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		snprintf(ctx, sizeof(ctx), "%s[%zu]", g->name, g->ndevs);
		if (g->ndevs == g->cap) {
			g->cap = g->cap ? g->cap * 2 : 16;
			g->devs = xrealloc(g->devs, g->cap * sizeof(*g->devs));
		}
		d = &g->devs[g->ndevs];
		memset(d, 0, sizeof(*d)); /* line 0: not a device */
		if (s->ndevices == MAX_DEVICES) {
			problem(s, MARK(s->ev.start_mark),
			    "too many devices (limit %u)", MAX_DEVICES);
			s->ndevices++;
		}
		if (s->ev.type != YAML_MAPPING_START_EVENT) {
			if (s->ev.type == YAML_ALIAS_EVENT)
				alias_problem(s);
			else
				problem(s, MARK(s->ev.start_mark),
				    "%s: a device must be a mapping of fields, "
				    "found %s",
				    ctx, kind_name(s->ev.type));
			if (skip_node(s) == -1)
				return -1;
			g->ndevs++; /* keep the numbering of later ones */
			continue;
		}
		if (s->ndevices > MAX_DEVICES) {
			if (skip_node(s) == -1)
				return -1;
			continue;
		}
		d->line = (unsigned)s->ev.start_mark.line + 1;
		d->col = (unsigned)s->ev.start_mark.column + 1;
		d->mask = 0;
		g->ndevs++;
		s->ndevices++;
		if (scan_device(s, ctx, 0, &d->mask) == -1)
			return -1;
	}
}

/* Keys every device needs (after defaults) and who misses them. */
static void
check_required(struct scan *s)
{
	static const enum dev_key req[] = {K_DEVICE_TYPE, K_USERNAME};
	struct group_info *g;
	struct dev_pos *d;
	uint32_t m;
	size_t i, j, r;

	for (i = 0; i < s->ngroups; i++) {
		g = &s->groups[i];
		for (j = 0; j < g->ndevs; j++) {
			d = &g->devs[j];
			if (d->line == 0)
				continue; /* not a mapping: reported */
			m = d->mask | s->defaults_mask;
			for (r = 0; r < sizeof(req) / sizeof(req[0]); r++)
				if (!(m & (UINT32_C(1) << req[r])))
					problem(s, d->line, d->col,
					    "%s[%zu]: missing required field "
					    "'%s'",
					    g->name, j, key_names[req[r]]);
			if (!(m &
				((UINT32_C(1) << K_IP) |
				    (UINT32_C(1) << K_HOST))))
				problem(s, d->line, d->col,
				    "%s[%zu]: missing required field 'ip' (or "
				    "'host')",
				    g->name, j);
		}
	}
}

/* The top-level mapping's contents, current event being its start. */
static int
scan_top(struct scan *s)
{
	struct group_info *g;
	const char *key;
	unsigned line, col;
	size_t i;

	for (;;) {
		if (next(s) == -1)
			return -1;
		if (s->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (s->ev.type != YAML_SCALAR_EVENT) {
			if (s->ev.type == YAML_ALIAS_EVENT)
				alias_problem(s);
			else
				problem(s, MARK(s->ev.start_mark),
				    "a group name must be a string, found %s",
				    kind_name(s->ev.type));
			if (skip_node(s) == -1 || next(s) == -1 ||
			    skip_node(s) == -1)
				return -1;
			continue;
		}
		key = (const char *)s->ev.data.scalar.value;
		line = (unsigned)s->ev.start_mark.line + 1;
		col = (unsigned)s->ev.start_mark.column + 1;
		if (strcmp(key, "defaults") == 0) {
			if (s->have_defaults) {
				problem(
				    s, line, col, "duplicate key 'defaults'");
				if (next(s) == -1 || skip_node(s) == -1)
					return -1;
				continue;
			}
			s->have_defaults = 1;
			if (next(s) == -1)
				return -1;
			if (s->ev.type != YAML_MAPPING_START_EVENT) {
				problem(s, MARK(s->ev.start_mark),
				    "defaults: expected a mapping of fields, "
				    "found %s",
				    kind_name(s->ev.type));
				if (skip_node(s) == -1)
					return -1;
				continue;
			}
			if (scan_device(s, "defaults", 1, &s->defaults_mask) ==
			    -1)
				return -1;
			continue;
		}
		for (i = 0; i < s->ngroups; i++)
			if (strcmp(s->groups[i].name, key) == 0)
				break;
		if (i < s->ngroups || key[0] == '\0' ||
		    strlen(key) != s->ev.data.scalar.length ||
		    strlen(key) > 255 || s->ngroups == MAX_GROUPS) {
			if (i < s->ngroups)
				problem(s, line, col,
				    "duplicate group '%s' (first at line %u)",
				    key, s->groups[i].line);
			else if (s->ngroups == MAX_GROUPS)
				problem(s, line, col,
				    "too many groups (limit %u)", MAX_GROUPS);
			else
				problem(s, line, col, "invalid group name");
			if (next(s) == -1 || skip_node(s) == -1)
				return -1;
			continue;
		}
		if (s->ngroups % 16 == 0)
			s->groups = xrealloc(
			    s->groups, (s->ngroups + 16) * sizeof(*s->groups));
		g = &s->groups[s->ngroups++];
		memset(g, 0, sizeof(*g));
		g->name = xstrdup(key);
		g->line = line;
		g->col = col;
		if (next(s) == -1 || scan_group(s, g) == -1)
			return -1;
	}
}

/* The whole stream. Returns 0 when no problem was found. */
static int
scan_file(struct scan *s)
{
	int docs = 0, groups = 0;

	if (!yaml_parser_initialize(&s->parser)) {
		problem(s, 0, 0, "YAML parser out of memory");
		return -1;
	}
	yaml_parser_set_input_string(&s->parser, s->data, s->len);
	while (next(s) == 0 && s->ev.type != YAML_STREAM_END_EVENT) {
		if (s->ev.type != YAML_DOCUMENT_START_EVENT)
			continue;
		if (docs++ > 0) {
			problem(s, MARK(s->ev.start_mark),
			    "only one YAML document is allowed");
			break;
		}
		if (next(s) == -1)
			break;
		if (s->ev.type == YAML_MAPPING_START_EVENT) {
			groups = 1;
			if (scan_top(s) == -1)
				break;
		} else if (s->ev.type == YAML_SCALAR_EVENT &&
		    is_null_scalar(&s->ev)) {
			/*
			 * "---" alone reads as an empty file, but still counts
			 * as the one document: libcyaml loads only the first.
			 */
		} else {
			problem(s, MARK(s->ev.start_mark),
			    "top level must be a mapping of groups (like "
			    "'routers:'), found %s",
			    kind_name(s->ev.type));
			if (s->ev.type == YAML_ALIAS_EVENT ||
			    skip_node(s) == -1)
				break;
		}
	}
	if (s->have_ev) {
		yaml_event_delete(&s->ev);
		s->have_ev = 0;
	}
	yaml_parser_delete(&s->parser);
	if (s->nerrors == 0 && !groups)
		problem(s, 0, 0, "inventory is empty (no groups of devices)");
	else if (s->nerrors == 0 && s->ndevices == 0)
		problem(s, 0, 0, "no devices in the inventory");
	if (!s->failed)
		check_required(s);
	return s->nerrors == 0 ? 0 : -1;
}

static void
scan_free(struct scan *s)
{
	size_t i;

	for (i = 0; i < s->nprobs; i++)
		free(s->probs[i].msg);
	free(s->probs);
	for (i = 0; i < s->ngroups; i++) {
		free(s->groups[i].name);
		free(s->groups[i].devs);
	}
	free(s->groups);
}

/* Read the whole file (bounded); -1 with the message in err. */
static int
read_file(
    const char *path, unsigned char **datap, size_t *lenp, struct buf *err)
{
	struct stat st;
	unsigned char *data = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		buf_appendf(err, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		buf_appendf(err, "%s: %s\n", path, strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		buf_appendf(err, "%s: %s\n", path, strerror(EISDIR));
		goto out;
	}
	for (;;) {
		if (len == cap) {
			if (cap > MAX_FILE_SIZE) {
				buf_appendf(err,
				    "%s: file is too large (max %u MiB)\n",
				    path, MAX_FILE_SIZE / (1024 * 1024));
				goto out;
			}
			cap = cap ? cap * 2 : 65536;
			data = xrealloc(data, cap + 1);
		}
		n = read(fd, data + len, cap - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			buf_appendf(err, "%s: %s\n", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > MAX_FILE_SIZE) {
		buf_appendf(err, "%s: file is too large (max %u MiB)\n", path,
		    MAX_FILE_SIZE / (1024 * 1024));
		goto out;
	}
	data = data == NULL ? xmalloc(1) : data;
	data[len] = '\0';
	*datap = data;
	*lenp = len;
	data = NULL;
	rc = 0;
out:
	if (data != NULL) {
		secure_zero(data, cap);
		free(data);
	}
	close(fd);
	return rc;
}

/* libcyaml's messages, kept (first lines only) for the rare failure. */
static void
cyaml_log_capture(cyaml_log_t level, void *ctx, const char *fmt, va_list ap)
{
	struct buf *b = ctx;
	char line[512];

	(void)level;
	if (b->len > 2048)
		return;
	vsnprintf(line, sizeof(line), fmt, ap);
	buf_append(b, line, strlen(line));
}

static const cyaml_schema_value_t command_schema = {
    CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

/*
 * The schema for the groups scanned: device fields (all text), one
 * sequence field per group at its offset in struct raw_top, and
 * defaults. fields must hold NKEYS + 1 and tops ngroups + 2 entries.
 */
static void
build_schema(const struct scan *s, cyaml_schema_field_t *dev_fields,
    cyaml_schema_value_t *dev_value, cyaml_schema_field_t *top_fields,
    cyaml_schema_value_t *top_value)
{
	size_t i, n = 0;

	memset(dev_fields, 0, (NKEYS + 1) * sizeof(*dev_fields));
	for (i = 0; i < NSCALARS; i++) {
		dev_fields[i].key = key_names[i];
		dev_fields[i].data_offset =
		    (uint32_t)(offsetof(struct raw_device, v) +
			i * sizeof(char *));
		dev_fields[i].value.type = CYAML_STRING;
		dev_fields[i].value.flags =
		    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL;
		dev_fields[i].value.data_size = sizeof(char);
		dev_fields[i].value.string.min = 0;
		dev_fields[i].value.string.max = CYAML_UNLIMITED;
	}
	dev_fields[K_COMMANDS] = (cyaml_schema_field_t)CYAML_FIELD_SEQUENCE(
	    "commands", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct raw_device, commands, &command_schema, 0, MAX_COMMANDS);
	dev_fields[K_SIM] = (cyaml_schema_field_t)CYAML_FIELD_IGNORE(
	    "sim", CYAML_FLAG_OPTIONAL);
	*dev_value = (cyaml_schema_value_t){
	    CYAML_VALUE_MAPPING(
		CYAML_FLAG_DEFAULT, struct raw_device, dev_fields),
	};

	memset(top_fields, 0, (s->ngroups + 2) * sizeof(*top_fields));
	if (s->have_defaults) {
		top_fields[n].key = "defaults";
		top_fields[n].data_offset = offsetof(struct raw_top, defaults);
		top_fields[n].value = (cyaml_schema_value_t){
		    CYAML_VALUE_MAPPING(
			CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			struct raw_device, dev_fields),
		};
		n++;
	}
	for (i = 0; i < s->ngroups; i++, n++) {
		top_fields[n].key = s->groups[i].name;
		top_fields[n].data_offset =
		    (uint32_t)(offsetof(struct raw_top, groups) +
			i * sizeof(struct raw_group));
		top_fields[n].count_offset =
		    (uint32_t)(top_fields[n].data_offset +
			offsetof(struct raw_group, count));
		top_fields[n].count_size = sizeof(unsigned);
		top_fields[n].value = (cyaml_schema_value_t){
		    CYAML_VALUE_SEQUENCE(CYAML_FLAG_POINTER, struct raw_device,
			dev_value, 0, MAX_DEVICES),
		};
	}
	*top_value = (cyaml_schema_value_t){
	    .type = CYAML_MAPPING,
	    .flags = CYAML_FLAG_POINTER,
	    .data_size = (uint32_t)(offsetof(struct raw_top, groups) +
		s->ngroups * sizeof(struct raw_group)),
	    .mapping = {.fields = top_fields},
	};
}

static void
raw_wipe(struct raw_device *r)
{
	static const enum dev_key secret[] = {
	    K_PASSWORD, K_SECRET, K_PASSPHRASE};
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < sizeof(secret) / sizeof(secret[0]); i++)
		if (r->v[secret[i]] != NULL)
			secure_zero(r->v[secret[i]], strlen(r->v[secret[i]]));
}

/* A device's value for k: its own, else the default, env resolved. */
static char *
value_of(
    const struct raw_device *r, const struct raw_device *def, enum dev_key k)
{
	const char *v = r->v[k];
	char var[256];

	if (v == NULL && def != NULL)
		v = def->v[k];
	if (v == NULL)
		return NULL;
	v = resolve(v, var, sizeof(var));
	return v == NULL ? NULL : xstrdup(v); /* unset: caught by the scan */
}

static void
device_clear(struct device *d)
{
	size_t i;

	free(d->name);
	free(d->group);
	free(d->host);
	free(d->device_type);
	free(d->username);
	free_secret(d->password);
	free_secret(d->secret);
	free(d->key_file);
	free(d->algorithms);
	free_secret(d->passphrase);
	for (i = 0; i < d->ncommands; i++)
		free(d->commands[i]);
	free(d->commands);
	memset(d, 0, sizeof(*d));
}

static void
device_fill(struct device *d, const char *group, const struct raw_device *r,
    const struct raw_device *def, uint32_t mask)
{
	const struct raw_device *cs;
	char *v;
	size_t i;

	d->group = xstrdup(group);
	d->device_type = value_of(r, def, K_DEVICE_TYPE);
	d->platform = platform_find(d->device_type);
	/* The device's own ip or host wins over either default. */
	if (r->v[K_IP] != NULL || r->v[K_HOST] != NULL)
		d->host = value_of(r, NULL, r->v[K_IP] ? K_IP : K_HOST);
	else
		d->host = value_of(r, def,
		    def != NULL && def->v[K_IP] != NULL ? K_IP : K_HOST);
	d->port = 22;
	if ((v = value_of(r, def, K_PORT)) != NULL) {
		(void)parse_port(v, &d->port);
		free(v);
	}
	d->username = value_of(r, def, K_USERNAME);
	d->password = value_of(r, def, K_PASSWORD);
	d->secret = value_of(r, def, K_SECRET);
	d->key_file = value_of(r, def, K_KEY_FILE);
	d->algorithms = value_of(r, def, K_ALGORITHMS);
	d->passphrase = value_of(r, def, K_PASSPHRASE);
	if ((v = value_of(r, def, K_USE_AGENT)) != NULL) {
		(void)parse_bool(v, &d->use_agent);
		free(v);
	}
	if ((v = value_of(r, def, K_HOST_KEY_CHECK)) != NULL) {
		(void)parse_hostkey(v, &d->host_key_check);
		free(v);
	}
	if ((v = value_of(r, def, K_TIMEOUT)) != NULL) {
		(void)parse_seconds(v, &d->timeout_ms);
		free(v);
	}
	if ((v = value_of(r, def, K_READ_TIMEOUT)) != NULL) {
		(void)parse_seconds(v, &d->read_timeout_ms);
		free(v);
	}
	cs = (mask & (UINT32_C(1) << K_COMMANDS)) || def == NULL ? r : def;
	if (cs->commands_count > 0) {
		d->commands = xcalloc(cs->commands_count, sizeof(char *));
		for (i = 0; i < cs->commands_count; i++)
			d->commands[i] = xstrdup(cs->commands[i]);
		d->ncommands = cs->commands_count;
	}
	d->name = value_of(r, NULL, K_NAME);
	if (d->name == NULL)
		d->name = d->port == 22 ? xstrdup(d->host)
					: xasprintf("%s:%u", d->host, d->port);
}

struct name_ref {
	const char *name;
	size_t index;
};

static int
name_ref_cmp(const void *a, const void *b)
{
	const struct name_ref *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Report every device whose name an earlier device already has. */
static void
check_duplicates(struct scan *s, struct inventory *inv,
    const struct dev_pos **pos, const size_t *gindex)
{
	struct name_ref *refs;
	size_t i, first = 0;
	const struct device *d, *f;

	refs = xcalloc(inv->ndevices ? inv->ndevices : 1, sizeof(*refs));
	for (i = 0; i < inv->ndevices; i++) {
		refs[i].name = inv->devices[i].name;
		refs[i].index = i;
	}
	qsort(refs, inv->ndevices, sizeof(*refs), name_ref_cmp);
	for (i = 1; i < inv->ndevices; i++) {
		if (strcmp(refs[i].name, refs[i - 1].name) != 0) {
			first = i;
			continue;
		}
		d = &inv->devices[refs[i].index];
		f = &inv->devices[refs[first].index];
		problem(s, pos[refs[i].index]->line, pos[refs[i].index]->col,
		    "%s[%zu]: duplicate device name '%s' (first: %s[%zu], "
		    "line %u)",
		    d->group, gindex[refs[i].index], d->name, f->group,
		    gindex[refs[first].index], pos[refs[first].index]->line);
	}
	free(refs);
}

/* Load with libcyaml through the runtime schema and convert. */
static int
load_devices(struct scan *s, struct inventory *inv, struct buf *err)
{
	cyaml_schema_field_t dev_fields[NKEYS + 1], *top_fields;
	cyaml_schema_value_t dev_value, top_value;
	cyaml_config_t cfg;
	cyaml_err_t cerr;
	struct raw_top *top = NULL;
	struct buf log;
	const struct dev_pos **pos = NULL;
	size_t *gindex = NULL;
	size_t i, j, n;
	int rc = -1;

	buf_init(&log);
	top_fields = xcalloc(s->ngroups + 2, sizeof(*top_fields));
	build_schema(s, dev_fields, &dev_value, top_fields, &top_value);
	memset(&cfg, 0, sizeof(cfg));
	cfg.log_fn = cyaml_log_capture;
	cfg.log_ctx = &log;
	cfg.mem_fn = cyaml_mem;
	cfg.log_level = CYAML_LOG_ERROR;
	cfg.flags = CYAML_CFG_NO_ALIAS;
	cerr = cyaml_load_data(
	    s->data, s->len, &cfg, &top_value, (cyaml_data_t **)&top, NULL);
	if (cerr != CYAML_OK || top == NULL) {
		/* The scan should have caught it: say what libcyaml said. */
		buf_appendf(
		    err, "%s: libcyaml: %s", s->path, cyaml_strerror(cerr));
		if (log.len > 0)
			buf_appendf(err, ": %.*s", (int)strcspn(log.data, "\n"),
			    log.data);
		buf_appendf(err, "\n");
		goto out;
	}

	inv->devices = xcalloc(s->ndevices, sizeof(*inv->devices));
	pos = xcalloc(s->ndevices, sizeof(*pos));
	gindex = xcalloc(s->ndevices, sizeof(*gindex));
	n = 0;
	for (i = 0; i < s->ngroups; i++) {
		for (j = 0; j < top->groups[i].count && n < s->ndevices; j++) {
			device_fill(&inv->devices[n], s->groups[i].name,
			    &top->groups[i].devices[j], top->defaults,
			    s->groups[i].devs[j].mask);
			inv->devices[n].index = n;
			pos[n] = &s->groups[i].devs[j];
			gindex[n] = j;
			n++;
		}
	}
	inv->ndevices = n;
	check_duplicates(s, inv, pos, gindex);
	if (s->nerrors > 0) {
		problems_report(s, err);
		goto out;
	}
	rc = 0;
out:
	if (top != NULL) {
		raw_wipe(top->defaults);
		for (i = 0; i < s->ngroups; i++)
			for (j = 0; j < top->groups[i].count; j++)
				raw_wipe(&top->groups[i].devices[j]);
		cyaml_free(&cfg, &top_value, top, 0);
	}
	free(top_fields);
	free(pos);
	free(gindex);
	buf_free(&log);
	return rc;
}

int
inventory_load(const char *path, struct inventory *inv, struct buf *err)
{
	struct scan s;
	unsigned char *data = NULL;
	size_t len = 0;
	int rc = -1;

	memset(inv, 0, sizeof(*inv));
	memset(&s, 0, sizeof(s));
	s.path = path;
	if (read_file(path, &data, &len, err) == -1)
		return -1;
	s.data = data;
	s.len = len;
	if (scan_file(&s) == -1) {
		problems_report(&s, err);
		goto out;
	}
	inv->path = xstrdup(path);
	inv->has_passwords = s.has_passwords;
	if (load_devices(&s, inv, err) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		inventory_free(inv);
	scan_free(&s);
	secure_zero(data, len);
	free(data);
	return rc;
}

static int
device_matches(const struct device *d, const char *pat)
{
	return fnmatch(pat, d->name, 0) == 0 ||
	    fnmatch(pat, d->group, 0) == 0 || fnmatch(pat, d->host, 0) == 0;
}

size_t
inventory_select(struct inventory *inv, char *const *patterns, size_t npatterns)
{
	size_t i, j, kept = 0;
	int have_positive = 0, keep;

	for (j = 0; j < npatterns; j++)
		if (patterns[j][0] != '!')
			have_positive = 1;
	for (i = 0; i < inv->ndevices; i++) {
		keep = !have_positive;
		for (j = 0; j < npatterns && !keep; j++)
			if (patterns[j][0] != '!' &&
			    device_matches(&inv->devices[i], patterns[j]))
				keep = 1;
		for (j = 0; j < npatterns && keep; j++)
			if (patterns[j][0] == '!' &&
			    device_matches(&inv->devices[i], patterns[j] + 1))
				keep = 0;
		if (!keep) {
			device_clear(&inv->devices[i]);
			continue;
		}
		if (kept != i) {
			inv->devices[kept] = inv->devices[i];
			memset(&inv->devices[i], 0, sizeof(inv->devices[i]));
		}
		inv->devices[kept].index = kept;
		kept++;
	}
	inv->ndevices = kept;
	return kept;
}

void
inventory_free(struct inventory *inv)
{
	size_t i;

	if (inv == NULL)
		return;
	for (i = 0; i < inv->ndevices; i++)
		device_clear(&inv->devices[i]);
	free(inv->devices);
	free(inv->path);
	memset(inv, 0, sizeof(*inv));
}

char *const *
device_commands(
    const struct device *d, char *const *dflt, size_t ndflt, size_t *n)
{
	if (d->ncommands > 0) {
		*n = d->ncommands;
		return d->commands;
	}
	*n = ndflt;
	return dflt;
}
