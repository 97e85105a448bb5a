/*
 * ns_config: configuration changes as an ordered list of edits. A device
 * holds two (what was committed to its running configuration, and the
 * shared Junos candidate); an XR session holds its own candidate until it
 * commits. The running configuration is never stored: it is the
 * generated one with the edits replayed over it, rendered when shown
 * (ns_config_render for the IOS family, ns_jconfig for Junos).
 */
#ifndef NS_CONFIG_H
#define NS_CONFIG_H

#include <stddef.h>

struct ns_gen;
struct ns_config;

/*
 * One edit as the CLI resolved it. IOS family: line is a configuration
 * line with its keywords in full, under section (the line that opened
 * it, "interface GigabitEthernet0/1"; NULL at the top); a later line with
 * the same first key words (0: the same words) replaces it; opens marks a
 * line that opens a section. remove ("no LINE") takes away every line of
 * the section that starts with the words of line (a section with its
 * lines). Junos: line is a statement ("system host-name R9"), remove for
 * "delete", section NULL.
 */
struct ns_cfg_edit {
	int remove;
	const char *section;
	const char *line;
	int key;
	int opens;
};

/* A new empty list. Exits on memory exhaustion, as netsim does. */
struct ns_config *ns_config_new(void);
void ns_config_free(struct ns_config *c);
/* Append a copy of e. */
void ns_config_add(struct ns_config *c, const struct ns_cfg_edit *e);
/* Append copies of every edit of src (a commit). */
void ns_config_append(struct ns_config *dst, const struct ns_config *src);
/* Drop every edit. */
void ns_config_clear(struct ns_config *c);
/* The number of edits; 0 for NULL. */
size_t ns_config_count(const struct ns_config *c);
/* Edit i (< ns_config_count), owned by c. */
const struct ns_cfg_edit *ns_config_edit(const struct ns_config *c, size_t i);
/* 1 when edits were added since the last ns_config_saved(). */
int ns_config_dirty(const struct ns_config *c);
void ns_config_saved(struct ns_config *c);
/* The hostname the edits set ("hostname R9"), or NULL (also for NULL c). */
const char *ns_config_hostname(const struct ns_config *c);
/*
 * The IOS-style running configuration: every line of base (a generator
 * of show running-config, run to its end) with c's edits replayed over
 * it, and its "Current configuration" size recounted. Returns a malloc'd
 * text with "\n" line ends, owned by the caller.
 */
char *ns_config_render(const struct ns_config *c, struct ns_gen *base);

#endif
