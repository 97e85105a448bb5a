/*
 * ns_platform: what differs between the simulated platforms, as data the
 * CLI state machine (ns_cli) reads: the command table of every mode, the
 * prompts, the pager, the error texts, the configuration texts and the
 * starting mode. A new platform or a new platform quirk is a change
 * here, not in the state machine.
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
	NS_PLAT_XR,
	NS_PLAT_JUNOS,
	NS_PLAT_LINUX,
};

/*
 * The CLI modes. EXEC is the command line after login; CONFIG the top of
 * configuration mode; the others are IOS-style sub-modes entered by a
 * configuration line that opens a section ("interface Gi0/1"); SHELL is
 * the FreeBSD shell a Junos root login lands in.
 */
enum ns_mode {
	NS_MODE_EXEC = 0,
	NS_MODE_CONFIG,
	NS_MODE_IF,
	NS_MODE_LINE,
	NS_MODE_ROUTER,
	NS_MODE_VLAN,
	NS_MODE_SHELL,
};
#define NS_MODES (NS_MODE_SHELL + 1)

/* What a command does to the session. */
enum ns_action {
	NS_A_NONE = 0,
	NS_A_ENABLE,
	NS_A_DISABLE,
	NS_A_EXIT, /* end the session (asks first with logout_confirm) */
	NS_A_TERM_LENGTH,
	NS_A_TERM_WIDTH,
	NS_A_NO_PAGE,
	NS_A_SHOW,
	NS_A_TEXT,
	NS_A_LOGIN,	   /* ASA: Username: and Password: to privileged */
	NS_A_CONFIGURE,	   /* enter configuration mode */
	NS_A_CFG_LINE,	   /* a configuration line: stored under its section */
	NS_A_CFG_SECTION,  /* a configuration line that opens a sub-mode */
	NS_A_CFG_NO,	   /* "no LINE": removes what LINE names */
	NS_A_CFG_DO,	   /* "do COMMAND": an exec command from config mode */
	NS_A_CFG_EXIT,	   /* up one mode */
	NS_A_CFG_END,	   /* back to exec mode */
	NS_A_CFG_ABORT,	   /* XR: drop the candidate, back to exec mode */
	NS_A_COMMIT,	   /* XR and Junos: the candidate becomes running */
	NS_A_COMMIT_QUIT,  /* Junos: commit and leave configuration mode */
	NS_A_COMMIT_CHECK, /* Junos: validate only */
	NS_A_ROLLBACK,	   /* Junos: drop the candidate */
	NS_A_JSET,	   /* Junos: set STATEMENT */
	NS_A_JDELETE,	   /* Junos: delete STATEMENT */
	NS_A_JSHOW,	   /* Junos: show, the candidate configuration */
	NS_A_JRUN,	   /* Junos: run COMMAND, an operational command */
	NS_A_SAVE,	   /* write memory */
	NS_A_COPY_SAVE,	   /* copy running-config startup-config */
	NS_A_CLI,	   /* Junos shell: start the CLI */
};

/*
 * One command. words are its keywords ("show ip interface brief"); a
 * word may be a placeholder: "<N>" a number, "<W>" any word, "<A>" an
 * IPv4 address, "<IF>" an interface name (abbreviations expand, as
 * "gi0/1" to "GigabitEthernet0/1"), "<L>" the rest of the line (one word
 * or more, last). kind is the output of NS_A_SHOW (NS_OUT_NONE prints
 * the privilege level), priv says it needs enable mode, text is what an
 * NS_A_TEXT command prints ("\n" line ends). key is how many words of a
 * configuration line name it (a later line with the same name replaces
 * it; 0: the whole line), mode the sub-mode NS_A_CFG_SECTION enters.
 */
struct ns_command {
	const char *words;
	enum ns_action action;
	enum ns_out_kind kind;
	int priv;
	const char *text;
	int key;
	enum ns_mode mode;
};

/*
 * How a platform reports a line it cannot run: a "^" line under the
 * offending column first (caret), then text. In text, "%w" is the
 * offending word, "%f" the first word and "%l" the whole line; "\n" line
 * ends. A NULL text falls back to the platform's invalid error.
 */
struct ns_error {
	int caret;
	const char *text;
};

/* Where configuration lines go until they take effect. */
enum ns_commit {
	NS_COMMIT_NONE = 0, /* into the running configuration at once */
	NS_COMMIT_SESSION,  /* a candidate of the session's own (XR) */
	NS_COMMIT_SHARED,   /* the device's candidate, kept on exit (Junos) */
};

/*
 * A platform's CLI. Texts use "\n" line ends (sent with the device's line
 * ending); "%ld" in the terminal messages is the number given.
 */
struct ns_platform {
	const struct ns_command *modes[NS_MODES]; /* NULL: no such mode */
	const char *mode_names[NS_MODES]; /* "config-if" in R1(config-if)# */
	const char *more;		  /* the pager's pause prompt */
	int abbrev;			  /* keywords match by unique prefix */
	int start_priv;			  /* sessions start in enable mode */
	int page_length;	    /* initial terminal length, 0 = no paging */
	enum ns_commit commit;	    /* when config lines take effect */
	int timestamp;		    /* XR: a time line above show output */
	struct ns_error invalid;    /* a word no command has */
	struct ns_error unknown;    /* the first word is unknown */
	struct ns_error ambiguous;  /* a prefix of several keywords */
	struct ns_error incomplete; /* the line needs more words */
	struct ns_error privileged; /* a command that needs enable mode */
	struct ns_error cfg_invalid;   /* a bad configuration statement */
	struct ns_error shell_invalid; /* a command the Junos shell lacks */
	const char *length_zero;       /* after "terminal length 0", or NULL */
	const char *length_set;	       /* after another length, or NULL */
	const char *width_set;	       /* after a terminal width, or NULL */
	const char *config_enter;      /* after "configure terminal", or NULL */
	const char *config_leave;      /* after leaving configuration mode */
	const char *save;	       /* what write memory prints */
	const char *copy_ask;	       /* copy run start's question, or NULL */
	const char *commit_done;       /* after a commit, or NULL */
	const char *uncommitted_ask;   /* leaving with a candidate, or NULL */
	const char *config_pending;    /* entering with a candidate, or NULL */
	const char *edit_line;	       /* above config-mode prompts, or NULL */
	const char *banner;	       /* shown with press_any_key, or NULL */
	const char *screen_setup;      /* escapes after "Press any key" */
	const char *logout_ask;	       /* with logout_confirm, or NULL */
	const char *save_ask;	       /* then, if changes were not saved */
	int prompt_max; /* config-mode prompts keep this many characters */
	char comment;	/* a config line starting with it is a comment */
};

/* The CLI of platform id (static, never NULL). */
const struct ns_platform *ns_platform_get(enum ns_platform_id id);
/* The id for a device_type name (aliases too); 0, or -1 if unknown. */
int ns_platform_by_name(const char *name, enum ns_platform_id *id);
/* The netcollect device_type of id (a static string). */
const char *ns_platform_name(enum ns_platform_id id);
/*
 * The prompt of dev in mode (in enable mode when priv), without colour,
 * in buf (always terminated); returns its length as snprintf() does.
 */
int ns_platform_prompt(const struct ns_device *dev, int priv, enum ns_mode mode,
    char *buf, size_t cap);

#endif
