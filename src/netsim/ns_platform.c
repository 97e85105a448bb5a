/*
 * ns_platform: the per-platform data of the simulated CLIs. A mode's
 * table is a list of parts joined once, on first use, into a buffer: the
 * IOS family (IOS, NX-OS, EOS, ASA, ProCurve, XR) shares one block of
 * exec commands and one configuration grammar, each member adding its own
 * few commands first (the first command in table order wins a tie). Junos
 * and Linux have tables of their own. Everything here is static and
 * read-only once joined.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_config.h"
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
    {"cisco_xr", NS_PLAT_XR},
    {"juniper_junos", NS_PLAT_JUNOS},
    {"juniper", NS_PLAT_JUNOS},
    {"linux", NS_PLAT_LINUX},
};

#define END                                                                    \
	{                                                                      \
		.words = NULL                                                  \
	}
#define DO(w, a)                                                               \
	{                                                                      \
		.words = (w), .action = (a)                                    \
	}
#define DO_EN(w, a)                                                            \
	{                                                                      \
		.words = (w), .action = (a), .priv = 1                         \
	}
#define SHOW(w, k)                                                             \
	{                                                                      \
		.words = (w), .action = NS_A_SHOW, .kind = (k)                 \
	}
#define SHOW_EN(w, k)                                                          \
	{                                                                      \
		.words = (w), .action = NS_A_SHOW, .kind = (k), .priv = 1      \
	}
#define TEXT(w, t)                                                             \
	{                                                                      \
		.words = (w), .action = NS_A_TEXT, .text = (t)                 \
	}
#define CFG(w, k)                                                              \
	{                                                                      \
		.words = (w), .action = NS_A_CFG_LINE, .key = (k)              \
	}
#define SECTION(w, m)                                                          \
	{                                                                      \
		.words = (w), .action = NS_A_CFG_SECTION, .mode = (m)          \
	}

/* ---- exec mode ------------------------------------------------------ */

static const struct ns_command ios_common[] = {
    DO("enable", NS_A_ENABLE),
    DO("disable", NS_A_DISABLE),
    DO("exit", NS_A_EXIT),
    DO("logout", NS_A_EXIT),
    DO("quit", NS_A_EXIT),
    DO("terminal width <N>", NS_A_TERM_WIDTH),
    DO_EN("configure terminal", NS_A_CONFIGURE),
    DO_EN("copy running-config startup-config", NS_A_COPY_SAVE),
    SHOW("show clock", NS_OUT_CLOCK),
    SHOW("show version", NS_OUT_VERSION),
    SHOW("show ip interface brief", NS_OUT_IP_INT_BRIEF),
    SHOW_EN("show running-config", NS_OUT_RUN),
    SHOW_EN("show tech-support", NS_OUT_TECH),
    SHOW("show interfaces", NS_OUT_INTERFACES),
    SHOW("show inventory", NS_OUT_INVENTORY),
    SHOW("show privilege", NS_OUT_NONE),
    END,
};

static const struct ns_command ios_own[] = {
    DO("terminal length <N>", NS_A_TERM_LENGTH),
    DO_EN("write memory", NS_A_SAVE),
    DO_EN("write", NS_A_SAVE),
    END,
};

static const struct ns_command nxos_own[] = {
    DO("terminal length <N>", NS_A_TERM_LENGTH),
    END,
};

static const struct ns_command asa_own[] = {
    DO("terminal pager <N>", NS_A_TERM_LENGTH),
    DO("login", NS_A_LOGIN),
    DO_EN("write memory", NS_A_SAVE),
    SHOW("show curpriv", NS_OUT_NONE),
    END,
};

static const struct ns_command procurve_own[] = {
    DO("no page", NS_A_NO_PAGE),
    DO_EN("configure", NS_A_CONFIGURE),
    DO_EN("write memory", NS_A_SAVE),
    END,
};

static const struct ns_command xr_own[] = {
    DO("terminal length <N>", NS_A_TERM_LENGTH),
    DO_EN("configure", NS_A_CONFIGURE),
    SHOW("show version", NS_OUT_XR_VERSION),
    END,
};

