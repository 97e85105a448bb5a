/*
 * invfield: the table of inventory keys and the check of one scalar
 * value against its kind. The checks are strict on purpose: libcyaml
 * 1.3.1 reads "22abc" as 22 and "010" as 8, so a value reaches the
 * loader only once it has the one spelling meant here. Messages quote
 * the value; the scan makes them safe for a terminal.
 */
#include <ctype.h>
#include <string.h>

#include "invfield.h"
#include "keyword.h"
#include "platform.h"
#include "screen.h"
#include "util.h"

static const struct {
	const char *name;
	enum invfield_kind kind;
} fields[FIELD_COUNT] = {
    [FIELD_DEVICE_TYPE] = {"device_type", KIND_DEVICE_TYPE},
    [FIELD_IP] = {"ip", KIND_ADDRESS},
    [FIELD_HOST] = {"host", KIND_ADDRESS},
    [FIELD_PORT] = {"port", KIND_PORT},
    [FIELD_USERNAME] = {"username", KIND_WORD},
    [FIELD_PASSWORD] = {"password", KIND_SECRET},
    [FIELD_SECRET] = {"secret", KIND_SECRET},
    [FIELD_NAME] = {"name", KIND_TEXT},
    [FIELD_TIMEOUT] = {"timeout", KIND_DURATION},
    [FIELD_READ_TIMEOUT] = {"read_timeout", KIND_DURATION},
    [FIELD_KEY_FILE] = {"key_file", KIND_TEXT},
    [FIELD_PASSPHRASE] = {"passphrase", KIND_SECRET},
    [FIELD_USE_AGENT] = {"use_agent", KIND_BOOL},
    [FIELD_HOST_KEY_CHECK] = {"host_key_check", KIND_HOSTKEY},
    [FIELD_ALGORITHMS] = {"algorithms", KIND_ALGORITHMS},
    [FIELD_SHELL] = {"shell", KIND_BOOL},
    [FIELD_DEVICE_ERRORS] = {"device_errors", KIND_DEVICE_ERRORS},
    [FIELD_ERROR_PATTERN] = {"error_pattern", KIND_PATTERN},
    [FIELD_COMMANDS] = {"commands", KIND_COMMANDS},
    [FIELD_SIM] = {"sim", KIND_SIM},
};

const char *
invfield_name(enum invfield_key k)
{
	return fields[k].name;
}

enum invfield_kind
invfield_kind(enum invfield_key k)
{
	return fields[k].kind;
}

int
invfield_find(const char *name, enum invfield_key *k)
{
	int i;

	for (i = 0; i < FIELD_COUNT; i++)
		if (strcmp(name, fields[i].name) == 0) {
			*k = (enum invfield_key)i;
			return 0;
		}
	return -1;
}

/* Levenshtein distance of two short strings (longer ones: far). */
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

