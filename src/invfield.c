/*
 * invfield: the tables of inventory keys and spellings, and the check of
 * one scalar value against its kind. The checks are strict on purpose:
 * libcyaml 1.3.1 reads "22abc" as 22 and "010" as 8, so a value reaches
 * the loader only once it has the one spelling meant here. Messages
 * quote the value; the scan makes them safe for a terminal.
 *
 * A Netmiko ConnectHandler mapping loads as it is: its names for our
 * keys are other spellings of them, its device_type names (cisco_ios_ssh,
 * juniper) name our platforms, and the settings that only tune Netmiko
 * itself (its delays, locks, Python objects) are accepted and ignored.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "invfield.h"
#include "keyword.h"
#include "platform.h"
#include "util.h"

#define MAX_DATA_KEY 64

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
    [FIELD_COMMANDS] = {"commands", KIND_COMMANDS},
    [FIELD_SIM] = {"sim", KIND_SIM},
    [FIELD_CONNECT_TIMEOUT] = {"connect_timeout", KIND_DURATION},
    [FIELD_AUTH_TIMEOUT] = {"auth_timeout", KIND_DURATION},
    [FIELD_SESSION_LOG] = {"session_log", KIND_TEXT},
    [FIELD_SSH_CONFIG] = {"ssh_config", KIND_TEXT},
    [FIELD_USE_KEYS] = {"use_keys", KIND_BOOL},
    [FIELD_SSH_STRICT] = {"ssh_strict", KIND_BOOL},
    [FIELD_ENABLE] = {"enable", KIND_BOOL},
    [FIELD_SHELL] = {"shell", KIND_BOOL},
    [FIELD_DEVICE_ERRORS] = {"device_errors", KIND_DEVERRORS},
    [FIELD_ERROR_PATTERN] = {"error_pattern", KIND_PATTERNS},
    [FIELD_DATA] = {"data", KIND_DATA},
};

/* Netmiko's names for our keys. */
static const struct {
	const char *name;
	enum invfield_key key;
} aliases[] = {
    {"allow_agent", FIELD_USE_AGENT},
    {"conn_timeout", FIELD_CONNECT_TIMEOUT},
    {"read_timeout_override", FIELD_READ_TIMEOUT},
    {"ssh_config_file", FIELD_SSH_CONFIG},
};

/*
 * Netmiko (2.4 to 4) settings with no meaning here: netcollect waits for
 * prompts, not fixed delays, bounds each stage with its own timeouts,
 * and has no Python objects to pass. Accepted, so that the files people
 * have load, and named once in a notice.
 */
static const char *const ignored[] = {
    "fast_cli",
    "global_delay_factor",
    "delay_factor_compat",
    "global_cmd_verify",
    "verbose",
    "banner_timeout",
    "blocking_timeout",
    "session_timeout",
    "keepalive",
    "default_enter",
    "response_return",
    "serial_settings",
    "session_log_record_writes",
    "session_log_file_mode",
    "allow_auto_change",
    "encoding",
    "system_host_keys",
    "alt_host_keys",
    "alt_key_file",
    "disabled_algorithms",
    "disable_lf_normalization",
    "auto_connect",
    "pkey",
    "sock",
    "sock_telnet",
};

#define NALIASES (sizeof(aliases) / sizeof(aliases[0]))
#define NIGNORED (sizeof(ignored) / sizeof(ignored[0]))

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

size_t
invfield_spellings(void)
{
	return FIELD_COUNT + NALIASES + NIGNORED;
}

const char *
invfield_spelling(size_t i, int *k)
{
	if (i < FIELD_COUNT) {
		*k = (int)i;
		return fields[i].name;
	}
	i -= FIELD_COUNT;
	if (i < NALIASES) {
		*k = (int)aliases[i].key;
		return aliases[i].name;
	}
	*k = -1;
	return ignored[i - NALIASES];
}

int
invfield_lookup(const char *name, size_t *i, int *k)
{
	size_t j, n = invfield_spellings();

	for (j = 0; j < n; j++)
		if (strcmp(name, invfield_spelling(j, k)) == 0) {
			*i = j;
			return 0;
		}
	return -1;
}

