/*
 * device: the per-device knobs of netsim and the one function that sets
 * them by name. The lab file, --set and --fault all go through
 * device_set(), so every knob has the same spelling everywhere. Ranges
 * ("1-10,15") select devices by their 1-based index.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

#include "ns_device.h"

static const struct {
	const char *name;
	enum platform_id id;
} platforms[] = {
    {"cisco_ios", PLAT_IOS},
    {"cisco_xe", PLAT_IOS},
    {"cisco_nxos", PLAT_NXOS},
    {"arista_eos", PLAT_EOS},
    {"cisco_asa", PLAT_ASA},
    {"hp_procurve", PLAT_PROCURVE},
    {"juniper_junos", PLAT_JUNOS},
    {"juniper", PLAT_JUNOS},
    {"linux", PLAT_LINUX},
};

static const struct {
	const char *name;
	unsigned bit;
} faults[] = {
    {"auth_fail", FAULT_AUTH_FAIL},
    {"hang_after_auth", FAULT_HANG_AFTER_AUTH},
    {"hang_mid_output", FAULT_HANG_MID_OUTPUT},
    {"disconnect_mid_output", FAULT_DISCONNECT_MID_OUTPUT},
    {"drop_on_connect", FAULT_DROP_ON_CONNECT},
    {"no_pty", FAULT_NO_PTY},
    {"garbage", FAULT_GARBAGE},
    {"prompt_in_output", FAULT_PROMPT_IN_OUTPUT},
};

int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

const char *
platform_name(enum platform_id p)
{
	switch (p) {
	case PLAT_IOS:
		return "cisco_ios";
	case PLAT_NXOS:
		return "cisco_nxos";
	case PLAT_EOS:
		return "arista_eos";
	case PLAT_ASA:
		return "cisco_asa";
	case PLAT_PROCURVE:
		return "hp_procurve";
	case PLAT_JUNOS:
		return "juniper_junos";
	case PLAT_LINUX:
		return "linux";
	}
	return "cisco_ios";
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
device_defaults(struct device *d, size_t index)
{
	char name[32];

	memset(d, 0, sizeof(*d));
	d->index = index;
	snprintf(name, sizeof(name), "R%zu", index);
	d->hostname = xstrdup(name);
	d->address = xstrdup("127.0.0.1");
	d->platform = PLAT_IOS;
	d->username = xstrdup("admin");
	d->password = xstrdup("admin");
	d->secret = xstrdup("s3cret");
	d->auth_methods = SSH_AUTH_METHOD_PASSWORD |
	    SSH_AUTH_METHOD_INTERACTIVE | SSH_AUTH_METHOD_PUBLICKEY;
	d->interfaces = 8;
	d->config_size = 8192;
	d->lfd = -1;
}

void
device_free(struct device *d)
{
	size_t i;

	free(d->hostname);
	free(d->address);
	free(d->username);
	free(d->password);
	free(d->secret);
	free(d->banner);
	free(d->authorized_keys);
	for (i = 0; i < d->nkeys; i++)
		ssh_key_free(d->keys[i]);
	free(d->keys);
}

static int
parse_num(const char *v, long min, long max, long *out)
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

/* Faults given as "fault=NAME" or "NAME=VALUE". */
static int
set_fault(struct device *d, const char *name, const char *value)
{
	size_t i;
	long n;
	int on;

	if (strcmp(name, "huge_output") == 0) {
		if (value == NULL)
			n = 10;
		else if (parse_num(value, 0, 1024, &n) == -1)
			return -1;
		d->huge_mb = (int)n;
		return 0;
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

int
device_set(struct device *d, const char *key, const char *value, char *err,
    size_t errlen)
{
	long n;
	size_t i;
	int b;

	if (value == NULL && !is_fault(key) && strcmp(key, "legacy") != 0)
		goto bad;
	if (strcmp(key, "hostname") == 0 || strcmp(key, "name") == 0) {
		replace(&d->hostname, value);
		d->seed = hash_str(value);
	} else if (strcmp(key, "address") == 0 || strcmp(key, "ip") == 0) {
		replace(&d->address, value);
	} else if (strcmp(key, "port") == 0) {
		if (parse_num(value, 0, 65535, &n) == -1)
			goto bad;
		d->port = (unsigned)n;
	} else if (strcmp(key, "platform") == 0 ||
	    strcmp(key, "device_type") == 0) {
		for (i = 0; i < sizeof(platforms) / sizeof(platforms[0]); i++)
			if (strcmp(platforms[i].name, value) == 0)
				break;
		if (i == sizeof(platforms) / sizeof(platforms[0]))
			goto bad;
		d->platform = platforms[i].id;
	} else if (strcmp(key, "username") == 0) {
		replace(&d->username, value);
	} else if (strcmp(key, "password") == 0) {
		replace(&d->password, value);
	} else if (strcmp(key, "secret") == 0) {
		replace(&d->secret, value);
	} else if (strcmp(key, "banner") == 0 || strcmp(key, "motd") == 0) {
		replace(&d->banner, value[0] == '\0' ? NULL : value);
	} else if (strcmp(key, "authorized_keys") == 0) {
		replace(&d->authorized_keys, value);
	} else if (strcmp(key, "auth") == 0) {
		if (parse_auth(value, &d->auth_methods) == -1)
			goto bad;
	} else if (strcmp(key, "legacy") == 0) {
		if ((b = parse_bool(value)) == -1)
			goto bad;
		d->legacy = b;
	} else if (strcmp(key, "latency") == 0) {
		if (parse_num(value, 0, 3600000, &n) == -1)
			goto bad;
		d->latency_ms = (int)n;
	} else if (strcmp(key, "login_delay") == 0) {
		if (parse_num(value, 0, 3600000, &n) == -1)
			goto bad;
		d->login_delay_ms = (int)n;
	} else if (strcmp(key, "banner_delay") == 0) {
		if (parse_num(value, 0, 3600000, &n) == -1)
			goto bad;
		d->banner_delay_ms = (int)n;
	} else if (strcmp(key, "trickle") == 0) {
		if (parse_num(value, 0, 1000000, &n) == -1)
			goto bad;
		d->trickle = (int)n;
	} else if (strcmp(key, "interfaces") == 0) {
		if (parse_num(value, 1, 100000, &n) == -1)
			goto bad;
		d->interfaces = (int)n;
	} else if (strcmp(key, "config_size") == 0) {
		if (parse_num(value, 0, 1L << 30, &n) == -1)
			goto bad;
		d->config_size = n;
	} else if (strcmp(key, "fault") == 0 || strcmp(key, "faults") == 0) {
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
				goto bad;
			}
		}
	} else if (is_fault(key)) {
		if (set_fault(d, key, value) == -1)
			goto bad;
	} else {
		snprintf(err, errlen, "unknown key '%s'", key);
		return -1;
	}
	return 0;
bad:
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
apply(struct device *devs, size_t n, const char *range, const char *key,
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
		if (sel[i] && device_set(&devs[i], key, value, err, errlen))
			goto out;
	rc = 0;
out:
	free(sel);
	return rc;
}

int
device_set_spec(
    struct device *devs, size_t n, const char *spec, char *err, size_t errlen)
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
device_fault_spec(
    struct device *devs, size_t n, const char *spec, char *err, size_t errlen)
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

int
device_load_keys(struct device *d, char *err, size_t errlen)
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