static const struct ns_command junos_exec[] = {
    DO("exit", NS_A_EXIT),
    DO("quit", NS_A_EXIT),
    DO("configure", NS_A_CONFIGURE),
    DO("configure private", NS_A_CONFIGURE),
    DO("configure exclusive", NS_A_CONFIGURE),
    DO("set cli screen-length <N>", NS_A_TERM_LENGTH),
    DO("set cli screen-width <N>", NS_A_TERM_WIDTH),
    TEXT("set cli complete-on-space off", "Disabling complete-on-space\n"),
    SHOW("show version", NS_OUT_JUNOS_VERSION),
    SHOW("show interfaces terse", NS_OUT_JUNOS_TERSE),
    SHOW("show configuration", NS_OUT_JUNOS_CONFIG),
    SHOW("show configuration <L>", NS_OUT_JUNOS_CONFIG),
    END,
};

static const struct ns_command junos_shell[] = {
    DO("cli", NS_A_CLI),
    DO("exit", NS_A_EXIT),
    DO("logout", NS_A_EXIT),
    END,
};

static const struct ns_command linux_cmds[] = {
    DO("exit", NS_A_EXIT),
    DO("logout", NS_A_EXIT),
    SHOW("uname -a", NS_OUT_UNAME),
    SHOW("hostname", NS_OUT_HOSTNAME),
    SHOW("ip -br addr", NS_OUT_IP_INT_BRIEF),
    END,
};

/* ---- configuration modes -------------------------------------------- */

/* What every configuration mode of the IOS family has. */
static const struct ns_command cfg_any[] = {
    DO("no <L>", NS_A_CFG_NO),
    DO("do <L>", NS_A_CFG_DO),
    DO("end", NS_A_CFG_END),
    DO("exit", NS_A_CFG_EXIT),
    END,
};

static const struct ns_command cfg_global[] = {
    CFG("hostname <W>", 1),
    SECTION("interface <IF>", NS_MODE_IF),
    SECTION("line <L>", NS_MODE_LINE),
    SECTION("router <L>", NS_MODE_ROUTER),
    SECTION("vlan <N>", NS_MODE_VLAN),
    CFG("ntp server <A>", 3),
    CFG("ntp server <A> <L>", 3),
    CFG("logging host <A>", 0),
    CFG("logging buffered <L>", 2),
    CFG("logging <A>", 0),
    CFG("ip route <L>", 0),
    CFG("ip domain-name <W>", 2),
    CFG("ip domain name <W>", 3),
    CFG("ip name-server <L>", 0),
    CFG("ip host <W> <L>", 3),
    CFG("ip ssh version <N>", 3),
    CFG("ip cef", 0),
    CFG("access-list <N> <L>", 0),
    CFG("username <W> <L>", 2),
    CFG("enable secret <L>", 2),
    CFG("snmp-server community <W> <L>", 3),
    CFG("snmp-server community <W>", 3),
    CFG("snmp-server location <L>", 2),
    CFG("snmp-server contact <L>", 2),
    CFG("service <L>", 0),
    CFG("banner motd <L>", 2),
    CFG("clock timezone <L>", 2),
    CFG("spanning-tree <L>", 0),
    END,
};

static const struct ns_command cfg_if[] = {
    CFG("description <L>", 1),
    CFG("ip address <A> <A>", 2),
    CFG("ip address <A> <A> secondary", 0),
    CFG("ipv4 address <A> <A>", 2),
    CFG("ip ospf cost <N>", 3),
    CFG("shutdown", 1),
    CFG("duplex <W>", 1),
    CFG("speed <W>", 1),
    CFG("mtu <N>", 1),
    CFG("negotiation auto", 0),
    CFG("switchport", 1),
    CFG("switchport mode <W>", 2),
    CFG("switchport access vlan <N>", 3),
    CFG("switchport trunk allowed vlan <L>", 4),
    CFG("channel-group <N> mode <W>", 1),
    END,
};

static const struct ns_command cfg_line[] = {
    CFG("login", 1),
    CFG("login local", 1),
    CFG("transport input <L>", 2),
    CFG("exec-timeout <N> <N>", 1),
    CFG("password <L>", 1),
    CFG("logging synchronous", 0),
    CFG("privilege level <N>", 2),
    END,
};

static const struct ns_command cfg_router[] = {
    CFG("network <L>", 0),
    CFG("router-id <A>", 1),
    CFG("passive-interface <IF>", 0),
    CFG("neighbor <L>", 0),
    CFG("redistribute <L>", 0),
    END,
};

static const struct ns_command cfg_vlan[] = {
    CFG("name <W>", 1),
    END,
};

static const struct ns_command cfg_xr[] = {
    DO("commit", NS_A_COMMIT),
    DO("abort", NS_A_CFG_ABORT),
    END,
};

