/*
 * sshconfig: the OpenSSH client configuration (ssh_config(5)) as ssh(1)
 * resolves it for one host, for the keywords netcollect uses: HostName,
 * Port, User, IdentityFile, IdentitiesOnly, ProxyJump, ProxyCommand,
 * StrictHostKeyChecking, UserKnownHostsFile, ConnectTimeout. Every other
 * ssh_config keyword is accepted and ignored; an unknown one is an error,
 * as in ssh. Host blocks, Match (all, host, originalhost, user,
 * localuser, negated), Include (glob, relative to ~/.ssh) and
 * IgnoreUnknown follow OpenSSH; Match exec, canonical, final,
 * localnetwork and tagged are refused at load with one error each.
 *
 * A file is read and checked once (sshconfig_load); each lookup then
 * walks it top to bottom for one host, first value wins, as ssh does on
 * every start. Loading does I/O (the files, glob, the passwd entry,
 * gethostname); a lookup only reads the environment (${VAR}). A loaded
 * config is immutable: lookups from several threads are fine. Nothing
 * here is safe in a signal handler.
 *
 * The reading is sshcfile's (sshcfile.h), ProxyJump hops are sshhop's
 * (sshhop.h).
 *
 * Errors are lines "file:line: message\n" appended to a struct buf (a
 * file that cannot be read is "file: message\n"), at most 100 of them
 * and then a count; the caller prints them and exits 2.
 */
#ifndef NC_SSHCONFIG_H
#define NC_SSHCONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "sshhop.h"
#include "util.h"

/* StrictHostKeyChecking. "no", "false" and "off" are all OFF, as in ssh. */
enum sshconfig_shk {
	SSHCONFIG_SHK_YES,
	SSHCONFIG_SHK_ASK, /* ssh's default; netcollect cannot ask */
	SSHCONFIG_SHK_ACCEPT_NEW,
	SSHCONFIG_SHK_OFF,
};

/* Bits of sshconfig_opts.set: the value came from the file. */
enum sshconfig_set {
	SSHCONFIG_SET_HOSTNAME = 1 << 0,
	SSHCONFIG_SET_PORT = 1 << 1,
	SSHCONFIG_SET_USER = 1 << 2,
	SSHCONFIG_SET_IDENTITY_FILE = 1 << 3,
	SSHCONFIG_SET_IDENTITIES_ONLY = 1 << 4,
	SSHCONFIG_SET_PROXY = 1
	    << 5, /* ProxyJump or ProxyCommand, "none" too */
	SSHCONFIG_SET_STRICT = 1 << 6,
	SSHCONFIG_SET_KNOWN_HOSTS = 1 << 7, /* "none" too */
	SSHCONFIG_SET_CONNECT_TIMEOUT = 1 << 8,
};

/* Most IdentityFile values one lookup keeps (ssh's limit). */
#define SSHCONFIG_MAX_IDENTITY_FILES 100
/*
 * What one lookup resolved, as `ssh -G` would print it. Every string is
 * owned by the record (sshconfig_opts_free). Values not in the file hold
 * ssh's defaults so the record is usable as it is; `set` says which came
 * from the file, so the inventory can decide what wins.
 */
struct sshconfig_opts {
	char *hostname; /* HostName (%h expanded) or the host, lowercase */
	unsigned port;	/* query, file, else 22 */
	char *user;	/* query, file, else the local user */
	char **identity_files; /* tokens and ~ expanded, in file order */
	size_t nidentity_files;
	int identities_only;
	/*
	 * At most one of these two. jump: the ProxyJump hops in connection
	 * order (jump[0] is contacted first), each still to be looked up
	 * (sshconfig_route does it). proxy_command: ProxyCommand with %h %p
	 * %r %n %% expanded, for /bin/sh -c. Both empty: connect directly.
	 */
	struct sshhop *jump;
	size_t njump;
	char *proxy_command;
	enum sshconfig_shk strict_host_key_checking; /* default ASK */
	char *known_hosts; /* the first UserKnownHostsFile, expanded; NULL when
			      unset or "none" */
	int known_hosts_none;	    /* UserKnownHostsFile none */
	int64_t connect_timeout_ms; /* 0: none (unset, or ConnectTimeout 0) */
	unsigned set;		    /* enum sshconfig_set bits */
};

/*
 * One lookup: the host as the device names it (what Host patterns see),
 * and what the caller already knows, which wins over the file the way
 * `ssh -l user -p port` does (and is what Match user sees).
 */
struct sshconfig_query {
	const char *host;
	const char *user; /* NULL: from the file, else the local user */
	unsigned port;	  /* 0: from the file, else 22 */
	/*
	 * Nonzero for the second and later hops of a ProxyJump list: ssh
	 * reaches those with an explicit -J, so their own ProxyJump and
	 * ProxyCommand lines do not apply.
	 */
	int no_proxy;
};

/* Who the files are read for. NULL members take the process's own. */
struct sshconfig_env {
	const char *home;      /* ~ and %d; default: the passwd entry's */
	const char *user;      /* %u, Match localuser; default: passwd name */
	const char *localhost; /* %l (and %L before the first dot) */
	int user_file; /* path is the user's own ~/.ssh/config: a missing file
			  is an empty config, and a file another user could
			  write is refused, as ssh does */
};

struct sshconfig;

/*
 * Read and check path and every file it includes. Returns the config, or
 * NULL with every problem found appended to err (it does not stop at the
 * first bad line). env may be NULL. Free with sshconfig_free().
 */
struct sshconfig *sshconfig_load(
    const char *path, const struct sshconfig_env *env, struct buf *err);
void sshconfig_free(struct sshconfig *cfg);

/* "~/.ssh/config" for env (NULL: this process's user), new string. */
char *sshconfig_default_path(const struct sshconfig_env *env);

/*
 * Resolve q->host. Fills *out (the caller frees it with
 * sshconfig_opts_free, on failure too) and returns 0; -1 with a line in
 * err when a value cannot be expanded (an unset ${VAR}).
 */
int sshconfig_lookup(const struct sshconfig *cfg,
    const struct sshconfig_query *q, struct sshconfig_opts *out,
    struct buf *err);
void sshconfig_opts_free(struct sshconfig_opts *opts);

/*
 * The hops to go through to reach a host resolved as dest, as ssh
 * follows them: each ProxyJump hop looked up with its user and port as
 * the query; the first hop's own ProxyJump is followed (recursively, its
 * hops come first) and its ProxyCommand kept, later hops get no proxy of
 * their own. On success *hops holds *nhops records in connection order
 * (only (*hops)[0] may have a proxy_command; none has a jump) and 0 is
 * returned; free each with sshconfig_opts_free and the array with
 * free(). -1 with a line in err on a lookup failure or more than
 * SSHHOP_MAX hops (a loop). No jump: 0 hops, *hops NULL.
 */
int sshconfig_route(const struct sshconfig *cfg,
    const struct sshconfig_opts *dest, struct sshconfig_opts **hops,
    size_t *nhops, struct buf *err);

/*
 * The keywords accepted, in their ssh_config(5) spelling, NULL-terminated
 * (for tests and completion).
 */
const char *const *sshconfig_keywords(void);

#endif
