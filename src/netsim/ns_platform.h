/*
 * ns_platform: what differs between the simulated platforms, as data the
 * CLI state machine (ns_cli) reads: the command table, the prompts, the
 * pager, the error texts and the starting mode. A new platform or a new
 * platform quirk is a change here, not in the state machine.
 */
#ifndef NS_PLATFORM_H
#define NS_PLATFORM_H

#include <stddef.h>

#include "ns_gen.h"

struct ns_device;

enum ns_platform_id {
	NS_PLAT_IOS = 0,
	NS_PLAT_NXOS,
	NS_PLAT_EOS,
	NS_PLAT_ASA,
	NS_PLAT_PROCURVE,
	NS_PLAT_JUNOS,
	NS_PLAT_LINUX,
};

/* What a command does to the session. */
enum ns_action {
	NS_A_NONE = 0,
	NS_A_ENABLE,
	NS_A_DISABLE,
	NS_A_EXIT,
	NS_A_TERM_LENGTH,
	NS_A_TERM_WIDTH,
	NS_A_NO_PAGE,
	NS_A_SHOW,
	NS_A_TEXT,
};

/*
 * One command: its keywords ("show ip interface brief"; "<N>" is a
 * number), what it does, the output it prints (NS_A_SHOW; NS_OUT_NONE
 * prints the privilege level), whether it needs enable mode, and the text
 * of an NS_A_TEXT command ("\n" line ends).
 */
struct ns_command {
	const char *words;
	enum ns_action action;
	enum ns_out_kind kind;
	int priv;
	const char *text;
};

/*
 * A platform's CLI. Texts use "\n" line ends (sent as "\r\n"); "%s" in
 * invalid is the first word typed, in ambiguous the whole line; "%ld" in
 * the terminal messages is the number given.
 */
struct ns_platform {
	const struct ns_command *commands; /* ends with words == NULL */
	const char *more;		   /* the pager's pause prompt */
	int abbrev;			   /* keywords match by unique prefix */
	int start_priv;			   /* sessions start in enable mode */
	int page_length;	 /* initial terminal length, 0 = no paging */
	int caret;		 /* invalid input is marked by a ^ line */
	const char *invalid;	 /* the error after the ^ line, or alone */
	const char *ambiguous;	 /* NULL: reported as invalid input */
	const char *incomplete;	 /* NULL: reported as invalid input */
	const char *length_zero; /* after "terminal length 0", or NULL */
	const char *length_set;	 /* after another length, or NULL */
	const char *width_set;	 /* after a terminal width, or NULL */
};

/* The CLI of platform id (static, never NULL). */
const struct ns_platform *ns_platform_get(enum ns_platform_id id);
/* The id for a device_type name (aliases too); 0, or -1 if unknown. */
int ns_platform_by_name(const char *name, enum ns_platform_id *id);
/* The netcollect device_type of id (a static string). */
const char *ns_platform_name(enum ns_platform_id id);
/*
 * The prompt of dev in buf (always terminated), in enable mode when priv;
 * returns its length as snprintf() does.
 */
int ns_platform_prompt(
    const struct ns_device *dev, int priv, char *buf, size_t cap);

#endif
