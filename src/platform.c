/*
 * platform: the device_type table. Prompt patterns match one whole prompt
 * line (anchored by the session at the end of the buffer). The session
 * module owns how these are used; this file only holds the facts.
 */
#include <stddef.h>
#include <string.h>

#include "platform.h"

static const struct platform platforms[] = {
    {"cisco_ios", "^[\\w.\\-@/:()]{1,64}[>#]$", "terminal length 0",
	"terminal width 511", "enable", "(?i)password:\\s*$", '#', false,
	"exit"},
    {"cisco_xe", "^[\\w.\\-@/:()]{1,64}[>#]$", "terminal length 0",
	"terminal width 511", "enable", "(?i)password:\\s*$", '#', false,
	"exit"},
    {"cisco_nxos", "^[\\w.\\-@/:()]{1,64}[>#]\\s?$", "terminal length 0",
	"terminal width 511", "enable", "(?i)password:\\s*$", '#', true,
	"exit"},
    {"cisco_asa", "^[\\w.\\-@/:()]{1,64}[>#]\\s?$", "terminal pager 0", NULL,
	"enable", "(?i)password:\\s*$", '#', false, "exit"},
    {"cisco_xr", "^[\\w.\\-@/:()]{1,64}[>#]\\s?$", "terminal length 0",
	"terminal width 511", NULL, NULL, '#', false, "exit"},
    {"arista_eos", "^[\\w.\\-@/:()]{1,64}[>#$]\\s?$", "terminal length 0",
	"terminal width 511", "enable", "(?i)password:\\s*$", '#', true,
	"exit"},
    {"juniper_junos", "^[\\w.\\-@]{1,64}[>%#]\\s?$", "set cli screen-length 0",
	"set cli screen-width 511", NULL, NULL, '>', false, "exit"},
    {"hp_procurve", "^[\\w.\\-@/:()]{1,64}[>#]\\s?$", "no page",
	"terminal width 511", "enable", "(?i)password:\\s*$", '#', true,
	"logout"},
    {"linux", "^[\\w.\\-@:~/\\[\\] ]{1,128}[$#]\\s?$", NULL, NULL, NULL, NULL,
	'#', true, "exit"},
    {"generic", "^.{1,128}[>#$%]\\s?$", NULL, NULL, NULL, NULL, '#', false,
	"exit"},
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
