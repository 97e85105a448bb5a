/*
 * invproblem: the problems found in an inventory file, each with its
 * position, reported together sorted by position, one line each
 * ("devices.yaml:5:3: routers[2]: unknown key 'pasword'").
 */
#ifndef NC_INVPROBLEM_H
#define NC_INVPROBLEM_H

#include <stddef.h>

#include "util.h"

struct invproblem;

struct invproblems {
	const char *path; /* the file, as named in messages */
	struct invproblem *list;
	size_t n;	/* kept (at most a hundred) */
	size_t nerrors; /* found, including those not kept */
};

/*
 * Record a problem at line:col (1-based; 0 0 for the whole file). The
 * message is made safe for a terminal: control bytes are escaped and it
 * is cut after a few hundred bytes.
 */
void invproblem_add(struct invproblems *p, unsigned line, unsigned col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Forget every problem found so far. */
void invproblem_clear(struct invproblems *p);

/*
 * Append the problems to err sorted by position (in the order found when
 * equal), one line each, then how many more were not kept.
 */
void invproblem_report(struct invproblems *p, struct buf *err);

void invproblem_free(struct invproblems *p);

#endif
