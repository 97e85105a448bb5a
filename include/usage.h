/*
 * usage: what netcollect says about its own command line: the --help
 * text, a usage error, and the answer to a mistyped long option.
 *
 * Errors go to stderr as two lines ("netcollect: WHAT", then a pointer
 * to --help), each with one write(), so they never interleave with other
 * processes' lines. Safe from any thread; not in a signal handler.
 */
#ifndef NC_USAGE_H
#define NC_USAGE_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

/* The --help text, to fp. */
void usage_print(FILE *fp);

/* One usage error (a printf format and its arguments). Returns -1. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * An unknown long option (name, len bytes: without its "--" and
 * "=value") against the long options getopt_long knows (longopts, ended
 * by a NULL name): "ambiguous (--a, --b)" when it begins several names,
 * else "did you mean '--x'?" when one name is at most two edits away
 * (and at most half the word's length), else plain "unknown option".
 * Returns -1.
 */
int usage_unknown_long(
    const char *name, size_t len, const struct option *longopts);

#endif
