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
 * EOS "% Invalid input".
 * Junos: "unknown command.", "syntax error, expecting <command>.",
 * "error: ...". ProCurve: "Invalid input: foo".
 */
#define CISCO_REFUSALS                                                         \
	"% (?:Invalid input|Incomplete command|Ambiguous command|"             \
	"Unknown command|Invalid command)"
#define JUNOS_REFUSALS "^\\s*(?:unknown command\\.|syntax error\\b|error: )"
#define PROCURVE_REFUSALS                                                      \
	"^(?:Invalid input|Ambiguous input|Incomplete input): "

static const struct platform platforms[] = {
    {"cisco_ios", "^[\\w.\\-@/:()]{1,64}[>#]$", "terminal length 0",
	"terminal width 511", "enable", "(?i)password:\\s*$", '#', false,
	"exit", "^" CISCO_REFUSALS, false},
    {"cisco_xe", "^[\\w.\\-@/:()]{1,64}[>#]$", "terminal length 0",
	"terminal width 511", "enable", "(?i)password:\\s*$", '#', false,
	"exit", "^" CISCO_REFUSALS, false},
    {"cisco_nxos", "^[\\w.\\-@/:()]{1,64}[>#]\\s?$", "terminal length 0",
	"terminal width 511", "enable", "(?i)password:\\s*$", '#', true, "exit",
	"^" CISCO_REFUSALS, false},
    {"cisco_asa", "^[\\w.\\-@/:()]{1,64}[>#]\\s?$", "terminal pager 0", NULL,
	"enable", "(?i)password:\\s*$", '#', false, "exit",
	"^(?:ERROR: )?" CISCO_REFUSALS, false},
    {"cisco_xr", "^[\\w.\\-@/:()]{1,64}[>#]\\s?$", "terminal length 0",
	"terminal width 511", NULL, NULL, '#', false, "exit",
	"^" CISCO_REFUSALS, false},
    {"arista_eos", "^[\\w.\\-@/:()]{1,64}[>#$]\\s?$", "terminal length 0",
	"terminal width 511", "enable", "(?i)password:\\s*$", '#', true, "exit",
	"^" CISCO_REFUSALS, false},
    {"juniper_junos", "^[\\w.\\-@]{1,64}[>%#]\\s?$", "set cli screen-length 0",
	"set cli screen-width 511", NULL, NULL, '>', false, "exit",
	JUNOS_REFUSALS, false},
    {"hp_procurve", "^[\\w.\\-@/:()]{1,64}[>#]\\s?$", "no page",
	"terminal width 511", "enable", "(?i)password:\\s*$", '#', true,
	"logout", PROCURVE_REFUSALS, false},
    {"linux", "^[\\w.\\-@:~/\\[\\] ]{1,128}[$#]\\s?$", NULL, NULL, NULL, NULL,
	'#', true, "exit", NULL, true},
    {"generic", "^.{1,128}[>#$%]\\s?$", NULL, NULL, NULL, NULL, '#', false,
	"exit", NULL, false},
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