static const struct ns_command junos_config[] = {
    DO("set <L>", NS_A_JSET),
    DO("delete <L>", NS_A_JDELETE),
    DO("commit", NS_A_COMMIT),
    DO("commit and-quit", NS_A_COMMIT_QUIT),
    DO("commit check", NS_A_COMMIT_CHECK),
    DO("show", NS_A_JSHOW),
    DO("show <L>", NS_A_JSHOW),
    DO("rollback", NS_A_ROLLBACK),
    DO("rollback <N>", NS_A_ROLLBACK),
    DO("exit", NS_A_CFG_EXIT),
    DO("exit configuration-mode", NS_A_CFG_EXIT),
    DO("quit", NS_A_CFG_EXIT),
    DO("top", NS_A_NONE),
    DO("run <L>", NS_A_JRUN),
    END,
};

/* ---- tables joined from parts --------------------------------------- */

#define TABLE_CAP 96
#define PARTS_MAX 4

/* A table to build: its parts in order, and the buffer they go into. */
struct joined {
	const struct ns_command *parts[PARTS_MAX];
	struct ns_command buf[TABLE_CAP];
};

/* Indices into tables[]. */
enum table_id {
	T_IOS,
	T_NXOS,
	T_ASA,
	T_PROCURVE,
	T_XR,
	T_CFG,
	T_CFG_IF,
	T_CFG_LINE,
	T_CFG_ROUTER,
	T_CFG_VLAN,
	T_XR_CFG,
	T_XR_CFG_IF,
	T_XR_CFG_LINE,
	T_XR_CFG_ROUTER,
	T_XR_CFG_VLAN,
	T_COUNT,
};

static struct joined tables[T_COUNT] = {
    [T_IOS] = {.parts = {ios_own, ios_common}},
    [T_NXOS] = {.parts = {nxos_own, ios_common}},
    [T_ASA] = {.parts = {asa_own, ios_common}},
    [T_PROCURVE] = {.parts = {procurve_own, ios_common}},
    [T_XR] = {.parts = {xr_own, ios_common}},
    [T_CFG] = {.parts = {cfg_global, cfg_any}},
    [T_CFG_IF] = {.parts = {cfg_if, cfg_any}},
    [T_CFG_LINE] = {.parts = {cfg_line, cfg_any}},
    [T_CFG_ROUTER] = {.parts = {cfg_router, cfg_any}},
    [T_CFG_VLAN] = {.parts = {cfg_vlan, cfg_any}},
    [T_XR_CFG] = {.parts = {cfg_xr, cfg_global, cfg_any}},
    [T_XR_CFG_IF] = {.parts = {cfg_xr, cfg_if, cfg_any}},
    [T_XR_CFG_LINE] = {.parts = {cfg_xr, cfg_line, cfg_any}},
    [T_XR_CFG_ROUTER] = {.parts = {cfg_xr, cfg_router, cfg_any}},
    [T_XR_CFG_VLAN] = {.parts = {cfg_xr, cfg_vlan, cfg_any}},
};

#define T(id) (tables[id].buf)
#define IOS_CONFIG_MODES                                                       \
	[NS_MODE_CONFIG] = T(T_CFG), [NS_MODE_IF] = T(T_CFG_IF),               \
	[NS_MODE_LINE] = T(T_CFG_LINE), [NS_MODE_ROUTER] = T(T_CFG_ROUTER),    \
	[NS_MODE_VLAN] = T(T_CFG_VLAN)
#define IOS_MODE_NAMES                                                         \
	.mode_names = {NULL, "config", "config-if", "config-line",             \
	    "config-router", "config-vlan", NULL}
#define IOS_ERRORS                                                             \
	.invalid = {1, "% Invalid input detected at '^' marker.\n\n"},         \
	.ambiguous = {0, "% Ambiguous command:  \"%l\"\n"},                    \
	.incomplete = {0, "% Incomplete command.\n\n"}
#define IOS_LIKE                                                               \
	.more = " --More-- ", .abbrev = 1, .page_length = 24, .comment = '!'

