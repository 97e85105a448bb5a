/*
 * ns_match: a typed line against a platform's command table, the way IOS
 * reads it: each word is a keyword's unique prefix (the whole keyword on
 * platforms without abbreviations, and an exact keyword wins over longer
 * ones), "<N>" takes a number, and commands that need enable mode are
 * unknown outside it. Pure: no output, no state.
 */
#ifndef NS_MATCH_H
#define NS_MATCH_H

#include <stddef.h>

#include "ns_platform.h"

enum ns_match_status {
	NS_MATCH_OK = 0,
	NS_MATCH_INVALID,    /* no command has this word here (col) */
	NS_MATCH_AMBIGUOUS,  /* the word at col starts several keywords */
	NS_MATCH_INCOMPLETE, /* every candidate needs more words */
};

struct ns_match {
	enum ns_match_status status;
	const struct ns_command *cmd; /* NS_MATCH_OK: in p->commands */
	long num;		      /* the value of its "<N>", else 0 */
	size_t col;		      /* the offending word's column */
};

/* Match line (a NUL-terminated command line) against p; fills *m. */
void ns_match(const struct ns_platform *p, const char *line, int priv,
    struct ns_match *m);

#endif
