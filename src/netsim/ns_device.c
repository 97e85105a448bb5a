/*
 * ns_device: the per-device knobs of netsim and the one function that
 * sets them by name. The lab file, --set and --fault all go through
 * ns_device_set(), so every knob has the same spelling everywhere (the
 * names table below; netsim(1) lists them). Ranges ("1-10,15") select
 * devices by their 1-based index.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

#include "ns_config.h"
#include "ns_device.h"

enum knob {
	K_HOSTNAME,
	K_ADDRESS,
	K_PORT,
	K_PLATFORM,
	K_USERNAME,
	K_PASSWORD,
	K_SECRET,
	K_BANNER,
	K_AUTHORIZED_KEYS,
	K_AUTH,
	K_LEGACY,
	K_LATENCY,
	K_LOGIN_DELAY,
	K_BANNER_DELAY,
	K_TRICKLE,
	K_INTERFACES,
	K_CONFIG_SIZE,
	K_FAULTS,
	K_EOL,
	K_ANSI_PROMPT,
	K_EARLY_ECHO,
	K_PRESS_ANY_KEY,
	K_LOGOUT_CONFIRM,
	K_CHASSIS,
	K_LOGIN_SHELL,
	K_FIXED_CLOCK,
	K_FAIL_FIRST,
};

static const struct {
	const char *name;
	enum knob knob;
} knobs[] = {
    {"hostname", K_HOSTNAME},
    {"name", K_HOSTNAME},
    {"address", K_ADDRESS},
    {"ip", K_ADDRESS},
    {"port", K_PORT},
    {"platform", K_PLATFORM},
    {"device_type", K_PLATFORM},
    {"username", K_USERNAME},
    {"password", K_PASSWORD},
    {"secret", K_SECRET},
    {"banner", K_BANNER},
    {"motd", K_BANNER},
    {"authorized_keys", K_AUTHORIZED_KEYS},
    {"auth", K_AUTH},
    {"legacy", K_LEGACY},
    {"latency", K_LATENCY},
    {"login_delay", K_LOGIN_DELAY},
    {"banner_delay", K_BANNER_DELAY},
    {"trickle", K_TRICKLE},
    {"interfaces", K_INTERFACES},
    {"config_size", K_CONFIG_SIZE},
    {"fault", K_FAULTS},
    {"faults", K_FAULTS},
    {"eol", K_EOL},
    {"ansi_prompt", K_ANSI_PROMPT},
    {"early_echo", K_EARLY_ECHO},
    {"press_any_key", K_PRESS_ANY_KEY},
    {"logout_confirm", K_LOGOUT_CONFIRM},
    {"chassis", K_CHASSIS},
    {"login_shell", K_LOGIN_SHELL},
    {"fixed_clock", K_FIXED_CLOCK},
    {"fail_first", K_FAIL_FIRST},
};

/* The values of the eol knob. */
static const struct {
	const char *name;
	const char *eol;
} eols[] = {
    {"crlf", "\r\n"},
    {"crcrlf", "\r\r\n"},
    {"crlfcr", "\r\n\r"},
};

static const struct {
	const char *name;
	unsigned bit;
} faults[] = {
    {"auth_fail", NS_FAULT_AUTH_FAIL},
    {"hang_after_auth", NS_FAULT_HANG_AFTER_AUTH},
    {"hang_mid_output", NS_FAULT_HANG_MID_OUTPUT},
    {"disconnect_mid_output", NS_FAULT_DISCONNECT_MID_OUTPUT},
    {"drop_on_connect", NS_FAULT_DROP_ON_CONNECT},
    {"no_pty", NS_FAULT_NO_PTY},
    {"garbage", NS_FAULT_GARBAGE},
    {"prompt_in_output", NS_FAULT_PROMPT_IN_OUTPUT},
};

/* FNV-1a: the output seed of a hostname. */
static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL) {
		perror("netsim: strdup");
		exit(1);
	}
	return p;
}

static void
replace(char **dst, const char *v)
{
	free(*dst);
	*dst = v == NULL ? NULL : xstrdup(v);
}

void
ns_device_defaults(struct ns_device *d, size_t index)
{
	char name[32];

	memset(d, 0, sizeof(*d));
	d->index = index;
	snprintf(name, sizeof(name), "R%zu", index);
	d->hostname = xstrdup(name);
	d->address = xstrdup("127.0.0.1");
	d->platform = NS_PLAT_IOS;
	d->username = xstrdup("admin");
	d->password = xstrdup("admin");
	d->secret = xstrdup("s3cret");
	d->auth_methods = SSH_AUTH_METHOD_PASSWORD |
	    SSH_AUTH_METHOD_INTERACTIVE | SSH_AUTH_METHOD_PUBLICKEY;
	d->interfaces = 8;
	d->config_size = 8192;
	d->lfd = -1;
	snprintf(d->eol, sizeof(d->eol), "\r\n");
	d->config = ns_config_new();
	d->candidate = ns_config_new();
}