static const struct ns_platform platforms[] = {
    [NS_PLAT_IOS] =
	{
	    .modes = {T(T_IOS), IOS_CONFIG_MODES},
	    IOS_MODE_NAMES,
	    IOS_LIKE,
	    IOS_ERRORS,
	    .config_enter = "Enter configuration commands, one per line.  "
			    "End with CNTL/Z.\n",
	    .save = "Building configuration...\n[OK]\n",
	    .copy_ask = "Destination filename [startup-config]? ",
	    .prompt_max = 20,
	},
    [NS_PLAT_NXOS] =
	{
	    .modes = {T(T_NXOS), IOS_CONFIG_MODES},
	    IOS_MODE_NAMES,
	    IOS_LIKE,
	    .start_priv = 1,
	    .invalid = {1, "% Invalid command at '^' marker.\n"},
	    .ambiguous = {1, "% Ambiguous command at '^' marker.\n"},
	    .incomplete = {1, "% Incomplete command at '^' marker.\n"},
	    .config_enter = "Enter configuration commands, one per line. "
			    "End with CNTL/Z.\n",
	    .save = "[########################################] 100%\n"
		    "Copy complete, now saving to disk (please wait)...\n"
		    "Copy complete.\n",
	},
    [NS_PLAT_EOS] =
	{
	    .modes = {T(T_IOS), IOS_CONFIG_MODES},
	    IOS_MODE_NAMES,
	    IOS_LIKE,
	    .invalid = {0, "% Invalid input\n"},
	    .ambiguous = {0, "% Ambiguous command\n"},
	    .incomplete = {0, "% Incomplete command\n"},
	    .privileged = {0, "% Invalid input (privileged mode required)\n"},
	    .length_zero = "Pagination disabled.\n",
	    .length_set = "Pagination enabled.\n",
	    .width_set = "Width set to %ld columns.\n",
	    .save = "Copy completed successfully.\n",
	},
    [NS_PLAT_ASA] =
	{
	    .modes = {T(T_ASA), IOS_CONFIG_MODES},
	    IOS_MODE_NAMES,
	    IOS_LIKE,
	    .invalid = {1, "ERROR: % Invalid input detected at '^' marker.\n"},
	    .ambiguous = {0, "ERROR: % Ambiguous command:  \"%l\"\n"},
	    .incomplete = {0, "ERROR: % Incomplete command\n"},
	    .save = "Building configuration...\n"
		    "Cryptochecksum: 3d1c2e6a 8f0b4c71 95e2d3a0 7c6b1f48 \n\n"
		    "2209 bytes copied in 0.110 secs\n[OK]\n",
	    .copy_ask = "Destination filename [startup-config]? ",
	},
    [NS_PLAT_PROCURVE] =
	{
	    .modes = {T(T_PROCURVE), IOS_CONFIG_MODES},
	    IOS_MODE_NAMES,
	    IOS_LIKE,
	    .invalid = {0, "Invalid input: %w\n"},
	    .ambiguous = {0, "Ambiguous input: %w\n"},
	    .incomplete = {0, "Incomplete input: %w\n"},
	    .save = "",
	    .screen_setup = "\x1b[2J\x1b[?7l\x1b[3;23r\x1b[?6l\x1b[24;1H"
			    "\x1b[?25h",
	    .logout_ask = "Do you want to log out [y/n]? ",
	    .save_ask = "Do you want to save the current configuration [y/n]? ",
	    .banner = "HP J9773A 2530-24G-PoEP Switch\n"
		      "Software revision YA.16.02.0012\n\n"
		      "(C) Copyright 2016 Hewlett Packard Enterprise "
		      "Development LP\n\n"
		      "                   RESTRICTED RIGHTS LEGEND\n"
		      " Confidential computer software. Valid license from "
		      "Hewlett Packard Enterprise\n"
		      " Development LP required for possession, use or "
		      "copying.\n",
	},
    [NS_PLAT_XR] =
	{
	    .modes = {T(T_XR), [NS_MODE_CONFIG] = T(T_XR_CFG),
		[NS_MODE_IF] = T(T_XR_CFG_IF),
		[NS_MODE_LINE] = T(T_XR_CFG_LINE),
		[NS_MODE_ROUTER] = T(T_XR_CFG_ROUTER),
		[NS_MODE_VLAN] = T(T_XR_CFG_VLAN)},
	    IOS_MODE_NAMES,
	    IOS_LIKE,
	    IOS_ERRORS,
	    .start_priv = 1,
	    .commit = NS_COMMIT_SESSION,
	    .timestamp = 1,
	    .uncommitted_ask = "Uncommitted changes found, commit them before "
			       "exiting(yes/no/cancel)? [cancel]:",
	    .prompt_max = 31,
	},
    [NS_PLAT_JUNOS] =
	{
	    .modes = {[NS_MODE_EXEC] = junos_exec,
		[NS_MODE_CONFIG] = junos_config,
		[NS_MODE_SHELL] = junos_shell},
	    .more = "---(more)---",
	    .abbrev = 1,
	    .start_priv = 1,
	    .page_length = 24,
	    .comment = '#',
	    .commit = NS_COMMIT_SHARED,
	    .invalid = {1, "syntax error, expecting <command>.\n"},
	    .unknown = {1, "unknown command.\n"},
	    .ambiguous = {1, "'%w' is ambiguous.\n"},
	    .incomplete = {1, "syntax error, expecting <command>.\n"},
	    .cfg_invalid = {1, "syntax error.\n"},
	    .shell_invalid = {0, "%f: Command not found.\n"},
	    .length_zero = "Screen length set to %ld\n",
	    .length_set = "Screen length set to %ld\n",
	    .width_set = "Screen width set to %ld\n",
	    .config_enter = "Entering configuration mode\n",
	    .config_leave = "Exiting configuration mode\n\n",
	    .commit_done = "commit complete\n",
	    .config_pending = "The configuration has been changed but not "
			      "committed\n",
	    .edit_line = "[edit]",
	    .uncommitted_ask = "The configuration has been changed but not "
			       "committed\nExit with uncommitted changes? "
			       "[yes,no] (yes) ",
	},
    [NS_PLAT_LINUX] =
	{
	    .modes = {linux_cmds},
	    .more = " --More-- ",
	    .start_priv = 1,
	    .invalid = {0,
		"%f: extra operand '%w'\n"
		"Try '%f --help' for more information.\n"},
	    .unknown = {0, "-bash: %f: command not found\n"},
	},
};

