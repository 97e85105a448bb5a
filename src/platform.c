/*
 * platform: the device_type table. Prompt patterns match one whole prompt
 * line (anchored by the dialogue at the end of the buffer). Error
 * patterns match one line of a command's cleaned output (the worker
 * checks them); they are the platform's own refusal texts. The dialogue
 * and the worker own how these are used; this file only holds the facts.
 */
#include <stddef.h>
#include <string.h>

#include "platform.h"

/*
 * What each CLI prints when it refuses a command. Cisco-style (IOS, XE,
 * XR, NX-OS, EOS; ASA prefixes "ERROR: "):
 * "% Invalid input detected at '^' marker.", "% Incomplete command.",
 * "% Ambiguous command:  \"sh\"", NX-OS "% Invalid command at '^' marker.",
 * EOS "% Invalid input", XR's commit "% Failed to commit one or more ...".
 * Junos: "unknown command.", "syntax error, expecting <command>.",
 * "'s' is ambiguous.", "error: ...". ProCurve: "Invalid input: foo".
 */
#define CISCO_REFUSALS                                                         \
	"% (?:Invalid input|Incomplete command|Ambiguous command|"             \
	"Unknown command|Invalid command|Failed to commit)"
#define JUNOS_REFUSALS                                                         \
	"^\\s*(?:unknown command\\.|syntax error\\b|error: |'\\S+' is "        \
	"ambiguous\\.)"
#define PROCURVE_REFUSALS                                                      \
	"^(?:Invalid input|Ambiguous input|Incomplete input): "

/* A prompt of the IOS style: hostname, a mode in (), > or #. */
#define IOS_PROMPT "^[\\w.\\-@/:()]{1,64}[>#]\\s?$"
#define ENABLE_PROMPT "(?i)password:\\s*$"
/* The IOS family's session: paging and width off, enable, exit, refusals. */
#define IOS_SESSION                                                            \
	.paging_off = "terminal length 0", .width_cmd = "terminal width 511",  \
	.enable_cmd = "enable", .enable_prompt_re = ENABLE_PROMPT,             \
	.priv_char = '#', .exit_cmd = "exit", .error_re = "^" CISCO_REFUSALS
/* IOS-style configuration mode: configure terminal ... end. */
#define IOS_CONFIG                                                             \
	.config_cmd = "configure terminal", .config_end = "end",               \
	.config_abort = {"end"}

static const struct platform platforms[] = {
    {
	.name = "cisco_ios",
	.prompt_re = "^[\\w.\\-@/:()]{1,64}[>#]$",
	IOS_SESSION,
	IOS_CONFIG,
	.save_cmd = "write memory",
    },
    {
	.name = "cisco_xe",
	.prompt_re = "^[\\w.\\-@/:()]{1,64}[>#]$",
	IOS_SESSION,
	IOS_CONFIG,
	.save_cmd = "write memory",
    },
    {
	.name = "cisco_nxos",
	.prompt_re = IOS_PROMPT,
	IOS_SESSION,
	.strip_ansi = true,
	IOS_CONFIG,
	.save_cmd = "copy running-config startup-config",
    },
    {
	.name = "cisco_asa",
	.prompt_re = IOS_PROMPT,
	.paging_off = "terminal pager 0",
	.enable_cmd = "enable",
	.enable_prompt_re = ENABLE_PROMPT,
	.priv_char = '#',
	.exit_cmd = "exit",
	.error_re = "^(?:ERROR: )?" CISCO_REFUSALS,
	IOS_CONFIG,
	.save_cmd = "write memory",
	.login_cmd = "login",
	.crlfcr = true,
    },
    {
	.name = "cisco_xr",
	.prompt_re = IOS_PROMPT,
	.paging_off = "terminal length 0",
	.width_cmd = "terminal width 511",
	.priv_char = '#',
	.exit_cmd = "exit",
	.error_re = "^" CISCO_REFUSALS,
	.config_cmd = "configure terminal",
	.config_commit = "commit",
	.config_end = "end",
	.config_abort = {"abort"},
    },
    {
	.name = "arista_eos",
	.prompt_re = "^[\\w.\\-@/:()]{1,64}[>#$]\\s?$",
	IOS_SESSION,
	.strip_ansi = true,
	IOS_CONFIG,
	.save_cmd = "copy running-config startup-config",
    },
    {
	.name = "juniper_junos",
	/* The CLI's prompts, and the shell's (root@host:~ #, %). */
	.prompt_re = "^(?:[\\w.\\-@]{1,64}[>%#]|root@[\\w.\\-]{1,64}"
		     "(?::[^#\\s]*)? ?[#%]|%)\\s?$",
	.paging_off = "set cli screen-length 0",
	.width_cmd = "set cli screen-width 511",
	.priv_char = '>',
	.exit_cmd = "exit",
	.error_re = JUNOS_REFUSALS,
	.config_cmd = "configure",
	.config_commit = "commit and-quit",
	.config_abort = {"rollback", "exit configuration-mode"},
	.shell_re = "^(?:root@[\\w.\\-]{1,64}(?::[^#\\s]*)? ?[#%]|%)\\s?$",
	.shell_cmd = "cli",
	.context_re = "\\[edit.*\\]|\\{(?:master|backup):.*\\}|\\{line.*\\}|"
		      "\\{primary.*\\}|\\{secondary.*\\}",
    },
    {
	.name = "hp_procurve",
	.prompt_re = IOS_PROMPT,
	.paging_off = "no page",
	.width_cmd = "terminal width 511",
	.enable_cmd = "enable",
	.enable_prompt_re = ENABLE_PROMPT,
	.priv_char = '#',
	.strip_ansi = true,
	.exit_cmd = "logout",
	.error_re = PROCURVE_REFUSALS,
	IOS_CONFIG,
	.save_cmd = "write memory",
	.any_key_re = "any key to continue",
	.logout_ask_re = {"Do you want to log out",
	    "Do you want to save the current"},
	/* Saving is the user's decision (--save), as in Netmiko. */
	.logout_answer = {"y", "n"},
    },
    {
	.name = "linux",
	.prompt_re = "^[\\w.\\-@:~/\\[\\] ]{1,128}[$#]\\s?$",
	.priv_char = '#',
	.strip_ansi = true,
	.exit_cmd = "exit",
	.exec = true,
    },
    {
	.name = "generic",
	.prompt_re = "^.{1,128}[>#$%]\\s?$",
	.priv_char = '#',
	.exit_cmd = "exit",
    },
};

const struct platform *
platform_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(platforms) / sizeof(platforms[0]); i++)
		if (strcmp(platforms[i].name, name) == 0)
			return &platforms[i];
	return NULL;
}

void
platform_names(struct buf *out)
{
	size_t i;

	for (i = 0; i < sizeof(platforms) / sizeof(platforms[0]); i++) {
		if (i > 0)
			buf_append(out, ", ", 2);
		buf_append(out, platforms[i].name, strlen(platforms[i].name));
	}
}
