/*
 * netsim: shared records of the SSH network-device simulator. A device is
 * a plain record built once at start (generated or read from a lab file)
 * and never freed before exit; sessions point at their device.
 */
#ifndef NETSIM_H
#define NETSIM_H

#include <stddef.h>
#include <stdint.h>

#include <libssh/libssh.h>

enum platform_id {
	PLAT_IOS = 0,
	PLAT_NXOS,
	PLAT_EOS,
	PLAT_ASA,
	PLAT_PROCURVE,
	PLAT_JUNOS,
	PLAT_LINUX,
};

/* Fault bits; huge_output carries a size and lives in its own field. */
enum fault {
	FAULT_AUTH_FAIL = 1 << 0,
	FAULT_HANG_AFTER_AUTH = 1 << 1,
	FAULT_HANG_MID_OUTPUT = 1 << 2,
	FAULT_DISCONNECT_MID_OUTPUT = 1 << 3,
	FAULT_DROP_ON_CONNECT = 1 << 4,
	FAULT_NO_PTY = 1 << 5,
	FAULT_GARBAGE = 1 << 6,
	FAULT_PROMPT_IN_OUTPUT = 1 << 7,
};

struct device {
	size_t index; /* 1-based, as used by --set ranges */
	char *hostname;
	char *address;
	unsigned port; /* 0 until bound when asked for a kernel port */
	enum platform_id platform;
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
	int huge_mb;
	int interfaces;
	long config_size; /* bytes of show running-config, roughly */
	uint64_t seed;
	int lfd; /* listening socket */
};

struct stats {
	unsigned long connections;
	unsigned long auth_failures;
	unsigned long sessions;
	unsigned long max_sessions;
	unsigned long commands;
};

extern struct stats stats;

/* device.c */
void device_defaults(struct device *d, size_t index);
/* Set one knob by name ("latency", "fault", "auth_fail", ...); 0 or -1. */
int device_set(struct device *d, const char *key, const char *value, char *err,
    size_t errlen);
/* Apply "[RANGE:]KEY=VALUE" to the devices in range; 0 or -1. */
int device_set_spec(
    struct device *devs, size_t n, const char *spec, char *err, size_t errlen);
/* Apply "NAME[=VALUE][:RANGE]" (a fault) to the devices in range. */
int device_fault_spec(
    struct device *devs, size_t n, const char *spec, char *err, size_t errlen);
const char *platform_name(enum platform_id p);
int device_load_keys(struct device *d, char *err, size_t errlen);
void device_free(struct device *d);
uint64_t hash_str(const char *s);

/* lab.c: read a lab file; devices appended to *devs. 0 or -1 with err. */
int lab_load(const char *path, struct device **devs, size_t *n, char *err,
    size_t errlen);

/* time */
int64_t now_ms(void);

#endif