/* The parts of j joined into its buffer (TABLE_CAP entries at most). */
static void
join(struct joined *j)
{
	const struct ns_command *p;
	size_t n = 0, i;

	for (i = 0; i < PARTS_MAX && j->parts[i] != NULL; i++) {
		for (p = j->parts[i]; p->words != NULL; p++) {
			if (n + 1 >= TABLE_CAP)
				abort(); /* a table here grew too big */
			j->buf[n++] = *p;
		}
	}
	j->buf[n] = (struct ns_command)END;
}

const struct ns_platform *
ns_platform_get(enum ns_platform_id id)
{
	size_t i;

	if (tables[0].buf[0].words == NULL)
		for (i = 0; i < T_COUNT; i++)
			join(&tables[i]);
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
	case NS_PLAT_XR:
		return "cisco_xr";
	case NS_PLAT_JUNOS:
		return "juniper_junos";
	case NS_PLAT_LINUX:
		return "linux";
	}
	return "cisco_ios";
}

/* "host(config-if)#": the part before "(" cut to the platform's maximum. */
static int
ios_prompt(const struct ns_device *d, const char *base, int priv,
    enum ns_mode mode, char *buf, size_t cap)
{
	const struct ns_platform *p = ns_platform_get(d->platform);
	int n = (int)strlen(base);

	if (mode == NS_MODE_EXEC || p->mode_names[mode] == NULL)
		return snprintf(buf, cap, "%s%c", base, priv ? '#' : '>');
	if (p->prompt_max > 0 && n > p->prompt_max)
		n = p->prompt_max;
	return snprintf(buf, cap, "%.*s(%s)#", n, base, p->mode_names[mode]);
}

int
ns_platform_prompt(const struct ns_device *d, int priv, enum ns_mode mode,
    char *buf, size_t cap)
{
	const char *host = ns_config_hostname(d->config);
	char base[256];

	if (host == NULL)
		host = d->hostname;
	switch (d->platform) {
	case NS_PLAT_IOS:
	case NS_PLAT_NXOS:
	case NS_PLAT_EOS:
	case NS_PLAT_ASA:
	case NS_PLAT_PROCURVE:
		return ios_prompt(d, host, priv, mode, buf, cap);
	case NS_PLAT_XR:
		snprintf(base, sizeof(base), "RP/0/RP0/CPU0:%s", host);
		return ios_prompt(d, base, 1, mode, buf, cap);
	case NS_PLAT_JUNOS:
		if (mode == NS_MODE_SHELL)
			return strcmp(d->username, "root") == 0
			    ? snprintf(buf, cap, "root@%s:~ # ", d->hostname)
			    : snprintf(buf, cap, "%% ");
		return snprintf(buf, cap, "%s@%s%s ", d->username, d->hostname,
		    mode == NS_MODE_EXEC ? ">" : "#");
	case NS_PLAT_LINUX:
		return snprintf(
		    buf, cap, "%s@%s:~$ ", d->username, d->hostname);
	}
	buf[0] = '\0';
	return 0;
}
