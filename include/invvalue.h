/*
 * invvalue: the scan of one key's value in a device (or the defaults)
 * mapping, on the scan's cursor: what the scan learns (secrets written in
 * the file, data: keys) goes into out, problems into probs.
 */
#ifndef NC_INVVALUE_H
#define NC_INVVALUE_H

#include "invcursor.h"
#include "invfield.h"
#include "invproblem.h"
#include "invscan.h"

struct invvalue {
	struct invcursor *c;
	struct invscan *out;
	struct invproblems *probs;
};

/*
 * The current event starts key k's value, the key written as name, in
 * the mapping ctx names ("routers[2]"). Check it, leaving its last event
 * current. Returns 0, or -1 on a syntax error (recorded).
 */
int invvalue_scan(
    struct invvalue *v, const char *ctx, enum invfield_key k, const char *name);

#endif
