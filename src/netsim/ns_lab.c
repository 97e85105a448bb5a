/*
 * ns_lab: reads a lab file (YAML) into device records. The file has an
 * optional "defaults:" mapping and one or more lists of device mappings
 * (usually "devices:"; any top-level key is a group, as in a netcollect
 * inventory); every key is a device knob as accepted by ns_device_set(), so
 * the lab file, --set and the man page share one vocabulary. Lists (auth,
 * faults) may be YAML sequences or comma-separated strings.
 *
 * A netcollect inventory is a lab file too: its keys name, ip/host and
 * device_type mean hostname, address and platform; its client-only keys
 * are ignored; and a device's "sim:" mapping holds the knobs netcollect
 * does not know (latency, faults, the device's real password...). "sim:"
 * is applied last, so it wins over the client's view.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "ns_device.h"
#include "ns_lab.h"

/* netcollect inventory keys and the knob each one means here. */
static const char *const aliases[][2] = {
    {"name", "hostname"},
    {"ip", "address"},
    {"host", "address"},
    {"device_type", "platform"},
};

/* netcollect inventory keys that only concern the client. */
static const char *const client_only[] = {"timeout", "read_timeout", "key_file",
    "passphrase", "use_agent", "host_key_check", "commands", "algorithms"};

static int apply_map(yaml_document_t *doc, yaml_node_t *map,
    struct ns_device *d, const char *path, char *err, size_t errlen);

static const char *
scalar(yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

/* Apply one key: value pair; a sequence value is joined with commas. */
static int
apply_pair(yaml_document_t *doc, struct ns_device *d, yaml_node_pair_t *p,
    const char *path, char *err, size_t errlen)
{
	yaml_node_t *k = yaml_document_get_node(doc, p->key);
	yaml_node_t *v = yaml_document_get_node(doc, p->value);
	char buf[2048] = "", msg[256];
	const char *key = scalar(k), *val;
	yaml_node_item_t *it;
	size_t len = 0;

	if (key == NULL) {
		snprintf(err, errlen, "%s: non-scalar key", path);
		return -1;
	}
	for (size_t i = 0; i < sizeof(client_only) / sizeof(*client_only); i++)
		if (strcmp(key, client_only[i]) == 0)
			return 0;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(*aliases); i++)
		if (strcmp(key, aliases[i][0]) == 0)
			key = aliases[i][1];
	if (v != NULL && v->type == YAML_SEQUENCE_NODE) {
		for (it = v->data.sequence.items.start;
		     it < v->data.sequence.items.top; it++) {
			val = scalar(yaml_document_get_node(doc, *it));
			if (val == NULL)
				continue;
			len += snprintf(buf + len, sizeof(buf) - len, "%s%s",
			    len ? "," : "", val);
			if (len >= sizeof(buf))
				break;
		}
		val = buf;
	} else if ((val = scalar(v)) == NULL) {
		snprintf(err, errlen, "%s:%zu: %s: expected a scalar", path,
		    k->start_mark.line + 1, key);
		return -1;
	}
	if (ns_device_set(d, key, val, msg, sizeof(msg)) == -1) {
		snprintf(err, errlen, "%s:%zu: %s", path,
		    k->start_mark.line + 1, msg);
		return -1;
	}
	return 0;
}

static int
is_sim(yaml_document_t *doc, yaml_node_pair_t *p)
{
	const char *key = scalar(yaml_document_get_node(doc, p->key));

	return key != NULL && strcmp(key, "sim") == 0;
}

static int
apply_map(yaml_document_t *doc, yaml_node_t *map, struct ns_device *d,
    const char *path, char *err, size_t errlen)
{
	yaml_node_pair_t *p;

	if (map->type != YAML_MAPPING_NODE) {
		snprintf(err, errlen, "%s:%zu: expected a mapping", path,
		    map->start_mark.line + 1);
		return -1;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		if (is_sim(doc, p))
			continue;
		if (apply_pair(doc, d, p, path, err, errlen) == -1)
			return -1;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++)
		if (is_sim(doc, p) &&
		    apply_map(doc, yaml_document_get_node(doc, p->value), d,
			path, err, errlen) == -1)
			return -1;
	return 0;
}

/* One lab file being read: where devices go and where errors go. */
struct lab {
	yaml_document_t *doc;
	yaml_node_t *defaults; /* the defaults: mapping, or NULL */
	const char *path;
	struct ns_device **devs;
	size_t *n;
	char *err;
	size_t errlen;
};

/* Append a device per item of list (a group named key). */
static int
load_group(struct lab *l, const char *key, yaml_node_t *list)
{
	yaml_node_item_t *it;
	struct ns_device *nd, *d;

	if (list == NULL || list->type != YAML_SEQUENCE_NODE) {
		snprintf(l->err, l->errlen,
		    "%s:%zu: %s: expected a list of devices", l->path,
		    list ? list->start_mark.line + 1 : 0, key);
		return -1;
	}
	for (it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		if ((nd = realloc(*l->devs, (*l->n + 1) * sizeof(*nd))) ==
		    NULL) {
			snprintf(
			    l->err, l->errlen, "%s: out of memory", l->path);
			return -1;
		}
		*l->devs = nd;
		d = &nd[*l->n];
		ns_device_defaults(d, *l->n + 1);
		(*l->n)++;
		if (l->defaults != NULL &&
		    apply_map(l->doc, l->defaults, d, l->path, l->err,
			l->errlen) == -1)
			return -1;
		if (apply_map(l->doc, yaml_document_get_node(l->doc, *it), d,
			l->path, l->err, l->errlen) == -1)
			return -1;
	}
	return 0;
}

