/*
 * lab: reads a lab file (YAML) into device records. The file has an
 * optional "defaults:" mapping and one or more lists of device mappings
 * (usually "devices:"; any top-level key is a group, as in a netcollect
 * inventory); every key is a device knob as accepted by device_set(), so
 * the lab file, --set and the man page share one vocabulary. Lists (auth,
 * faults) may be YAML sequences or comma-separated strings.
 *
 * A netcollect inventory is a lab file too: its keys name, ip/host and
 * device_type mean hostname, address and platform; its client-only keys
 * are ignored; and a device's "sim:" mapping holds the knobs netcollect
 * does not know (latency, faults, the device's real password...). "sim:"
 * is applied last, so it wins over the client's view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "ns_device.h"

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

static int apply_map(yaml_document_t *doc, yaml_node_t *map, struct device *d,
    const char *path, char *err, size_t errlen);

static const char *
scalar(yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

/* Apply one key: value pair; a sequence value is joined with commas. */
static int
apply_pair(yaml_document_t *doc, struct device *d, yaml_node_pair_t *p,
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
	if (device_set(d, key, val, msg, sizeof(msg)) == -1) {
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
apply_map(yaml_document_t *doc, yaml_node_t *map, struct device *d,
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

int
lab_load(
    const char *path, struct device **devs, size_t *n, char *err, size_t errlen)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *defaults = NULL, *list = NULL;
	yaml_node_pair_t *p;
	yaml_node_item_t *it;
	struct device *nd;
	FILE *f;
	const char *key;
	int rc = -1, have_doc = 0;
	size_t ndevs = 0;

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
	have_doc = 1;
	root = yaml_document_get_root_node(&doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		snprintf(
		    err, errlen, "%s: expected a mapping with devices:", path);
		goto out;
	}
	for (p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		key = scalar(yaml_document_get_node(&doc, p->key));
		if (key != NULL && strcmp(key, "defaults") == 0)
			defaults = yaml_document_get_node(&doc, p->value);
	}
	for (p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		key = scalar(yaml_document_get_node(&doc, p->key));
		list = yaml_document_get_node(&doc, p->value);
		if (key == NULL || strcmp(key, "defaults") == 0)
			continue;
		if (list == NULL || list->type != YAML_SEQUENCE_NODE) {
			snprintf(err, errlen,
			    "%s:%zu: %s: expected a list of "
			    "devices",
			    path, list ? list->start_mark.line + 1 : 0, key);
			goto out;
		}
		for (it = list->data.sequence.items.start;
		     it < list->data.sequence.items.top; it++) {
			nd = realloc(*devs, (*n + 1) * sizeof(*nd));
			if (nd == NULL)
				goto out;
			*devs = nd;
			device_defaults(&nd[*n], *n + 1);
			(*n)++;
			if (defaults != NULL &&
			    apply_map(&doc, defaults, &nd[*n - 1], path, err,
				errlen) == -1)
				goto out;
			if (apply_map(&doc, yaml_document_get_node(&doc, *it),
				&nd[*n - 1], path, err, errlen) == -1)
				goto out;
			ndevs++;
		}
	}
	if (ndevs == 0) {
		snprintf(err, errlen,
		    "%s: no devices (expected a 'devices:' "
		    "list)",
		    path);
		goto out;
	}
	rc = 0;
out:
	if (have_doc)
		yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}
