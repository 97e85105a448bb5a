/*
 * inventory: the devices to poll, loaded from YAML (the course's
 * devices.yaml format: top-level groups, each a list of devices, plus an
 * optional "defaults:" mapping merged into every device). Loading
 * validates everything; nothing runs when the file is invalid.
 */
#ifndef NC_INVENTORY_H
#define NC_INVENTORY_H

#include <stddef.h>
#include <stdint.h>

#include "knownhosts.h"
#include "platform.h"
#include "util.h"

struct device {
	size_t index;  /* position in the inventory (after selection) */
	char *name;    /* "name:", or the host when absent; unique */
	char *group;   /* top-level key the device was listed under */
	char *host;    /* "ip:" or "host:" */
	unsigned port; /* 1..65535, default 22 */
	char *device_type;
	const struct platform *platform;
	char *username;
	char *password; /* may be NULL (key or agent auth) */
	char *secret;	/* enable secret, may be NULL */
	char *key_file;
	char *passphrase;
	int use_agent;
	enum hostkey_mode host_key_check;
	/* SSH algorithm override, "kex=..;hostkey=..;cipher=..;mac=..". */
	char *algorithms;
	/* Per-device overrides in milliseconds; 0 = use the global one. */
	int64_t timeout_ms;	 /* overall per-device deadline */
	int64_t read_timeout_ms; /* per command */
	/* "shell: true": a linux host driven through its shell, not exec. */
	int shell;
	/* "device_errors: ignore": refusals do not fail the device. */
	int ignore_device_errors;
	/* "error_pattern:": a site's own refusal text (PCRE2), or NULL. */
	char *error_pattern;
	/* Per-device commands, or NULL/0 to use the command line's. */
	char **commands;
	size_t ncommands;
};

struct inventory {
	char *path;
	struct device *devices;
	size_t ndevices;
	int has_passwords; /* some password or secret is written in the file */
};

/*
 * Load and validate path into inv. On failure return -1 and put one
 * message per line in err, each naming the file, line and field
 * ("devices.yaml:5:3: routers[2]: unknown key 'pasword'"). ${NAME}
 * values are replaced from the environment (unset is an error).
 */
int inventory_load(const char *path, struct inventory *inv, struct buf *err);

/*
 * Keep only the devices matching the patterns: each a glob on name, group
 * or host; a leading '!' excludes. Devices are re-indexed. Returns the
 * number kept.
 */
size_t inventory_select(
    struct inventory *inv, char *const *patterns, size_t npatterns);

/*
 * The commands device d runs: its own "commands:" list when it has one,
 * else dflt (the command line's). *n is 0 when there are none.
 */
char *const *device_commands(
    const struct device *d, char *const *dflt, size_t ndflt, size_t *n);

/* Free everything, wiping passwords, secrets and passphrases. */
void inventory_free(struct inventory *inv);

#endif
