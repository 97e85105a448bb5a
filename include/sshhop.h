/*
 * sshhop: ProxyJump hops, "[user@]host[:port]" or
 * "ssh://[user@]host[:port]", in comma-separated lists as ssh_config(5)
 * and `ssh -J` take them (an IPv6 address in brackets). Pure;
 * thread-safe.
 */
#ifndef NC_SSHHOP_H
#define NC_SSHHOP_H

#include <stddef.h>

#include "util.h"

/* Most hops one list may name, and sshconfig_route() follows. */
#define SSHHOP_MAX 16

struct sshhop {
	char *user;    /* NULL when the hop names none */
	char *host;    /* an IPv6 address without its brackets */
	unsigned port; /* 0 when the hop names none */
};

/*
 * Parse a list ("none" gives 0 hops) into a new array of *nhops hops
 * (free with sshhop_free_list). Returns 0, or -1 with a reason in err:
 * no line break and no file name, quoting the value's bytes as they are
 * (escape them before showing them).
 */
int sshhop_parse_list(
    const char *spec, struct sshhop **hops, size_t *nhops, struct buf *err);
void sshhop_free_list(struct sshhop *hops, size_t nhops);

/* A deep copy of n hops (NULL for none). */
struct sshhop *sshhop_copy_list(const struct sshhop *hops, size_t n);

/* "user@host:port" with what is set, IPv6 in brackets; new string. */
char *sshhop_string(const struct sshhop *hop);

#endif
