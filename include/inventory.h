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

/* One data: entry (free-form, for --pipe and the json output). */
struct device_data {
	char *key;   /* letters, digits, '_' as written: "site" */
	char *value; /* the scalar as text */
};

struct device {
	size_t index;	/* position in the inventory (after selection) */
	char *name;	/* "name:", or the host when absent; unique */
	char *group;	/* top-level key the device was listed under */
	char *host;	/* "ip:" or "host:", without brackets or port: "::1" */
	unsigned port;	/* 1..65535: the address's, "port:", or 22 */
	int port_given; /* the address or port: said it (not the 22) */
	char *device_type; /* the platform's name (cisco_ios_ssh: cisco_ios) */
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
	/* Per-device commands, or NULL/0 to use the command line's. */
	char **commands;
	size_t ncommands;
	/* Per-device stage timeouts (Netmiko's conn_timeout, auth_timeout). */
	int64_t connect_timeout_ms; /* 0 = the command line's */
	int64_t auth_timeout_ms;    /* 0 = the command line's */
	char *session_log;	    /* this device's transcript file, or NULL */
	char *ssh_config; /* ssh_config: (ssh_config_file:) path, or NULL */
	int no_enable;	  /* enable: false: never send the enable command */
	int shell; /* shell: true: the interactive shell, even on linux */
	/* device_errors: ignore: refusals (error patterns) do not fail it. */
	int ignore_device_errors;
	/* error_pattern: extra PCRE2 patterns (compiled fine at load). */
	char **error_patterns;
	size_t nerror_patterns;
	/* data: in the order of first appearance in the file. */
	struct device_data *data;
	size_t ndata;
};

struct inventory {
	char *path;
	struct device *devices;
	size_t ndevices;
	int has_passwords; /* some password or secret is written in the file */
	/* One line about settings accepted but ignored (Netmiko's), or NULL. */
	char *notice;
	/* The environment variables ${NAME} secrets came from, each once. */
	char **secret_vars;
	size_t nsecret_vars;
};

/* How messages and inv->path name an inventory read from stdin. */
#define INVENTORY_STDIN "<stdin>"

struct hostlist;

/*
 * Load and validate path into inv; "-" reads stdin to its end. On
 * failure return -1 and put one message per line in err, each naming the
 * file, line and field ("devices.yaml:5:3: routers[2]: unknown key
 * 'pasword'"). ${NAME} values are replaced from the environment (unset is
 * an error).
 */
int inventory_load(const char *path, struct inventory *inv, struct buf *err);

/*
 * Keep only the devices sel selects (hostlist_selects) by their name,
 * group, host or host:port label ("[::1]:2222"): --limit's "R1,R2",
 * "R[1-10]", "core*", "!lab". Devices are re-indexed. Returns the number
 * kept.
 */
size_t inventory_select(struct inventory *inv, const struct hostlist *sel);

/*
 * Keep only the devices for which keep(d, arg) is nonzero (in their
 * order; the others are freed, wiped). Devices are re-indexed. Returns
 * the number kept. --shard and --rerun-failed select through it.
 */
size_t inventory_filter(struct inventory *inv,
    int (*keep)(const struct device *d, void *arg), void *arg);

/*
 * The commands device d runs: its own "commands:" list when it has one,
 * else dflt (the command line's). *n is 0 when there are none.
 */
char *const *device_commands(
    const struct device *d, char *const *dflt, size_t ndflt, size_t *n);

/*
 * "[::1]:2222", "10.0.0.1:22": the device's host and port as one label,
 * the host in brackets when it is an IPv6 address. Malloc'd.
 */
char *device_hostport(const struct device *d);

/* "NC_DATA_SITE=paris": data entry e as a variable for --pipe. Malloc'd. */
char *device_data_var(const struct device_data *e);

/* Free everything, wiping passwords, secrets and passphrases. */
void inventory_free(struct inventory *inv);

#endif