const char *
invfield_suggest(const char *name)
{
	size_t i, d, best = 3;
	const char *found = NULL;

	for (i = 0; i < FIELD_COUNT; i++) {
		d = edit_distance(name, fields[i].name);
		if (d < best) {
			best = d;
			found = fields[i].name;
		}
	}
	return found;
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

/* Decimal 1-65535, no sign and no leading zero. */
static int
is_port(const char *v)
{
	unsigned long n = 0;
	size_t i;

	if (v[0] < '1' || v[0] > '9' || strlen(v) > 5)
		return 0;
	for (i = 0; v[i] != '\0'; i++) {
		if (v[i] < '0' || v[i] > '9')
			return 0;
		n = n * 10 + (unsigned long)(v[i] - '0');
	}
	return n <= 65535;
}

/*
 * "kex=a,b;hostkey=c;cipher=d;mac=e", any subset, each once: the syntax
 * the session hands to libssh2 (which then says whether it knows the
 * names).
 */
static int
is_algorithms(const char *v)
{
	static const char *const kinds[] = {"kex", "hostkey", "cipher", "mac"};
	unsigned seen = 0;
	const char *p = v;

	if (*p == '\0')
		return 0;
	while (*p != '\0') {
		size_t len = strcspn(p, ";"), klen = strcspn(p, "=");
		size_t k;

		if (klen >= len || klen + 1 == len)
			return 0;
		for (k = 0; k < 4; k++)
			if (strlen(kinds[k]) == klen &&
			    strncmp(p, kinds[k], klen) == 0)
				break;
		if (k == 4 || (seen & (1u << k)))
			return 0;
		seen |= 1u << k;
		p += len;
		if (*p == ';')
			p++;
	}
	return 1;
}

static char *
check_device_type(const char *v)
{
	struct buf names;
	char *m;

	if (platform_find(v) != NULL)
		return NULL;
	buf_init(&names);
	platform_names(&names);
	m = xasprintf("unknown device_type '%s' (valid: %s)", v,
	    names.data != NULL ? names.data : "");
	buf_free(&names);
	return m;
}

static char *
check_keyword(const char *name, const char *v, const struct keyword *t)
{
	struct buf words;
	char *m;
	int x;

	if (keyword_find(t, KEYWORD_EXACT, v, &x) == 0)
		return NULL;
	buf_init(&words);
	keyword_list(t, ", ", &words);
	m = xasprintf("%s: '%s' is not one of %s", name, v, words.data);
	buf_free(&words);
	return m;
}

static char *
check_pattern(const char *name, const char *v)
{
	struct screen_re *re;
	char err[256];

	if ((re = screen_re_new(v, err, sizeof(err))) != NULL) {
		screen_re_free(re);
		return NULL;
	}
	return xasprintf("%s: %s", name, err);
}

static char *
check_bool(const char *name, const char *v)
{
	struct buf words;
	char *m;
	int b;

	if (keyword_find(keyword_bool, KEYWORD_ANY_CASE, v, &b) == 0)
		return NULL;
	buf_init(&words);
	keyword_list(keyword_bool, " or ", &words);
	m = xasprintf("%s: '%s' is not a boolean (%s)", name, v, words.data);
	buf_free(&words);
	return m;
}

char *
invfield_check(enum invfield_key k, const char *v)
{
	const char *name = fields[k].name;
	int64_t ms;

	switch (fields[k].kind) {
	case KIND_DEVICE_TYPE:
		return check_device_type(v);
	case KIND_ADDRESS:
	case KIND_WORD:
		if (v[0] == '\0')
			return xasprintf("%s: empty value", name);
		if (has_space_or_control(v))
			return xasprintf("%s: '%s' contains a space or control "
					 "character",
			    name, v);
		return NULL;
	case KIND_TEXT:
		if (v[0] == '\0')
			return xasprintf("%s: empty value", name);
		if (has_control(v))
			return xasprintf(
			    "%s: contains a control character", name);
		return NULL;
	case KIND_SECRET:
		return NULL;
	case KIND_PORT:
		if (!is_port(v))
			return xasprintf("port: '%s' is not a port number "
					 "(decimal 1-65535)",
			    v);
		return NULL;
	case KIND_DURATION:
		if (parse_seconds(v, &ms) == -1)
			return xasprintf("%s: '%s' is not a duration (positive "
					 "decimal seconds, like 30 or 2.5)",
			    name, v);
		return NULL;
	case KIND_BOOL:
		return check_bool(name, v);
	case KIND_HOSTKEY:
		return check_keyword(name, v, keyword_hostkey);
	case KIND_DEVICE_ERRORS:
		return check_keyword(name, v, keyword_device_errors);
	case KIND_PATTERN:
		return check_pattern(name, v);
	case KIND_ALGORITHMS:
		if (!is_algorithms(v))
			return xasprintf("algorithms: '%s' is not a list like "
					 "kex=A,B;hostkey=C;cipher=D;mac=E",
			    v);
		return NULL;
	case KIND_COMMANDS:
	case KIND_SIM:
		break;
	}
	return NULL;
}