void
ns_device_free(struct ns_device *d)
{
	size_t i;

	free(d->hostname);
	free(d->address);
	free(d->username);
	free(d->password);
	free(d->secret);
	free(d->banner);
	free(d->authorized_keys);
	free(d->chassis);
	ns_config_free(d->config);
	ns_config_free(d->candidate);
	for (i = 0; i < d->nkeys; i++)
		ssh_key_free(d->keys[i]);
	free(d->keys);
}

static int
parse_long(const char *v, long min, long max, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

static int
parse_int(const char *v, int min, int max, int *out)
{
	long n;

	if (parse_long(v, min, max, &n) == -1)
		return -1;
	*out = (int)n;
	return 0;
}

static int
parse_bool(const char *v)
{
	if (v == NULL || strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "yes") == 0 || strcmp(v, "on") == 0)
		return 1;
	if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
	    strcmp(v, "no") == 0 || strcmp(v, "off") == 0)
		return 0;
	return -1;
}

static int
parse_auth(const char *v, int *out)
{
	char buf[256], *tok, *save;
	int m = 0;

	snprintf(buf, sizeof(buf), "%s", v);
	for (tok = strtok_r(buf, ", ", &save); tok != NULL;
	     tok = strtok_r(NULL, ", ", &save)) {
		if (strcmp(tok, "password") == 0)
			m |= SSH_AUTH_METHOD_PASSWORD;
		else if (strcmp(tok, "keyboard-interactive") == 0 ||
		    strcmp(tok, "kbdint") == 0)
			m |= SSH_AUTH_METHOD_INTERACTIVE;
		else if (strcmp(tok, "publickey") == 0)
			m |= SSH_AUTH_METHOD_PUBLICKEY;
		else
			return -1;
	}
	if (m == 0)
		return -1;
	*out = m;
	return 0;
}

static int
parse_eol(const char *v, char *eol, size_t cap)
{
	size_t i;

	for (i = 0; i < sizeof(eols) / sizeof(eols[0]); i++) {
		if (strcmp(eols[i].name, v) == 0) {
			snprintf(eol, cap, "%s", eols[i].eol);
			return 0;
		}
	}
	return -1;
}

/* early_echo: off, once (the CLI does not echo again) or twice. */
static int
parse_early_echo(const char *v, int *out)
{
	int b;

	if (strcmp(v, "once") == 0)
		*out = 1;
	else if (strcmp(v, "twice") == 0)
		*out = 2;
	else if ((b = parse_bool(v)) != -1)
		*out = b ? 2 : 0;
	else
		return -1;
	return 0;
}

static int
set_bool(int *dst, const char *v)
{
	int b;

	if ((b = parse_bool(v)) == -1)
		return -1;
	*dst = b;
	return 0;
}

/* Faults given as "fault=NAME" or "NAME=VALUE". */
static int
set_fault(struct ns_device *d, const char *name, const char *value)
{
	size_t i;
	int on;

	if (strcmp(name, "huge_output") == 0) {
		if (value == NULL) {
			d->huge_mb = 10;
			return 0;
		}
		return parse_int(value, 0, 1024, &d->huge_mb);
	}
	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		if (strcmp(faults[i].name, name) != 0)
			continue;
		if ((on = parse_bool(value)) == -1)
			return -1;
		if (on)
			d->faults |= faults[i].bit;
		else
			d->faults &= ~faults[i].bit;
		return 0;
	}
	return -1;
}

static int
is_fault(const char *name)
{
	size_t i;

	if (strcmp(name, "huge_output") == 0)
		return 1;
	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		if (strcmp(faults[i].name, name) == 0)
			return 1;
	return 0;
}

/* "fault: a,b=V,none": "none" clears every fault. */
static int
set_fault_list(struct ns_device *d, const char *value)
{
	char buf[512], *tok, *save, *eq;

	snprintf(buf, sizeof(buf), "%s", value);
	for (tok = strtok_r(buf, ", ", &save); tok != NULL;
	     tok = strtok_r(NULL, ", ", &save)) {
		if ((eq = strchr(tok, '=')) != NULL)
			*eq++ = '\0';
		if (strcmp(tok, "none") == 0) {
			d->faults = 0;
			d->huge_mb = 0;
		} else if (set_fault(d, tok, eq) == -1) {
			return -1;
		}
	}
	return 0;
}

