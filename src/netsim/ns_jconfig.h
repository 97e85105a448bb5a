/*
 * ns_jconfig: the Junos configuration as Junos shows it (braces and
 * semicolons), built from the generated base (host name, interfaces and
 * their addresses) and the set/delete statements of one or two edit
 * lists replayed in order. The hierarchy a statement names is found the
 * way the Junos schema would put it for the statements a lab uses: "unit
 * 0" and "family inet" are named containers, "description ..." and
 * "address ..." leaves, any other word a container but the last.
 */
#ifndef NS_JCONFIG_H
#define NS_JCONFIG_H

#include <stddef.h>

struct ns_config;
struct ns_device;

/*
 * Check a statement (the words after set or delete): 0, or -1 with the
 * column of the offending word in *col (the line's end when a word is
 * missing).
 */
int ns_jconfig_check(const char *stmt, size_t *col);
/*
 * 1 when stmt names something in the configuration of d with the edits
 * of a and then b (either may be NULL), so a delete of it removes
 * something; 0 if not.
 */
int ns_jconfig_has(const struct ns_device *d, const struct ns_config *a,
    const struct ns_config *b, const char *stmt);
/*
 * The configuration of d with the edits of a and then b (either may be
 * NULL), only what lies below path when it is not NULL, header first
 * when it is not NULL. A malloc'd text with "\n" line ends, owned by the
 * caller.
 */
char *ns_jconfig_render(const struct ns_device *d, const struct ns_config *a,
    const struct ns_config *b, const char *path, const char *header);

#endif
