/*
 * group: --group (like dshbak -c). For each command, the devices whose
 * output is byte-identical form one group, named by the compressed list
 * of their names (hostlist_compress: "R[1-20]"). Groups come command by
 * command (in the order commands first appear), largest first, ties in
 * inventory order. Only commands that completed are grouped.
 */
#ifndef NC_GROUP_H
#define NC_GROUP_H

#include <stddef.h>

#include "inventory.h"
#include "options.h"
#include "result.h"

struct group {
	const char *command; /* borrowed from the config or the inventory */
	const char *output;  /* borrowed from the first device's result */
	size_t len;
	size_t *devices; /* inventory indices, ascending */
	size_t ndevices;
	char *names; /* the devices as "R[1-20]" */
};

/*
 * Group results[0..inv->ndevices) (NULL entries skipped). The groups
 * borrow from results, cfg and inv, which must outlive them. Returns an
 * array of *n groups (NULL when *n is 0).
 */
struct group *group_build(struct result *const *results,
    const struct config *cfg, const struct inventory *inv, size_t *n);

void group_free(struct group *g, size_t n);

#endif
