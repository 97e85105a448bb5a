/*
 * ns_platform: the per-platform data of the simulated CLIs. The IOS
 * family (IOS, NX-OS, EOS, ASA, ProCurve) shares one block of commands;
 * each family member's table is its own few commands followed by that
 * block, joined once on first use. Junos and Linux have tables of their
 * own. Everything here is static and read-only once joined.
 */
#include <stdio.h>
#include <string.h>

#include "ns_device.h"
#include "ns_platform.h"

static const struct {
	const char *name;
	enum ns_platform_id id;
} names[] = {
    {"cisco_ios", NS_PLAT_IOS},
    {"cisco_xe", NS_PLAT_IOS},
    {"cisco_nxos", NS_PLAT_NXOS},
    {"arista_eos", NS_PLAT_EOS},
    {"cisco_asa", NS_PLAT_ASA},
    {"hp_procurve", NS_PLAT_PROCURVE},
    {"juniper_junos", NS_PLAT_JUNOS},
    {"juniper", NS_PLAT_JUNOS},
    {"linux", NS_PLAT_LINUX},
};

#define END                                                                    \
	{                                                                      \
		NULL, NS_A_NONE, NS_OUT_NONE, 0, NULL                          \
	}

static const struct ns_command ios_common[] = {
    {"enable", NS_A_ENABLE, NS_OUT_NONE, 0, NULL},
    {"disable", NS_A_DISABLE, NS_OUT_NONE, 0, NULL},
    {"exit", NS_A_EXIT, NS_OUT_NONE, 0, NULL},
    {"logout", NS_A_EXIT, NS_OUT_NONE, 0, NULL},
    {"quit", NS_A_EXIT, NS_OUT_NONE, 0, NULL},
    {"terminal width <N>", NS_A_TERM_WIDTH, NS_OUT_NONE, 0, NULL},
    {"show clock", NS_A_SHOW, NS_OUT_CLOCK, 0, NULL},
    {"show version", NS_A_SHOW, NS_OUT_VERSION, 0, NULL},
    {"show ip interface brief", NS_A_SHOW, NS_OUT_IP_INT_BRIEF, 0, NULL},
    {"show running-config", NS_A_SHOW, NS_OUT_RUN, 1, NULL},
    {"show tech-support", NS_A_SHOW, NS_OUT_TECH, 1, NULL},
    {"show interfaces", NS_A_SHOW, NS_OUT_INTERFACES, 0, NULL},
    {"show inventory", NS_A_SHOW, NS_OUT_INVENTORY, 0, NULL},
    {"show privilege", NS_A_SHOW, NS_OUT_NONE, 0, NULL},
    END,
};

static const struct ns_command ios_own[] = {
    {"terminal length <N>", NS_A_TERM_LENGTH, NS_OUT_NONE, 0, NULL},
    END,
};

static const struct ns_command asa_own[] = {
    {"terminal pager <N>", NS_A_TERM_LENGTH, NS_OUT_NONE, 0, NULL},
    {"show curpriv", NS_A_SHOW, NS_OUT_NONE, 0, NULL},
    END,
};

static const struct ns_command procurve_own[] = {
    {"no page", NS_A_NO_PAGE, NS_OUT_NONE, 0, NULL},
    END,
};

static const struct ns_command junos_cmds[] = {
    {"exit", NS_A_EXIT, NS_OUT_NONE, 0, NULL},
    {"quit", NS_A_EXIT, NS_OUT_NONE, 0, NULL},
    {"set cli screen-length <N>", NS_A_TERM_LENGTH, NS_OUT_NONE, 0, NULL},
    {"set cli screen-width <N>", NS_A_TERM_WIDTH, NS_OUT_NONE, 0, NULL},
    {"set cli complete-on-space off", NS_A_TEXT, NS_OUT_NONE, 0,
	"Disabling complete-on-space\n"},
    {"show version", NS_A_SHOW, NS_OUT_JUNOS_VERSION, 0, NULL},
    {"show interfaces terse", NS_A_SHOW, NS_OUT_JUNOS_TERSE, 0, NULL},
    {"show configuration", NS_A_SHOW, NS_OUT_JUNOS_CONFIG, 0, NULL},
    END,
};

static const struct ns_command linux_cmds[] = {
    {"exit", NS_A_EXIT, NS_OUT_NONE, 0, NULL},
    {"logout", NS_A_EXIT, NS_OUT_NONE, 0, NULL},
    {"uname -a", NS_A_SHOW, NS_OUT_UNAME, 0, NULL},
    {"hostname", NS_A_SHOW, NS_OUT_HOSTNAME, 0, NULL},
    {"ip -br addr", NS_A_SHOW, NS_OUT_IP_INT_BRIEF, 0, NULL},
    END,
};