const char *
invfield_suggest(const char *name)
{
	size_t i, d, best = 3;
	const char *found = NULL;

	const char *sp;
	int k;

	for (i = 0; i < invfield_spellings(); i++) {
		sp = invfield_spelling(i, &k);
		d = keyword_distance(name, sp, KEYWORD_EXACT);
		if (d < best) {
			best = d;
			found = sp;
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

/* Netmiko's device_type names (each also with "_ssh") for ours. */
static const struct {
	const char *netmiko, *ours;
} platform_aliases[] = {
    {"juniper", "juniper_junos"},
};

/* name without its "_ssh" suffix, in buf; NULL when it has none. */
static const char *
strip_ssh(const char *name, char *buf, size_t bufsz)
{
	size_t n = strlen(name);

	if (n <= 4 || n - 4 >= bufsz || strcmp(name + n - 4, "_ssh") != 0)
		return NULL;
	memcpy(buf, name, n - 4);
	buf[n - 4] = '\0';
	return buf;
}

static const struct platform *
platform_or_alias(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(platform_aliases) / sizeof(platform_aliases[0]);
	     i++)
		if (strcmp(name, platform_aliases[i].netmiko) == 0)
			return platform_find(platform_aliases[i].ours);
	return platform_find(name);
}

const struct platform *
invfield_platform(const char *name)
{
	const struct platform *p;
	const char *base;
	char buf[64];

	if ((p = platform_or_alias(name)) != NULL)
		return p;
	if ((base = strip_ssh(name, buf, sizeof(buf))) != NULL)
		return platform_or_alias(base);
	return NULL;
}

/* name ends with suffix (and has something before it). */
static int
ends_with(const char *name, const char *suffix)
{
	size_t n = strlen(name), m = strlen(suffix);

	return n > m && strcmp(name + n - m, suffix) == 0;
}

/* Netmiko's "cisco_ios_telnet" names a platform we know over SSH. */
static char *
transport_refused(const char *v, const char *what, const char *suffix)
{
	const struct platform *p;
	char base[64];
	size_t n = strlen(v) - strlen(suffix);

	if (n >= sizeof(base))
		n = sizeof(base) - 1;
	memcpy(base, v, n);
	base[n] = '\0';
	p = platform_or_alias(base);
	if (p != NULL)
		return xasprintf("device_type '%s': %s is not supported "
				 "(netcollect speaks SSH: device_type: %s)",
		    v, what, p->name);
	return xasprintf("device_type '%s': %s is not supported (netcollect "
			 "speaks SSH)",
	    v, what);
}

static char *
check_device_type(const char *v)
{
	struct buf names;
	char *m;

	if (invfield_platform(v) != NULL)
		return NULL;
	if (ends_with(v, "_telnet"))
		return transport_refused(v, "telnet", "_telnet");
	if (ends_with(v, "_serial"))
		return transport_refused(v, "a serial console", "_serial");
	buf_init(&names);
	platform_names(&names);
	m = xasprintf("unknown device_type '%s' (valid: %s)", v,
	    names.data != NULL ? names.data : "");
	buf_free(&names);
	return m;
}

static int
is_ipv6(const char *v, size_t len)
{
	struct in6_addr a;
	char buf[INET6_ADDRSTRLEN + 64];
	size_t n = len;
	const char *zone = memchr(v, '%', len);

	/* A zone ("fe80::1%eth0") is the system's to check. */
	if (zone != NULL)
		n = (size_t)(zone - v);
	if (n >= sizeof(buf) || (zone != NULL && zone + 1 == v + len))
		return 0;
	memcpy(buf, v, n);
	buf[n] = '\0';
	return inet_pton(AF_INET6, buf, &a) == 1;
}

static size_t
count_char(const char *v, char c)
{
	size_t n = 0;

	for (; *v != '\0'; v++)
		n += *v == c;
	return n;
}

/*
 * An ip: or host: value: a name or IPv4 address, a bare IPv6 literal,
 * or either in brackets, optionally with ":PORT" after ("r1:2222" too,
 * where one colon cannot be IPv6).
 */
static char *
check_address(const char *name, const char *v)
{
	const char *close, *port = NULL;

	if (v[0] == '\0')
		return xasprintf("%s: empty value", name);
	if (has_space_or_control(v))
		return xasprintf(
		    "%s: '%s' contains a space or control character", name, v);
	if (strchr(v + 1, '[') != NULL)
		return xasprintf(
		    "%s: '%s': '[' only starts an address", name, v);
	if (v[0] != '[' && strchr(v, ']') != NULL)
		return xasprintf("%s: '%s' has ']' without '['", name, v);
	if (v[0] == '[') {
		if ((close = strchr(v, ']')) == NULL)
			return xasprintf(
			    "%s: '%s' has '[' without ']'", name, v);
		if (close == v + 1)
			return xasprintf(
			    "%s: '%s': nothing between '[' and ']'", name, v);
		if (memchr(v + 1, ':', (size_t)(close - v - 1)) != NULL &&
		    !is_ipv6(v + 1, (size_t)(close - v - 1)))
			return xasprintf(
			    "%s: '%s' is not an IPv6 address", name, v);
		if (close[1] != '\0' && close[1] != ':')
			return xasprintf("%s: '%s': only ':PORT' may follow "
					 "']'",
			    name, v);
		port = close[1] == ':' ? close + 2 : NULL;
	} else if (count_char(v, ':') == 1)
		port = strchr(v, ':') + 1;
	else if (count_char(v, ':') > 1 && !is_ipv6(v, strlen(v)))
		return xasprintf("%s: '%s' is not an IPv6 address (a port goes "
				 "after brackets: [ADDRESS]:PORT)",
		    name, v);
	if (port != NULL && (port == v + 1 || !is_port(port)))
		return xasprintf("%s: '%s': '%s' is not a port number (decimal "
				 "1-65535)",
		    name, v, port);
	return NULL;
}

char *
invfield_address(const char *v, unsigned *port)
{
	const char *close, *colon;

	*port = 0;
	if (v[0] == '[' && (close = strchr(v, ']')) != NULL) {
		if (close[1] == ':')
			*port = (unsigned)strtoul(close + 2, NULL, 10);
		return xstrndup(v + 1, (size_t)(close - v - 1));
	}
	if (count_char(v, ':') == 1) {
		colon = strchr(v, ':');
		*port = (unsigned)strtoul(colon + 1, NULL, 10);
		return xstrndup(v, (size_t)(colon - v));
	}
	return xstrdup(v);
}

/* A pattern PCRE2 compiles (with the session's flags). */
static char *
check_pattern(const char *name, const char *v)
{
	PCRE2_UCHAR msg[160];
	PCRE2_SIZE off;
	pcre2_code *re;
	int code;

	if (v[0] == '\0')
		return xasprintf("%s: empty pattern", name);
	re = pcre2_compile((PCRE2_SPTR)v, PCRE2_ZERO_TERMINATED,
	    PCRE2_MULTILINE, &code, &off, NULL);
	if (re != NULL) {
		pcre2_code_free(re);
		return NULL;
	}
	pcre2_get_error_message(code, msg, sizeof(msg));
	return xasprintf("%s: '%s' is not a valid PCRE2 pattern: %s (at "
			 "offset %zu)",
	    name, v, (const char *)msg, (size_t)off);
}

int
invfield_data_key(const char *name)
{
	size_t i;

	if (!(isalpha((unsigned char)name[0]) || name[0] == '_'))
		return -1;
	for (i = 0; name[i] != '\0'; i++)
		if (i >= MAX_DATA_KEY ||
		    !(isalnum((unsigned char)name[i]) || name[i] == '_') ||
		    (unsigned char)name[i] >= 0x80)
			return -1;
	return 0;
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
invfield_check(enum invfield_key k, const char *name, const char *v)
{
	int64_t ms;

	switch (fields[k].kind) {
	case KIND_DEVICE_TYPE:
		return check_device_type(v);
	case KIND_ADDRESS:
		return check_address(name, v);
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
	case KIND_DEVERRORS:
		return check_keyword(name, v, keyword_device_errors);
	case KIND_PATTERNS:
		return check_pattern(name, v);
	case KIND_ALGORITHMS:
		if (!is_algorithms(v))
			return xasprintf("algorithms: '%s' is not a list like "
					 "kex=A,B;hostkey=C;cipher=D;mac=E",
			    v);
		return NULL;
	case KIND_COMMANDS:
	case KIND_DATA:
	case KIND_SIM:
		break;
	}
	return NULL;
}
