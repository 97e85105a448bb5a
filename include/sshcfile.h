/*
 * sshcfile: ssh_config(5) files read and checked into items, in file
 * order, for sshconfig's lookups to replay: Host and Match lines (the
 * block headers), the options netcollect uses with their values already
 * parsed, and Include lines holding the files they read (a tree: an item
 * owns its included files). Lines of keywords we ignore are checked for
 * syntax and dropped; an unknown keyword is an error, as in ssh.
 *
 * Loading does I/O (the files, glob); the tree it returns is immutable.
 * Errors are lines "file:line: message\n" appended to a struct buf (a
 * file that cannot be read is "file: message\n"), at most 100 and then a
 * count. Not for signal handlers. This is the reading half of sshconfig
 * (whose public types it uses); only sshconfig.c calls it.
 */
#ifndef NC_SSHCFILE_H
#define NC_SSHCFILE_H

#include <stddef.h>
#include <stdint.h>

#include "sshconfig.h"
#include "sshhop.h"
#include "sshkeyword.h"
#include "util.h"

enum sshcfile_crit_kind {
	SSHCFILE_CRIT_ALL,
	SSHCFILE_CRIT_HOST,
	SSHCFILE_CRIT_ORIGINALHOST,
	SSHCFILE_CRIT_USER,
	SSHCFILE_CRIT_LOCALUSER,
};

/* One criterion of a Match line. */
struct sshcfile_crit {
	enum sshcfile_crit_kind kind;
	int negate;
	char *arg; /* a pattern list; NULL for all */
};

enum sshcfile_item_kind {
	SSHCFILE_ITEM_HOST,
	SSHCFILE_ITEM_MATCH,
	SSHCFILE_ITEM_OPTION,
	SSHCFILE_ITEM_INCLUDE,
};

struct sshcfile;

struct sshcfile_item {
	enum sshcfile_item_kind kind;
	enum sshkeyword kw; /* SSHCFILE_ITEM_OPTION */
	const char *file;   /* the path of the file holding it */
	unsigned line;
	char **argv; /* Host patterns; option values (ProxyCommand: one, raw) */
	size_t argc;
	struct sshcfile_crit *crit; /* Match */
	size_t ncrit;
	struct sshcfile **files; /* Include */
	size_t nfiles;
	/* Values already parsed, by keyword. */
	unsigned port;
	int flag; /* IdentitiesOnly */
	enum sshconfig_shk shk;
	int none; /* ProxyJump, ProxyCommand, UserKnownHostsFile, ConnectTimeout */
	int64_t ms; /* ConnectTimeout */
	struct sshhop *hops;
	size_t nhops;
};

struct sshcfile {
	char *path;
	struct sshcfile_item *items;
	size_t nitems;
	size_t cap;
};

/*
 * Read path and every file it includes (relative Include paths and ~
 * are taken from home). check_perm: path is the user's own
 * ~/.ssh/config, so a missing file is an empty one and a file another
 * user could write is refused, as ssh does (included files are always
 * checked). Returns the tree, or NULL with every problem found appended
 * to err: loading goes on to the end so the user sees them all.
 */
struct sshcfile *sshcfile_load(
    const char *path, const char *home, int check_perm, struct buf *err);
void sshcfile_free(struct sshcfile *f);

#endif