/* Every top-level key but defaults: is a group of devices. */
static int
load_root(struct lab *l, yaml_node_t *root)
{
	yaml_node_pair_t *p;
	const char *key;
	size_t before = *l->n;

	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		snprintf(l->err, l->errlen,
		    "%s: expected a mapping with devices:", l->path);
		return -1;
	}
	for (p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		key = scalar(yaml_document_get_node(l->doc, p->key));
		if (key != NULL && strcmp(key, "defaults") == 0)
			l->defaults = yaml_document_get_node(l->doc, p->value);
	}
	for (p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		key = scalar(yaml_document_get_node(l->doc, p->key));
		if (key == NULL || strcmp(key, "defaults") == 0)
			continue;
		if (load_group(
			l, key, yaml_document_get_node(l->doc, p->value)) == -1)
			return -1;
	}
	if (*l->n == before) {
		snprintf(l->err, l->errlen,
		    "%s: no devices (expected a 'devices:' list)", l->path);
		return -1;
	}
	return 0;
}

int
ns_lab_load(const char *path, struct ns_device **devs, size_t *n, char *err,
    size_t errlen)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct lab l = {&doc, NULL, path, devs, n, err, errlen};
	FILE *f;
	int rc = -1;

	if ((f = fopen(path, "re")) == NULL) {
		snprintf(err, errlen, "%s: cannot open", path);
		return -1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		snprintf(err, errlen, "%s:%zu: %s", path,
		    parser.problem_mark.line + 1,
		    parser.problem ? parser.problem : "YAML error");
		goto out;
	}
	rc = load_root(&l, yaml_document_get_root_node(&doc));
	yaml_document_delete(&doc);
out:
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}

/* "ADDR:PORT" or "[ADDR]:PORT" into addr and *port; 0, or -1 with err. */
static int
parse_base(const char *base, char *addr, size_t cap, unsigned long *port,
    char *err, size_t errlen)
{
	const char *colon = strrchr(base, ':'), *a = base;
	size_t n;
	char *end;

	if (colon == NULL) {
		snprintf(err, errlen, "--base: expected ADDR:PORT");
		return -1;
	}
	n = (size_t)(colon - base);
	if (base[0] == '[' && n >= 2 && base[n - 1] == ']') {
		a = base + 1;
		n -= 2;
	}
	snprintf(addr, cap, "%.*s", (int)n, a);
	*port = strtoul(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || *port > 65535) {
		snprintf(err, errlen, "--base: bad port");
		return -1;
	}
	if (!ns_device_loopback(addr)) {
		snprintf(err, errlen,
		    "refusing address %s: only 127.0.0.0/8 and ::1 are allowed",
		    addr);
		return -1;
	}
	return 0;
}

/* Does a range of n devices from addr:port fit? 0, or -1 with err. */
static int
check_range(const char *addr, unsigned long port, size_t n, int per_port,
    char *err, size_t errlen)
{
	struct in_addr a;

	if (per_port && port != 0 && port + n - 1 > 65535) {
		snprintf(err, errlen, "--base: port range exceeds 65535");
		return -1;
	}
	if (per_port || n == 1)
		return 0;
	if (inet_pton(AF_INET, addr, &a) != 1) {
		if (port == 0)
			return 0; /* ::1 for all, a free port each */
		snprintf(err, errlen,
		    "--base: ::1 is one address: use --per-port or port 0");
		return -1;
	}
	if ((ntohl(a.s_addr) & 0xffffff) + n - 1 > 0xfffffe) {
		snprintf(
		    err, errlen, "--base: address range leaves 127.0.0.0/8");
		return -1;
	}
	return 0;
}

/* The address of device i (0-based) of a range starting at addr. */
static char *
nth_address(const char *addr, size_t i, int per_port)
{
	char abuf[INET_ADDRSTRLEN];
	struct in_addr a;

	if (per_port || inet_pton(AF_INET, addr, &a) != 1)
		return strdup(addr);
	a.s_addr = htonl(ntohl(a.s_addr) + (uint32_t)i);
	inet_ntop(AF_INET, &a, abuf, sizeof(abuf));
	return strdup(abuf);
}

int
ns_lab_generate(const char *base, size_t n, int per_port,
    struct ns_device **devs, size_t *ndevs, char *err, size_t errlen)
{
	char addr[64];
	unsigned long port;
	struct ns_device *d;
	size_t i;

	if (parse_base(base, addr, sizeof(addr), &port, err, errlen) == -1 ||
	    check_range(addr, port, n, per_port, err, errlen) == -1)
		return -1;
	if ((d = calloc(n, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	*devs = d;
	*ndevs = n;
	for (i = 0; i < n; i++) {
		ns_device_defaults(&d[i], i + 1);
		free(d[i].address);
		if ((d[i].address = nth_address(addr, i, per_port)) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		d[i].port = (unsigned)(port == 0 ? 0
			: per_port		 ? port + i
						 : port);
	}
	return 0;
}
