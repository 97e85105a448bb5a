/*
 * invfield: the keys a device (or the defaults:) mapping may hold, what
 * shape each value has, and the check of one value. Used by the scan
 * (invscan), which reports problems with their position, and by the
 * loader (invload), which builds its schema from the same list. Pure
 * and read-only: safe anywhere.
 */
#ifndef NC_INVFIELD_H
#define NC_INVFIELD_H

#include <stdint.h>

/* In this order in messages' did-you-mean ties and in key masks. */
enum invfield_key {
	FIELD_DEVICE_TYPE,
	FIELD_IP,
	FIELD_HOST,
	FIELD_PORT,
	FIELD_USERNAME,
	FIELD_PASSWORD,
	FIELD_SECRET,
	FIELD_NAME,
	FIELD_TIMEOUT,
	FIELD_READ_TIMEOUT,
	FIELD_KEY_FILE,
	FIELD_PASSPHRASE,
	FIELD_USE_AGENT,
	FIELD_HOST_KEY_CHECK,
	FIELD_ALGORITHMS,
	FIELD_SHELL,
	FIELD_DEVICE_ERRORS,
	FIELD_ERROR_PATTERN,
	FIELD_COMMANDS,
	FIELD_SIM,
	FIELD_COUNT
};

/* What a value must look like; every kind but the last two is a scalar. */
enum invfield_kind {
	KIND_DEVICE_TYPE,   /* a platform name */
	KIND_ADDRESS,	    /* no space or control character */
	KIND_WORD,	    /* the same, for a user name */
	KIND_TEXT,	    /* no control character */
	KIND_SECRET,	    /* anything; counts as a password in the file */
	KIND_PORT,	    /* decimal 1-65535 */
	KIND_DURATION,	    /* parse_seconds() */
	KIND_BOOL,	    /* keyword_bool */
	KIND_HOSTKEY,	    /* keyword_hostkey */
	KIND_ALGORITHMS,    /* kex=..;hostkey=..;cipher=..;mac=.. */
	KIND_DEVICE_ERRORS, /* keyword_device_errors */
	KIND_PATTERN,	    /* a PCRE2 pattern that compiles */
	KIND_COMMANDS,	    /* a list of non-empty strings */
	KIND_SIM,	    /* a mapping for netsim, not read here */
};

/* A set of keys, bit k for enum invfield_key k. */
typedef uint32_t invfield_mask;
#define FIELD_BIT(k) ((invfield_mask)1 << (k))

/* The key's name as written in the file. */
const char *invfield_name(enum invfield_key k);

enum invfield_kind invfield_kind(enum invfield_key k);

/* The key named name: 0 and *k, or -1 when there is none. */
int invfield_find(const char *name, enum invfield_key *k);

/* The key within two edits of name (for "did you mean"), or NULL. */
const char *invfield_suggest(const char *name);

/*
 * Check v, a scalar key's value after ${NAME} substitution. Returns NULL
 * when it is valid, else the message (malloc'd, the caller frees) that
 * follows "group[i]: " in the report, like "port: '22abc' is not a port
 * number (decimal 1-65535)".
 */
char *invfield_check(enum invfield_key k, const char *v);

#endif
