/*
 * platform: one entry per device_type, the facts the session needs to
 * drive that CLI (prompt shape, paging-off, enable, ANSI, exit, the
 * error text that means a command was refused).
 * The table is static and read-only: safe after fork() and in threads.
 */
#ifndef NC_PLATFORM_H
#define NC_PLATFORM_H

#include <stdbool.h>

#include "util.h"

struct platform {
	const char *name;	      /* device_type, e.g. "cisco_ios" */
	const char *prompt_re;	      /* PCRE2: one whole prompt line */
	const char *paging_off;	      /* command, or NULL */
	const char *width_cmd;	      /* command, or NULL */
	const char *enable_cmd;	      /* NULL when the platform has no enable */
	const char *enable_prompt_re; /* PCRE2: the secret prompt */
	char priv_char;		      /* last prompt char when privileged */
	bool strip_ansi;	      /* remove ANSI escapes from output */
	const char *exit_cmd;	      /* command that ends the session */
	/*
	 * PCRE2 (multi-line): a line of output that means the device refused
	 * the command ("% Invalid input detected at '^' marker."), or NULL.
	 */
	const char *error_re;
	/* Commands on exec channels, one each (unless "shell: true"). */
	bool exec;
};

/* Entry for a device_type, or NULL when unknown. */
const struct platform *platform_find(const char *name);

/* Append the valid device_type names, ", "-separated, to out. */
void platform_names(struct buf *out);

#endif