#define FAMILY_MAX 64

static struct ns_command ios_table[FAMILY_MAX], asa_table[FAMILY_MAX],
    procurve_table[FAMILY_MAX];

#define IOS_ERRORS                                                             \
	.more = " --More-- ", .abbrev = 1, .page_length = 24, .caret = 1,      \
	.invalid = "% Invalid input detected at '^' marker.\n\n",              \
	.ambiguous = "% Ambiguous command:  \"%s\"\n",                         \
	.incomplete = "% Incomplete command.\n\n"

static struct ns_platform platforms[] = {
    [NS_PLAT_IOS] = {.commands = ios_table, IOS_ERRORS},
    [NS_PLAT_NXOS] = {.commands = ios_table, .start_priv = 1, IOS_ERRORS},
    [NS_PLAT_EOS] =
	{
	    .commands = ios_table,
	    IOS_ERRORS,
	    .length_zero = "Pagination disabled.\n",
	    .length_set = "Pagination enabled.\n",
	    .width_set = "Width set to %ld columns.\n",
	},
    [NS_PLAT_ASA] = {.commands = asa_table, IOS_ERRORS},
    [NS_PLAT_PROCURVE] = {.commands = procurve_table, IOS_ERRORS},
    [NS_PLAT_JUNOS] =
	{
	    .commands = junos_cmds,
	    .more = "---(more)---",
	    .abbrev = 1,
	    .start_priv = 1,
	    .page_length = 24,
	    .caret = 1,
	    .invalid = "unknown command.\n\n",
	    .incomplete = "% Incomplete command.\n\n",
	    .length_zero = "Screen length set to %ld\n",
	    .length_set = "Screen length set to %ld\n",
	    .width_set = "Screen width set to %ld\n",
	},
    [NS_PLAT_LINUX] =
	{
	    .commands = linux_cmds,
	    .more = " --More-- ",
	    .start_priv = 1,
	    .invalid = "-bash: %s: command not found\n",
	},
};

/* own followed by ios_common, in buf (FAMILY_MAX entries). */
static void
join(const struct ns_command *own, struct ns_command *buf)
{
	size_t n = 0;

	for (; own->words != NULL && n + 1 < FAMILY_MAX; own++)
		buf[n++] = *own;
	for (own = ios_common; own->words != NULL && n + 1 < FAMILY_MAX; own++)
		buf[n++] = *own;
	buf[n] = (struct ns_command)END;
}

const struct ns_platform *
ns_platform_get(enum ns_platform_id id)
{
	if (ios_table[0].words == NULL) {
		join(ios_own, ios_table);
		join(asa_own, asa_table);
		join(procurve_own, procurve_table);
	}
	return &platforms[id];
}

int
ns_platform_by_name(const char *name, enum ns_platform_id *id)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(names[i].name, name) == 0) {
			*id = names[i].id;
			return 0;
		}
	}
	return -1;
}

const char *
ns_platform_name(enum ns_platform_id id)
{
	switch (id) {
	case NS_PLAT_IOS:
		return "cisco_ios";
	case NS_PLAT_NXOS:
		return "cisco_nxos";
	case NS_PLAT_EOS:
		return "arista_eos";
	case NS_PLAT_ASA:
		return "cisco_asa";
	case NS_PLAT_PROCURVE:
		return "hp_procurve";
	case NS_PLAT_JUNOS:
		return "juniper_junos";
	case NS_PLAT_LINUX:
		return "linux";
	}
	return "cisco_ios";
}

int
ns_platform_prompt(const struct ns_device *d, int priv, char *buf, size_t cap)
{
	switch (d->platform) {
	case NS_PLAT_IOS:
	case NS_PLAT_NXOS:
	case NS_PLAT_EOS:
	case NS_PLAT_ASA:
	case NS_PLAT_PROCURVE:
		return snprintf(
		    buf, cap, "%s%c", d->hostname, priv ? '#' : '>');
	case NS_PLAT_JUNOS:
		return snprintf(buf, cap, "%s@%s> ", d->username, d->hostname);
	case NS_PLAT_LINUX:
		return snprintf(
		    buf, cap, "%s@%s:~$ ", d->username, d->hostname);
	}
	buf[0] = '\0';
	return 0;
}
