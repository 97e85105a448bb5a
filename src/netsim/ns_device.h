/*
 * ns_device: the records every part of netsim shares. A device is a plain
 * record built once at start (generated or read from a lab file), set
 * knob by knob through ns_device_set(), and never freed before exit;
 * sessions point at their device. The counters are the server's, read by
 * main for the stats file.
 */
#ifndef NS_DEVICE_H
#define NS_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include <libssh/libssh.h>

#include "ns_platform.h"

/* Fault bits; huge_output carries a size and lives in its own field. */
enum ns_fault {
	NS_FAULT_AUTH_FAIL = 1 << 0,
	NS_FAULT_HANG_AFTER_AUTH = 1 << 1,
	NS_FAULT_HANG_MID_OUTPUT = 1 << 2,
	NS_FAULT_DISCONNECT_MID_OUTPUT = 1 << 3,
	NS_FAULT_DROP_ON_CONNECT = 1 << 4,
	NS_FAULT_NO_PTY = 1 << 5,
	NS_FAULT_GARBAGE = 1 << 6,
	NS_FAULT_PROMPT_IN_OUTPUT = 1 << 7,
};

struct ns_device {
	size_t index; /* 1-based, as used by --set ranges */
	char *hostname;
	char *address;
	unsigned port; /* 0 until bound when asked for a kernel port */
	enum ns_platform_id platform;
	char *username;
	char *password;
	char *secret;
	char *banner;	       /* MOTD shown before the first prompt, or NULL */
	char *authorized_keys; /* path, or NULL */
	ssh_key *keys;	       /* loaded from authorized_keys */
	size_t nkeys;
	int auth_methods; /* SSH_AUTH_METHOD_* bits */
	int legacy;
	int latency_ms;
	int login_delay_ms;
	int banner_delay_ms;
	int trickle; /* bytes per ms, 0 = unlimited */
	unsigned faults;
	int fail_first; /* drop this many connections first */
	int failed;	/* connections dropped by fail_first so far */
	int huge_mb;
	int interfaces;
	long config_size; /* bytes of show running-config, roughly */
	uint64_t seed;	  /* of the generated output; from the hostname */
	int lfd;	  /* listening socket, -1 until bound */
	/* CLI quirks (netsim(1), KNOBS FOR QUIRKS) */
	char eol[4];	    /* the line ending: \r\n, \r\r\n or \r\n\r */
	int ansi_prompt;    /* the prompt in colour escapes */
	int early_echo;	    /* input echoed while busy: 0 no, 1 once, 2 twice */
	int press_any_key;  /* banner and "Press any key" before the prompt */
	int logout_confirm; /* logout asks, and asks to save changes */
	char *chassis;	    /* "master:0": {master:0} above each prompt */
	int login_shell;    /* Junos: land in the shell; "cli" starts the CLI */
	int fixed_clock;    /* every clock reads Sat Mar  3 17:49:03.596 2018 */
	/* the configuration, shared by the device's sessions */
	struct ns_config *config;    /* committed edits, never NULL */
	struct ns_config *candidate; /* Junos: uncommitted edits, never NULL */
};

/* What the server counted; written to the stats file. */
struct ns_stats {
	unsigned long connections;
	unsigned long auth_failures;
	unsigned long sessions;
	unsigned long max_sessions;
	unsigned long commands;
	unsigned long forwarded; /* direct-tcpip channels opened */
};

/* A device with every default, named R<index>; exits on no memory. */
void ns_device_defaults(struct ns_device *d, size_t index);
/*
 * Set one knob by name ("latency", "fault", "auth_fail", ...). value may be
 * NULL only for a fault or "legacy" (meaning on). 0, or -1 with a message
 * in err.
 */
int ns_device_set(struct ns_device *d, const char *key, const char *value,
    char *err, size_t errlen);
/* Apply "[RANGE:]KEY=VALUE" to the devices in range; 0 or -1 with err. */
int ns_device_set_spec(struct ns_device *devs, size_t n, const char *spec,
    char *err, size_t errlen);
/* Apply "NAME[=VALUE][:RANGE]" (a fault) to the devices in range. */
int ns_device_fault_spec(struct ns_device *devs, size_t n, const char *spec,
    char *err, size_t errlen);
/*
 * Make d ready to serve: refuse an address outside loopback, seed the
 * output from the hostname, load the authorized keys. 0, or -1 with a
 * message naming the device in err.
 */
int ns_device_ready(struct ns_device *d, char *err, size_t errlen);
/* 1 when addr is an IPv4 address in 127.0.0.0/8 or the IPv6 ::1. */
int ns_device_loopback(const char *addr);
/* Free what d owns (not d itself). */
void ns_device_free(struct ns_device *d);

#endif