/* An address; "[::1]" (bracketed, as in an inventory) is "::1". */
static void
set_address(struct ns_device *d, const char *v)
{
	size_t n = strlen(v);
	char *a;

	if (n < 2 || v[0] != '[' || v[n - 1] != ']') {
		replace(&d->address, v);
		return;
	}
	if ((a = strndup(v + 1, n - 2)) == NULL) {
		perror("netsim: strndup");
		exit(1);
	}
	free(d->address);
	d->address = a;
}

/* Set knob k from v (not NULL, except for K_LEGACY); 0 or -1. */
static int
set_knob(struct ns_device *d, enum knob k, const char *v)
{
	long n;
	int b;

	switch (k) {
	case K_HOSTNAME:
		replace(&d->hostname, v);
		d->seed = hash_str(v);
		return 0;
	case K_ADDRESS:
		set_address(d, v);
		return 0;
	case K_PORT:
		if (parse_long(v, 0, 65535, &n) == -1)
			return -1;
		d->port = (unsigned)n;
		return 0;
	case K_PLATFORM:
		return ns_platform_by_name(v, &d->platform);
	case K_USERNAME:
		replace(&d->username, v);
		return 0;
	case K_PASSWORD:
		replace(&d->password, v);
		return 0;
	case K_SECRET:
		replace(&d->secret, v);
		return 0;
	case K_BANNER:
		replace(&d->banner, v[0] == '\0' ? NULL : v);
		return 0;
	case K_AUTHORIZED_KEYS:
		replace(&d->authorized_keys, v);
		return 0;
	case K_AUTH:
		return parse_auth(v, &d->auth_methods);
	case K_LEGACY:
		if ((b = parse_bool(v)) == -1)
			return -1;
		d->legacy = b;
		return 0;
	case K_LATENCY:
		return parse_int(v, 0, 3600000, &d->latency_ms);
	case K_LOGIN_DELAY:
		return parse_int(v, 0, 3600000, &d->login_delay_ms);
	case K_BANNER_DELAY:
		return parse_int(v, 0, 3600000, &d->banner_delay_ms);
	case K_TRICKLE:
		return parse_int(v, 0, 1000000, &d->trickle);
	case K_INTERFACES:
		return parse_int(v, 1, 100000, &d->interfaces);
	case K_CONFIG_SIZE:
		return parse_long(v, 0, 1L << 30, &d->config_size);
	case K_FAULTS:
		return set_fault_list(d, v);
	case K_EOL:
		return parse_eol(v, d->eol, sizeof(d->eol));
	case K_ANSI_PROMPT:
		return set_bool(&d->ansi_prompt, v);
	case K_EARLY_ECHO:
		return parse_early_echo(v, &d->early_echo);
	case K_PRESS_ANY_KEY:
		return set_bool(&d->press_any_key, v);
	case K_LOGOUT_CONFIRM:
		return set_bool(&d->logout_confirm, v);
	case K_CHASSIS:
		replace(&d->chassis, v[0] == '\0' ? NULL : v);
		return 0;
	case K_LOGIN_SHELL:
		return set_bool(&d->login_shell, v);
	case K_FIXED_CLOCK:
		return set_bool(&d->fixed_clock, v);
	case K_FAIL_FIRST:
		return parse_int(v, 0, 1000000, &d->fail_first);
	}
	return -1;
}

int
ns_device_set(struct ns_device *d, const char *key, const char *value,
    char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++)
		if (strcmp(knobs[i].name, key) == 0)
			break;
	if (i < sizeof(knobs) / sizeof(knobs[0])) {
		if ((value != NULL || knobs[i].knob == K_LEGACY) &&
		    set_knob(d, knobs[i].knob, value) == 0)
			return 0;
	} else if (is_fault(key)) {
		if (set_fault(d, key, value) == 0)
			return 0;
	} else {
		snprintf(err, errlen, "unknown key '%s'", key);
		return -1;
	}
	snprintf(err, errlen, "bad value for '%s': '%s'", key,
	    value == NULL ? "" : value);
	return -1;
}

