/*
 * invload: libcyaml 1.3.1 driven by a schema built at run time. The
 * device mapping's fields come from invfield's spellings: one per key at
 * its member of struct invload_device, typed (strings, a uint16 port,
 * bools, enums from the keyword tables, lists; other spellings of a key
 * never reach the document, the scan writes ours), and an ignored field
 * per Netmiko setting; "data" is a mapping with a field per
 * data: key the scan found. The top-level mapping gets one sequence field
 * per group the scan found, at its slot in struct top, plus "defaults".
 * The schema lives as long as the data, since libcyaml frees through it.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cyaml/cyaml.h>

#include "invfield.h"
#include "invload.h"
#include "keyword.h"
#include "util.h"

#define MAX_DEVICES 1000000u
#define MAX_COMMANDS 1000u
#define MAX_PATTERNS 100u
#define MAX_WORDS 8u

struct group {
	struct invload_device *devices;
	unsigned count;
};

struct top {
	struct invload_device *defaults;
	struct group groups[];
};

struct invload {
	size_t ngroups;
	cyaml_strval_t hostkey[MAX_WORDS];
	cyaml_strval_t deverrors[MAX_WORDS];
	cyaml_schema_field_t *dev_fields; /* one per spelling, then the end */
	cyaml_schema_field_t *data_fields;
	cyaml_schema_value_t dev_value;
	cyaml_schema_field_t *top_fields;
	cyaml_schema_value_t top_value;
	cyaml_config_t cfg;
	struct top *top;
	struct buf log;
};

static const size_t offsets[FIELD_COUNT] = {
    [FIELD_DEVICE_TYPE] = offsetof(struct invload_device, device_type),
    [FIELD_IP] = offsetof(struct invload_device, ip),
    [FIELD_HOST] = offsetof(struct invload_device, host),
    [FIELD_PORT] = offsetof(struct invload_device, port),
    [FIELD_USERNAME] = offsetof(struct invload_device, username),
    [FIELD_PASSWORD] = offsetof(struct invload_device, password),
    [FIELD_SECRET] = offsetof(struct invload_device, secret),
    [FIELD_NAME] = offsetof(struct invload_device, name),
    [FIELD_TIMEOUT] = offsetof(struct invload_device, timeout),
    [FIELD_READ_TIMEOUT] = offsetof(struct invload_device, read_timeout),
    [FIELD_KEY_FILE] = offsetof(struct invload_device, key_file),
    [FIELD_PASSPHRASE] = offsetof(struct invload_device, passphrase),
    [FIELD_USE_AGENT] = offsetof(struct invload_device, use_agent),
    [FIELD_HOST_KEY_CHECK] = offsetof(struct invload_device, host_key_check),
    [FIELD_ALGORITHMS] = offsetof(struct invload_device, algorithms),
    [FIELD_COMMANDS] = offsetof(struct invload_device, commands),
    [FIELD_SIM] = 0,
    [FIELD_CONNECT_TIMEOUT] = offsetof(struct invload_device, connect_timeout),
    [FIELD_AUTH_TIMEOUT] = offsetof(struct invload_device, auth_timeout),
    [FIELD_SESSION_LOG] = offsetof(struct invload_device, session_log),
    [FIELD_SSH_CONFIG] = offsetof(struct invload_device, ssh_config),
    [FIELD_USE_KEYS] = offsetof(struct invload_device, use_keys),
    [FIELD_SSH_STRICT] = offsetof(struct invload_device, ssh_strict),
    [FIELD_ENABLE] = offsetof(struct invload_device, enable),
    [FIELD_SHELL] = offsetof(struct invload_device, shell),
    [FIELD_DEVICE_ERRORS] = offsetof(struct invload_device, device_errors),
    [FIELD_ERROR_PATTERN] = offsetof(struct invload_device, error_pattern),
    [FIELD_DATA] = offsetof(struct invload_device, data),
};

