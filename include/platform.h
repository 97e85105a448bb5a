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

	/*
	 * Configuration mode, the way Netmiko's send_config_set() and
	 * commit() drive it: config_cmd enters it (NULL: the platform has
	 * none), config_commit applies the lines where they wait in a
	 * candidate (XR "commit", Junos "commit and-quit", which also
	 * leaves), config_end leaves (NULL when the commit left). After a
	 * line the device refused, config_abort[] leaves without applying
	 * more (XR drops its candidate, Junos rolls back). save_cmd saves
	 * the running configuration (NULL: the commit did).
	 */
	const char *config_cmd;
	const char *config_commit;
	const char *config_end;
	const char *config_abort[3]; /* NULL-terminated */
	const char *save_cmd;

	/* Quirks: what the dialogue does for this CLI's habits. */
	const char *login_cmd;	/* ASA: "login" to privileged when no secret */
	const char *any_key_re; /* ProCurve: a pause before the first prompt */
	const char *shell_re;	/* Junos: a shell prompt (root@, %) ... */
	const char *shell_cmd;	/* ... that needs "cli" first */
	/* PCRE2: a last line of output that is context, not output */
	const char *context_re; /* Junos: {master:0}, [edit] */
	/* Questions the exit command may ask, and their answers. */
	const char *logout_ask_re[2];
	const char *logout_answer[2];
	bool crlfcr; /* ASA: "\r\n\r" is one line end */
};

/* Entry for a device_type, or NULL when unknown. */
const struct platform *platform_find(const char *name);

/* Append the valid device_type names, ", "-separated, to out. */
void platform_names(struct buf *out);

#endif