/* Mark the devices of RANGE ("all", "3", "1-10,15") in sel[0..n). */
static int
parse_range(const char *range, size_t n, unsigned char *sel)
{
	char buf[1024], *tok, *save, *dash, *end;
	unsigned long a, b, i;

	if (strcmp(range, "all") == 0 || strcmp(range, "*") == 0) {
		memset(sel, 1, n);
		return 0;
	}
	snprintf(buf, sizeof(buf), "%s", range);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		if ((dash = strchr(tok, '-')) != NULL)
			*dash++ = '\0';
		if (!isdigit((unsigned char)tok[0]))
			return -1;
		a = strtoul(tok, &end, 10);
		if (*end != '\0')
			return -1;
		b = a;
		if (dash != NULL) {
			if (!isdigit((unsigned char)dash[0]))
				return -1;
			b = strtoul(dash, &end, 10);
			if (*end != '\0')
				return -1;
		}
		if (a < 1 || b < a || b > n)
			return -1;
		for (i = a; i <= b; i++)
			sel[i - 1] = 1;
	}
	return 0;
}

static int
apply(struct ns_device *devs, size_t n, const char *range, const char *key,
    const char *value, char *err, size_t errlen)
{
	unsigned char *sel;
	size_t i;
	int rc = -1;

	if ((sel = calloc(n ? n : 1, 1)) == NULL)
		return -1;
	if (parse_range(range, n, sel) == -1) {
		snprintf(
		    err, errlen, "bad device range '%s' (1..%zu)", range, n);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (sel[i] && ns_device_set(&devs[i], key, value, err, errlen))
			goto out;
	rc = 0;
out:
	free(sel);
	return rc;
}

int
ns_device_set_spec(struct ns_device *devs, size_t n, const char *spec,
    char *err, size_t errlen)
{
	char buf[4096], *range = "all", *kv = buf, *colon, *eq;

	snprintf(buf, sizeof(buf), "%s", spec);
	colon = strchr(buf, ':');
	eq = strchr(buf, '=');
	if (colon != NULL && (eq == NULL || colon < eq)) {
		*colon = '\0';
		range = buf;
		kv = colon + 1;
		eq = strchr(kv, '=');
	}
	if (eq == NULL) {
		snprintf(err, errlen, "expected [RANGE:]KEY=VALUE: '%s'", spec);
		return -1;
	}
	*eq++ = '\0';
	return apply(devs, n, range, kv, eq, err, errlen);
}

int
ns_device_fault_spec(struct ns_device *devs, size_t n, const char *spec,
    char *err, size_t errlen)
{
	char buf[4096], *range = "all", *colon, *eq;

	snprintf(buf, sizeof(buf), "%s", spec);
	if ((colon = strchr(buf, ':')) != NULL) {
		*colon = '\0';
		range = colon + 1;
	}
	if ((eq = strchr(buf, '=')) != NULL)
		*eq++ = '\0';
	if (!is_fault(buf)) {
		snprintf(err, errlen, "unknown fault '%s'", buf);
		return -1;
	}
	return apply(devs, n, range, buf, eq, err, errlen);
}

static int
load_keys(struct ns_device *d, char *err, size_t errlen)
{
	FILE *f;
	char *line = NULL, *type, *b64, *save;
	size_t cap = 0;
	ssh_key key, *nk;
	int rc = -1;

	if (d->authorized_keys == NULL)
		return 0;
	if ((f = fopen(d->authorized_keys, "re")) == NULL) {
		snprintf(err, errlen, "%s: %s: %s", d->hostname,
		    d->authorized_keys, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		if ((type = strtok_r(line, " \t\r\n", &save)) == NULL ||
		    type[0] == '#')
			continue;
		if ((b64 = strtok_r(NULL, " \t\r\n", &save)) == NULL)
			continue;
		key = NULL;
		if (ssh_pki_import_pubkey_base64(
			b64, ssh_key_type_from_name(type), &key) != SSH_OK)
			continue;
		nk = realloc(d->keys, (d->nkeys + 1) * sizeof(*nk));
		if (nk == NULL) {
			ssh_key_free(key);
			goto out;
		}
		d->keys = nk;
		d->keys[d->nkeys++] = key;
	}
	rc = 0;
out:
	free(line);
	fclose(f);
	return rc;
}

int
ns_device_loopback(const char *addr)
{
	struct in6_addr a6;
	struct in_addr a;

	if (inet_pton(AF_INET, addr, &a) == 1)
		return (ntohl(a.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, addr, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

int
ns_device_ready(struct ns_device *d, char *err, size_t errlen)
{
	if (!ns_device_loopback(d->address)) {
		snprintf(err, errlen,
		    "%s: refusing address %s: only 127.0.0.0/8 and ::1 are "
		    "allowed",
		    d->hostname, d->address);
		return -1;
	}
	d->seed = hash_str(d->hostname);
	return load_keys(d, err, errlen);
}
