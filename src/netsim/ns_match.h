/*
 * ns_match: a typed line against a command table, the way IOS reads it:
 * each word is a keyword's unique prefix (the whole keyword on platforms
 * without abbreviations; an exact keyword wins over longer ones, and a
 * keyword over a placeholder), placeholders take arguments (see struct
 * ns_command), and commands that need enable mode are unknown outside
 * it. The result carries the line with every keyword in full, which is
 * what a configuration stores. Pure: no output, no state.
 */
#ifndef NS_MATCH_H
#define NS_MATCH_H

#include <stddef.h>

#include "ns_platform.h"

#define NS_LINE_MAX 1024

enum ns_match_status {
	NS_MATCH_OK = 0,
	NS_MATCH_INVALID,    /* no command has this word here (col) */
	NS_MATCH_AMBIGUOUS,  /* the word at col starts several keywords */
	NS_MATCH_INCOMPLETE, /* every candidate needs more words */
	NS_MATCH_PRIVILEGED, /* invalid at col, but fine in enable mode */
};

struct ns_match {
	enum ns_match_status status;
	const struct ns_command *cmd; /* NS_MATCH_OK: in the table */
	long num;		      /* the value of its last "<N>", else 0 */
	size_t col;		      /* the offending word's column */
	size_t arg;		      /* where "<L>" starts in the line */
	char line[NS_LINE_MAX];	      /* NS_MATCH_OK: keywords in full */
};

/*
 * Match line (NUL-terminated) against tab (ends with words == NULL);
 * abbrev allows unique prefixes, priv admits enable-only commands. With
 * partial, a line that stops where an argument would start (before a
 * placeholder) matches too: what "no description" names. Fills *m.
 */
void ns_match(const struct ns_command *tab, int abbrev, const char *line,
    int priv, int partial, struct ns_match *m);

#endif
