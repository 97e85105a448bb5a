/*
 * invfield: the keys a device (or the defaults:) mapping may hold, the
 * other spellings accepted for them (a Netmiko ConnectHandler file's),
 * the Netmiko settings accepted and ignored, what shape each value has,
 * and the check of one value. Used by the scan (invscan), which reports
 * problems with their position, and by the loader (invload), which
 * builds its schema from the same lists. Pure and read-only: safe
 * anywhere.
 */
#ifndef NC_INVFIELD_H
#define NC_INVFIELD_H

#include <stddef.h>
#include <stdint.h>

#include "keyword.h"
#include "platform.h"

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
	FIELD_COMMANDS,
	FIELD_SIM,
	FIELD_CONNECT_TIMEOUT,
	FIELD_AUTH_TIMEOUT,
	FIELD_SESSION_LOG,
	FIELD_SSH_CONFIG,
	FIELD_USE_KEYS,
	FIELD_SSH_STRICT,
	FIELD_ENABLE,
	FIELD_SHELL,
	FIELD_DEVICE_ERRORS,
	FIELD_ERROR_PATTERN,
	FIELD_DATA,
	FIELD_COUNT
};

/* What a value must look like. */
enum invfield_kind {
	KIND_DEVICE_TYPE, /* a platform name or a Netmiko alias of one */
	KIND_ADDRESS,	  /* host, IPv6 literal, [host] or [host]:port */
	KIND_WORD,	  /* no space or control character (a user name) */
	KIND_TEXT,	  /* no control character */
	KIND_SECRET,	  /* anything; counts as a password in the file */
	KIND_PORT,	  /* decimal 1-65535 */
	KIND_DURATION,	  /* parse_seconds() */
	KIND_BOOL,	  /* keyword_bool */
	KIND_HOSTKEY,	  /* keyword_hostkey */
	KIND_DEVERRORS,	  /* keyword_device_errors */
	KIND_ALGORITHMS,  /* kex=..;hostkey=..;cipher=..;mac=.. */
	KIND_COMMANDS,	  /* a list of non-empty strings */
	KIND_PATTERNS,	  /* a PCRE2 pattern, or a list of them */
	KIND_DATA,	  /* a mapping of names to scalars */
	KIND_SIM,	  /* a mapping for netsim, not read here */
};

/* A set of keys, bit k for enum invfield_key k. */
typedef uint32_t invfield_mask;
#define FIELD_BIT(k) ((invfield_mask)1 << (k))
_Static_assert(FIELD_COUNT <= 32, "invfield_mask holds every key");

/* The key's name as written in netcollect's own files. */
const char *invfield_name(enum invfield_key k);

enum invfield_kind invfield_kind(enum invfield_key k);

/*
 * Every spelling a mapping may use, i from 0 to invfield_spellings()-1:
 * the keys' own names, then other names for them (Netmiko's allow_agent,
 * conn_timeout, ...), then the Netmiko settings that mean nothing here.
 * Returns the spelling; *k is its key, or -1 for an ignored setting.
 */
size_t invfield_spellings(void);
const char *invfield_spelling(size_t i, int *k);

/*
 * The spelling name: its index and 0, or -1 when the name is unknown.
 * *k is as invfield_spelling()'s.
 */
int invfield_lookup(const char *name, size_t *i, int *k);

/* The spelling within two edits of name (for "did you mean"), or NULL. */
const char *invfield_suggest(const char *name);

/*
 * Check v, the scalar value of key k written as spelled, after ${NAME}
 * substitution. Returns NULL when it is valid, else the message
 * (malloc'd, the caller frees) that follows "group[i]: " in the report,
 * like "port: '22abc' is not a port number (decimal 1-65535)".
 */
char *invfield_check(enum invfield_key k, const char *spelled, const char *v);

/*
 * The platform a device_type names (its own name, or a Netmiko alias
 * such as cisco_ios_ssh or juniper), or NULL.
 */
const struct platform *invfield_platform(const char *name);

/*
 * Split an address invfield_check() accepted ("10.0.0.1", "::1",
 * "[::1]", "[::1]:2222", "r1:2222") into the host, without brackets
 * (malloc'd), and its port (0 when it gives none).
 */
char *invfield_address(const char *v, unsigned *port);

/*
 * A data: key (letters, digits, '_'; not starting with a digit; at
 * most 64 bytes): 0, or -1.
 */
int invfield_data_key(const char *name);

#endif
