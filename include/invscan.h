/*
 * invscan: the first pass over an inventory file, with libyaml's event
 * parser. It sees every key, value and position, so it is where problems
 * are found and placed (file:line:col), where unknown keys get their
 * "did you mean", and where ${NAME} values are read from the environment.
 * What it learns: the group names, where each device starts and which
 * keys it holds, and the document for the loader (invload) to read: the
 * same YAML with every ${NAME} replaced by its value. Nothing else in the
 * inventory reads the environment or reports a position.
 */
#ifndef NC_INVSCAN_H
#define NC_INVSCAN_H

#include <stddef.h>
#include <stdint.h>

#include "invfield.h"
#include "invproblem.h"
#include "util.h"

struct invscan_device {
	unsigned line, col; /* where its mapping starts; 0: not a mapping */
	invfield_mask keys; /* the keys it holds */
};

struct invscan_group {
	char *name;
	unsigned line, col;
	struct invscan_device *devs; /* in file order */
	size_t ndevs, cap;
};

struct invscan {
	struct invscan_group *groups;
	size_t ngroups;
	int have_defaults;
	invfield_mask defaults_keys;
	size_t ndevices;
	int has_passwords; /* a password or secret is written in the file */
	/* The environment variables secrets came from (${NAME}), each once. */
	char **secret_vars;
	size_t nsecret_vars;
	/* Settings seen that mean nothing here: bit i for spelling i. */
	uint64_t ignored;
	/* Every data: key of the file, in the order of first appearance. */
	char **data_keys;
	size_t ndata_keys;
	/* The document to load (secrets inside; wiped by invscan_free). */
	unsigned char *doc;
	size_t doclen;
	struct invproblems problems; /* what was found wrong, and where */
};

/*
 * Scan len bytes of path's contents (data[len] is NUL) into s. Returns 0
 * when there was no problem (s->doc is then set), -1 otherwise. Either
 * way s holds what was learnt, and its problems, until invscan_free().
 */
int invscan_run(
    struct invscan *s, const char *path, const unsigned char *data, size_t len);

/* Free what s holds, wiping the document. */
void invscan_free(struct invscan *s);

#endif