static const cyaml_schema_value_t command_schema = {
    CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

/* libcyaml's messages, kept (first lines only) for the rare failure. */
static void
log_capture(cyaml_log_t level, void *ctx, const char *fmt, va_list ap)
{
	struct buf *b = ctx;
	char line[512];

	(void)level;
	if (b->len > 2048)
		return;
	vsnprintf(line, sizeof(line), fmt, ap);
	buf_append(b, line, strlen(line));
}

/* libcyaml's enum table from a keyword table. */
static unsigned
strvals(const struct keyword *t, cyaml_strval_t *out)
{
	unsigned n;

	for (n = 0; t[n].word != NULL && n < MAX_WORDS; n++) {
		out[n].str = t[n].word;
		out[n].val = t[n].value;
	}
	return n;
}

static const cyaml_schema_value_t string_value = {
    CYAML_VALUE_STRING(
	CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, char, 0, CYAML_UNLIMITED),
};

/* The data: mapping: one optional string field per key in the file. */
static void
data_field(struct invload *l, const struct invscan *s, cyaml_schema_field_t *f)
{
	size_t i;

	if (s->ndata_keys == 0) {
		*f = (cyaml_schema_field_t)CYAML_FIELD_IGNORE(
		    "data", CYAML_FLAG_OPTIONAL);
		return;
	}
	l->data_fields = xcalloc(s->ndata_keys + 1, sizeof(*l->data_fields));
	for (i = 0; i < s->ndata_keys; i++) {
		l->data_fields[i].key = s->data_keys[i];
		l->data_fields[i].data_offset = (uint32_t)(i * sizeof(char *));
		l->data_fields[i].value = string_value;
	}
	f->value = (cyaml_schema_value_t){
	    .type = CYAML_MAPPING,
	    .flags = CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    .data_size = (uint32_t)(s->ndata_keys * sizeof(char *)),
	    .mapping = {.fields = l->data_fields},
	};
}

/* The schema field for key k, written as name. */
static void
device_field(struct invload *l, const struct invscan *s, const char *name,
    enum invfield_key k, cyaml_schema_field_t *f)
{
	const cyaml_schema_field_t commands = CYAML_FIELD_SEQUENCE("commands",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct invload_device,
	    commands, &command_schema, 0, MAX_COMMANDS);
	const cyaml_schema_field_t patterns =
	    CYAML_FIELD_SEQUENCE("error_pattern",
		CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct invload_device,
		error_pattern, &command_schema, 0, MAX_PATTERNS);

	memset(f, 0, sizeof(*f));
	switch (invfield_kind(k)) {
	case KIND_DEVICE_TYPE:
	case KIND_ADDRESS:
	case KIND_WORD:
	case KIND_TEXT:
	case KIND_SECRET:
	case KIND_DURATION:
	case KIND_ALGORITHMS:
		f->value = string_value;
		break;
	case KIND_PORT:
		f->value = (cyaml_schema_value_t){
		    CYAML_VALUE_UINT(CYAML_FLAG_OPTIONAL, uint16_t)};
		break;
	case KIND_BOOL:
		f->value = (cyaml_schema_value_t){
		    CYAML_VALUE_BOOL(CYAML_FLAG_OPTIONAL, bool)};
		break;
	case KIND_HOSTKEY:
		f->value = (cyaml_schema_value_t){
		    CYAML_VALUE_ENUM(CYAML_FLAG_OPTIONAL | CYAML_FLAG_STRICT,
			int, l->hostkey, strvals(keyword_hostkey, l->hostkey))};
		break;
	case KIND_DEVERRORS:
		f->value = (cyaml_schema_value_t){CYAML_VALUE_ENUM(
		    CYAML_FLAG_OPTIONAL | CYAML_FLAG_STRICT, int, l->deverrors,
		    strvals(keyword_device_errors, l->deverrors))};
		break;
	case KIND_COMMANDS:
		*f = commands;
		break;
	case KIND_PATTERNS:
		*f = patterns;
		break;
	case KIND_DATA:
		data_field(l, s, f);
		break;
	case KIND_SIM:
		*f = (cyaml_schema_field_t)CYAML_FIELD_IGNORE(
		    "sim", CYAML_FLAG_OPTIONAL);
		break;
	}
	f->key = name;
	if (f->value.type != CYAML_IGNORE)
		f->data_offset = (uint32_t)offsets[k];
}

/* The top-level schema: defaults, then one field per scanned group. */
static void
top_schema(struct invload *l, const struct invscan *s)
{
	cyaml_schema_field_t *f;
	size_t i;

	l->top_fields = xcalloc(s->ngroups + 2, sizeof(*l->top_fields));
	f = l->top_fields;
	if (s->have_defaults) {
		f->key = "defaults";
		f->data_offset = offsetof(struct top, defaults);
		f->value = (cyaml_schema_value_t){
		    CYAML_VALUE_MAPPING(
			CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			struct invload_device, l->dev_fields),
		};
		f++;
	}
	for (i = 0; i < s->ngroups; i++, f++) {
		f->key = s->groups[i].name;
		f->data_offset = (uint32_t)(offsetof(struct top, groups) +
		    i * sizeof(struct group));
		f->count_offset =
		    (uint32_t)(f->data_offset + offsetof(struct group, count));
		f->count_size = sizeof(unsigned);
		f->value = (cyaml_schema_value_t){
		    CYAML_VALUE_SEQUENCE(CYAML_FLAG_POINTER,
			struct invload_device, &l->dev_value, 0, MAX_DEVICES),
		};
	}
	l->top_value = (cyaml_schema_value_t){
	    .type = CYAML_MAPPING,
	    .flags = CYAML_FLAG_POINTER,
	    .data_size = (uint32_t)(offsetof(struct top, groups) +
		s->ngroups * sizeof(struct group)),
	    .mapping = {.fields = l->top_fields},
	};
}

static void
build_schema(struct invload *l, const struct invscan *s)
{
	size_t i, j, n = invfield_spellings();
	const char *name;
	int k;

	/*
	 * Our keys, then the settings to ignore; other spellings of our
	 * keys never reach the document (the scan writes ours).
	 */
	l->dev_fields = xcalloc(n + 1, sizeof(*l->dev_fields));
	for (i = 0, j = 0; i < n; i++) {
		name = invfield_spelling(i, &k);
		if (k == -1)
			l->dev_fields[j++] =
			    (cyaml_schema_field_t)CYAML_FIELD_IGNORE(
				name, CYAML_FLAG_OPTIONAL);
		else if ((size_t)k == i)
			device_field(l, s, name, (enum invfield_key)k,
			    &l->dev_fields[j++]);
	}
	l->dev_value = (cyaml_schema_value_t){
	    CYAML_VALUE_MAPPING(
		CYAML_FLAG_DEFAULT, struct invload_device, l->dev_fields),
	};
	top_schema(l, s);
}

struct invload *
invload_run(const struct invscan *s, struct buf *err)
{
	struct invload *l = xcalloc(1, sizeof(*l));
	cyaml_err_t cerr;

	l->ngroups = s->ngroups;
	buf_init(&l->log);
	build_schema(l, s);
	l->cfg.log_fn = log_capture;
	l->cfg.log_ctx = &l->log;
	l->cfg.mem_fn = cyaml_mem;
	l->cfg.log_level = CYAML_LOG_ERROR;
	l->cfg.flags = CYAML_CFG_NO_ALIAS;
	cerr = cyaml_load_data(s->doc, s->doclen, &l->cfg, &l->top_value,
	    (cyaml_data_t **)&l->top, NULL);
	if (cerr != CYAML_OK || l->top == NULL) {
		/* The scan should have caught it: say what libcyaml said. */
		buf_appendf(err, "%s: libcyaml: %s", s->problems.path,
		    cyaml_strerror(cerr));
		if (l->log.len > 0)
			buf_appendf(err, ": %.*s",
			    (int)strcspn(l->log.data, "\n"), l->log.data);
		buf_appendf(err, "\n");
		invload_free(l);
		return NULL;
	}
	return l;
}

const struct invload_device *
invload_defaults(const struct invload *l)
{
	return l->top->defaults;
}

size_t
invload_count(const struct invload *l, size_t g)
{
	return l->top->groups[g].count;
}

const struct invload_device *
invload_device(const struct invload *l, size_t g, size_t i)
{
	return &l->top->groups[g].devices[i];
}

static void
wipe(struct invload_device *d)
{
	char *const secrets[] = {d->password, d->secret, d->passphrase};
	size_t i;

	for (i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		if (secrets[i] != NULL)
			secure_zero(secrets[i], strlen(secrets[i]));
}

void
invload_free(struct invload *l)
{
	size_t i, j;

	if (l == NULL)
		return;
	if (l->top != NULL) {
		if (l->top->defaults != NULL)
			wipe(l->top->defaults);
		for (i = 0; i < l->ngroups; i++)
			for (j = 0; j < l->top->groups[i].count; j++)
				wipe(&l->top->groups[i].devices[j]);
		cyaml_free(&l->cfg, &l->top_value, l->top, 0);
	}
	free(l->top_fields);
	free(l->dev_fields);
	free(l->data_fields);
	buf_free(&l->log);
	free(l);
}
