/*
 * invload: the second pass, libcyaml's typed load of the document the
 * scan produced (every value already checked, ${NAME} already replaced),
 * through a schema built at run time for the groups the scan found. It
 * reports no positions: a libcyaml error here means the scan missed
 * something, and says so.
 */
#ifndef NC_INVLOAD_H
#define NC_INVLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invscan.h"
#include "util.h"

/*
 * One device or the defaults, as written: a key the mapping does not hold
 * is NULL or 0 here (the scan's keys mask says which it holds).
 */
struct invload_device {
	char *device_type;
	char *ip;
	char *host;
	uint16_t port;
	char *username;
	char *password;
	char *secret;
	char *name;
	char *timeout; /* durations as written: parse_seconds() */
	char *read_timeout;
	char *key_file;
	char *passphrase;
	bool use_agent;
	int host_key_check; /* enum hostkey_mode */
	char *algorithms;
	char **commands;
	unsigned commands_count;
	char *connect_timeout;
	char *auth_timeout;
	char *session_log;
	char *ssh_config;
	bool use_keys;
	bool ssh_strict;
	bool enable;
	bool shell;
	int device_errors; /* keyword_device_errors: 1 ignore */
	char **error_pattern;
	unsigned error_pattern_count;
	/* data: value of the scan's data_keys[i], or NULL; NULL: no data: */
	char **data;
};

struct invload;

/*
 * Load s->doc (s had no problem). Returns NULL with one line in err when
 * libcyaml refuses it.
 */
struct invload *invload_run(const struct invscan *s, struct buf *err);

/* The defaults: mapping, or NULL when the file has none. */
const struct invload_device *invload_defaults(const struct invload *l);

/* The number of devices in the scan's group g, and device i of it. */
size_t invload_count(const struct invload *l, size_t g);
const struct invload_device *invload_device(
    const struct invload *l, size_t g, size_t i);

/* Free everything, wiping passwords, secrets and passphrases. */
void invload_free(struct invload *l);

#endif
