/*
 * ns_gen: line generators for the simulated show commands. A generator
 * is a cursor (kind, line index); ns_gen_line() computes line idx from the
 * device seed alone, so output can be produced lazily as the channel
 * window opens, paused at --More--, and cut short by a fault. Layouts
 * follow IOS closely enough for parsers; the numbers are invented.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ns_device.h"
#include "ns_gen.h"

#define LINE_MAX_LEN 512

static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static unsigned
rnd(const struct ns_device *d, uint64_t salt, unsigned mod)
{
	return (unsigned)(mix(d->seed ^ mix(salt)) % mod);
}

static const char *ios_version[] = {
    "Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version "
    "15.6(2)T, RELEASE SOFTWARE (fc2)",
    "Technical Support: http://www.cisco.com/techsupport",
    "Copyright (c) 1986-2016 by Cisco Systems, Inc.",
    "Compiled Tue 22-Mar-16 16:19 by prod_rel_team",
    "",
    "",
    "ROM: Bootstrap program is IOSv",
    "",
    "%H uptime is %U",
    "System returned to ROM by reload",
    "System image file is \"flash0:/vios-adventerprisek9-m\"",
    "Last reload reason: Unknown reason",
    "",
    "",
    "",
    "This product contains cryptographic features and is subject to "
    "United",
    "States and local country laws governing import, export, transfer "
    "and",
    "use. Delivery of Cisco cryptographic products does not imply",
    "third-party authority to import, export, distribute or use "
    "encryption.",
    "Importers, exporters, distributors and users are responsible for",
    "compliance with U.S. and local country laws. By using this product "
    "you",
    "agree to comply with applicable laws and regulations. If you are "
    "unable",
    "to comply with U.S. and local laws, return this product immediately.",
    "",
    "Cisco IOSv (revision 1.0) with 460033K/62464K bytes of memory.",
    "Processor board ID %S",
    "%I Gigabit Ethernet interfaces",
    "DRAM configuration is 72 bits wide with parity disabled.",
    "256K bytes of non-volatile configuration memory.",
    "2097152K bytes of ATA System CompactFlash 0 (Read/Write)",
    "",
    "Configuration register is 0x0",
    "",
    NULL,
};

static const char *xr_version[] = {
    "Cisco IOS XR Software, Version 6.5.3",
    "Copyright (c) 2013-2019 by Cisco Systems, Inc.",
    "",
    "Build Information:",
    " Built By     : ahoang",
    " Built On     : Tue Mar 26 06:52:25 PDT 2019",
    " Built Host   : iox-ucs-019",
    " Workspace    : /auto/srcarchive13/prod/6.5.3/xrv9k/ws",
    " Version      : 6.5.3",
    " Location     : /opt/cisco/XR/packages/",
    "",
    "cisco IOS-XRv 9000 () processor",
    "System uptime is %U",
    "",
    NULL,
};

static const char *ios_run_hdr[] = {
    "Building configuration...",
    "",
    "Current configuration : %C bytes",
    NULL,
};

static const char *xr_run_hdr[] = {
    "Building configuration...",
    "!! IOS XR Configuration 6.5.3",
    "!! Last configuration change at Sat Mar  3 17:00:00 2018 by admin",
    NULL,
};

static const char *xr_run_head[] = {
    "!",
    "hostname %H",
    "domain name netsim.lab",
    "username admin",
    " group root-lr",
    " group cisco-support",
    " secret 5 $1$%S$netsim",
    "!",
    NULL,
};

static const char *xr_run_tail[] = {
    "!",
    "ssh server v2",
    "ssh server vrf default",
    "end",
    NULL,
};

static const char *run_head[] = {
    "!",
    "version 15.6",
    "service timestamps debug datetime msec",
    "service timestamps log datetime msec",
    "no service password-encryption",
    "!",
    "hostname %H",
    "!",
    "boot-start-marker",
    "boot-end-marker",
    "!",
    "enable secret 5 $1$%S$netsimnetsimnetsim",
    "!",
    "no aaa new-model",
    "!",
    "no ip domain lookup",
    "ip cef",
    "no ipv6 cef",
    "!",
    "username admin privilege 15 secret 5 $1$%S$netsim",
    "!",
    NULL,
};

static const char *run_tail[] = {
    "!",
    "line con 0",
    "line aux 0",
    "line vty 0 4",
    " login local",
    " transport input ssh",
    "!",
    "end",
    NULL,
};

static const char *inventory_lines[] = {
    "NAME: \"%H\", DESCR: \"Cisco IOSv Chassis\"",
    "PID: IOSv              , VID: 1.0, SN: %S",
    "",
    "NAME: \"module 0\", DESCR: \"Cisco IOSv Module\"",
    "PID: IOSv-M            , VID: 1.0, SN: %T",
    "",
    "",
    NULL,
};

static const char *junos_version[] = {
    "Hostname: %H",
    "Model: vmx",
    "Junos: 18.2R1.9",
    "JUNOS OS Kernel 64-bit  [20180614.6c3f819_builder_stable_11]",
    "JUNOS OS libs [20180614.6c3f819_builder_stable_11]",
    "JUNOS OS runtime [20180614.6c3f819_builder_stable_11]",
    "",
    NULL,
};

static size_t
count(const char **t)
{
	size_t n = 0;

	while (t[n] != NULL)
		n++;
	return n;
}

/*
 * Expand %H hostname, %S/%T serials, %U uptime, %I interface count, %C
 * the configuration size.
 */
static int
expand_size(const struct ns_device *d, const char *fmt, size_t cfgbytes,
    char *buf, size_t cap)
{
	size_t o = 0;
	int n;

	for (; *fmt != '\0' && o + 1 < cap; fmt++) {
		if (*fmt != '%' || fmt[1] == '\0') {
			buf[o++] = *fmt;
			continue;
		}
		fmt++;
		switch (*fmt) {
		case 'H':
			n = snprintf(buf + o, cap - o, "%s", d->hostname);
			break;
		case 'S':
			n = snprintf(
			    buf + o, cap - o, "9%010u", rnd(d, 1, 1000000000));
			break;
		case 'T':
			n = snprintf(
			    buf + o, cap - o, "9%010u", rnd(d, 2, 1000000000));
			break;
		case 'U':
			n = snprintf(buf + o, cap - o,
			    "%u weeks, %u days, %u hours, %u minutes",
			    rnd(d, 3, 50), rnd(d, 4, 7), rnd(d, 5, 24),
			    rnd(d, 6, 60));
			break;
		case 'I':
			n = snprintf(buf + o, cap - o, "%d", d->interfaces);
			break;
		case 'C':
			n = snprintf(buf + o, cap - o, "%zu", cfgbytes);
			break;
		default:
			n = snprintf(buf + o, cap - o, "%%%c", *fmt);
			break;
		}
		if (n < 0)
			break;
		o += (size_t)n;
		if (o >= cap)
			o = cap - 1;
	}
	buf[o] = '\0';
	return (int)o;
}

static int
expand(const struct ns_device *d, const char *fmt, char *buf, size_t cap)
{
	return expand_size(d, fmt, 0, buf, cap);
}

void
ns_gen_ifname(const struct ns_device *d, size_t i, char *buf, size_t cap)
{
	if (d->platform == NS_PLAT_XR)
		snprintf(buf, cap, "GigabitEthernet0/0/0/%zu", i);
	else if (d->platform == NS_PLAT_JUNOS)
		snprintf(buf, cap, "ge-0/0/%zu", i);
	else if (d->platform == NS_PLAT_NXOS || d->platform == NS_PLAT_EOS)
		snprintf(buf, cap, "Ethernet1/%zu", i + 1);
	else
		snprintf(buf, cap, "GigabitEthernet0/%zu", i);
}

void
ns_gen_ifaddr(const struct ns_device *d, size_t i, char *buf, size_t cap)
{
	snprintf(buf, cap, "10.%u.%zu.%u", rnd(d, 7, 250) + 1, i / 250 % 256,
	    (unsigned)(i % 250) + 1);
}

static int
if_up(const struct ns_device *d, size_t i)
{
	return i == 0 || rnd(d, 1000 + i, 4) != 0;
}

static int
run_intf_line(const struct ns_device *d, size_t i, char *buf, size_t cap)
{
	char name[64], addr[32];
	size_t intf = i / 5;

	ns_gen_ifname(d, intf, name, sizeof(name));
	ns_gen_ifaddr(d, intf, addr, sizeof(addr));
	switch (i % 5) {
	case 0:
		return snprintf(buf, cap, "interface %s", name);
	case 1:
		return snprintf(buf, cap, " description link %zu to peer-%u",
		    intf, rnd(d, 2000 + intf, 1000));
	case 2:
		return snprintf(buf, cap, " %s address %s 255.255.255.0",
		    d->platform == NS_PLAT_XR ? "ipv4" : "ip", addr);
	case 3:
		return snprintf(buf, cap, "%s",
		    if_up(d, intf) ? " duplex auto" : " shutdown");
	default:
		return snprintf(buf, cap, "!");
	}
}

#define FILL_LEN 36 /* strlen of every filler line */

static int
run_fill_line(const struct ns_device *d, size_t i, char *buf, size_t cap)
{
	return snprintf(buf, cap, "ip host fill-%08zu 10.%u.%u.%u", i,
	    100 + rnd(d, 3 * i, 100), 100 + rnd(d, 3 * i + 1, 100),
	    100 + rnd(d, 3 * i + 2, 100));
}

/* The header, head and tail lines of the running config of d. */
static void
run_parts(const struct ns_device *d, const char ***hdr, const char ***head,
    const char ***tail)
{
	int xr = d->platform == NS_PLAT_XR;

	*hdr = xr ? xr_run_hdr : ios_run_hdr;
	*head = xr ? xr_run_head : run_head;
	*tail = xr ? xr_run_tail : run_tail;
}

static int
run_line(struct ns_gen *g, size_t i, char *buf, size_t cap)
{
	const struct ns_device *d = g->dev;
	const char **hdr, **head, **tail;

	run_parts(d, &hdr, &head, &tail);
	if (i < g->nhdr)
		return expand_size(d, hdr[i], g->cfgbytes, buf, cap);
	i -= g->nhdr;
	if (i < g->nhead)
		return expand(d, head[i], buf, cap);
	i -= g->nhead;
	if (i < g->nintf)
		return run_intf_line(d, i, buf, cap);
	i -= g->nintf;
	if (i < g->nfill)
		return run_fill_line(d, i, buf, cap);
	i -= g->nfill;
	if (i < g->ntail)
		return expand(d, tail[i], buf, cap);
	return snprintf(buf, cap, "%s", "");
}

static void
run_init(struct ns_gen *g)
{
	const struct ns_device *d = g->dev;
	const char **hdr, **head, **tail;
	char buf[LINE_MAX_LEN];
	size_t i, bytes = 0, target;

	run_parts(d, &hdr, &head, &tail);
	g->nhdr = count(hdr);
	g->nhead = count(head);
	g->nintf = (size_t)d->interfaces * 5;
	g->ntail = count(tail);
	for (i = 0; i < g->nhead; i++)
		bytes += (size_t)expand(d, head[i], buf, sizeof(buf)) + 1;
	for (i = 0; i < g->nintf; i++)
		bytes += (size_t)run_intf_line(d, i, buf, sizeof(buf)) + 1;
	for (i = 0; i < g->ntail; i++)
		bytes += (size_t)expand(d, tail[i], buf, sizeof(buf)) + 1;
	target =
	    d->huge_mb > 0 ? (size_t)d->huge_mb << 20 : (size_t)d->config_size;
	g->nfill = target > bytes ? (target - bytes) / (FILL_LEN + 1) : 0;
	g->cfgbytes = bytes + g->nfill * (FILL_LEN + 1);
	g->total = g->nhdr + g->nhead + g->nintf + g->nfill + g->ntail + 1;
}

static int
brief_line(const struct ns_device *d, size_t i, char *buf, size_t cap)
{
	char name[64], addr[32];
	int up;

	if (i == 0)
		return snprintf(buf, cap, "%-27s%-16s%-4s%-7s%-22s%s",
		    "Interface", "IP-Address", "OK?", "Method", "Status",
		    "Protocol");
	i--;
	ns_gen_ifname(d, i, name, sizeof(name));
	ns_gen_ifaddr(d, i, addr, sizeof(addr));
	up = if_up(d, i);
	return snprintf(buf, cap, "%-27s%-16s%-4s%-7s%-22s%s", name, addr,
	    "YES", "NVRAM", up ? "up" : "administratively down",
	    up ? "up" : "down");
}

#define INTF_LINES 12

static int
intf_line(const struct ns_device *d, size_t i, char *buf, size_t cap)
{
	char name[64], addr[32];
	size_t n = i / INTF_LINES;
	unsigned mac = rnd(d, 3000 + n, 0xffffff);
	int up = if_up(d, n);

	ns_gen_ifname(d, n, name, sizeof(name));
	ns_gen_ifaddr(d, n, addr, sizeof(addr));
	switch (i % INTF_LINES) {
	case 0:
		return snprintf(buf, cap, "%s is %s, line protocol is %s ",
		    name, up ? "up" : "administratively down",
		    up ? "up" : "down");
	case 1:
		return snprintf(buf, cap,
		    "  Hardware is iGbE, address is 5254.00%02x.%04x "
		    "(bia 5254.00%02x.%04x)",
		    mac >> 16, mac & 0xffff, mac >> 16, mac & 0xffff);
	case 2:
		return snprintf(buf, cap, "  Internet address is %s/24", addr);
	case 3:
		return snprintf(buf, cap,
		    "  MTU 1500 bytes, BW 1000000 "
		    "Kbit/sec, DLY 10 usec, ");
	case 4:
		return snprintf(buf, cap,
		    "     reliability 255/255, txload "
		    "1/255, rxload 1/255");
	case 5:
		return snprintf(buf, cap,
		    "  Encapsulation ARPA, loopback "
		    "not set");
	case 6:
		return snprintf(buf, cap,
		    "  Full Duplex, Auto Speed, link "
		    "type is auto, media type is RJ45");
	case 7:
		return snprintf(buf, cap,
		    "  5 minute input rate %u bits/sec, %u packets/sec",
		    rnd(d, 4000 + n, 100000), rnd(d, 5000 + n, 100));
	case 8:
		return snprintf(buf, cap,
		    "  5 minute output rate %u bits/sec, %u packets/sec",
		    rnd(d, 6000 + n, 100000), rnd(d, 7000 + n, 100));
	case 9:
		return snprintf(buf, cap,
		    "     %u packets input, %u bytes, 0 no buffer",
		    rnd(d, 8000 + n, 10000000), rnd(d, 9000 + n, 1000000000));
	case 10:
		return snprintf(buf, cap,
		    "     %u packets output, %u bytes, 0 underruns",
		    rnd(d, 10000 + n, 10000000), rnd(d, 11000 + n, 1000000000));
	default:
		return snprintf(buf, cap,
		    "     0 output errors, 0 "
		    "collisions, 0 interface resets");
	}
}

static int
terse_line(const struct ns_device *d, size_t i, char *buf, size_t cap)
{
	char name[64], addr[32];
	int up;

	if (i == 0)
		return snprintf(buf, cap, "%-24s%-6s%-5s%-6s%-23s%s",
		    "Interface", "Admin", "Link", "Proto", "Local", "Remote");
	ns_gen_ifname(d, i - 1, name, sizeof(name));
	ns_gen_ifaddr(d, i - 1, addr, sizeof(addr));
	up = if_up(d, i - 1);
	return snprintf(buf, cap, "%-24s%-6s%-5s%-6s%s/24", name,
	    up ? "up" : "down", up ? "up" : "down", "inet", addr);
}

static const char *wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *mo[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
    "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Sat Mar  3 17:49:03.596 UTC 2018: the time of a fixed_clock device. */
#define FIXED_SEC 1520099343
#define FIXED_MS 596

/* The device's idea of now, in UTC, and its milliseconds. */
static void
now_utc(const struct ns_device *d, struct tm *tm, long *ms)
{
	struct timespec ts;

	if (d->fixed_clock) {
		ts.tv_sec = FIXED_SEC;
		ts.tv_nsec = FIXED_MS * 1000000L;
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
	}
	gmtime_r(&ts.tv_sec, tm);
	*ms = ts.tv_nsec / 1000000;
}

static int
clock_line(const struct ns_device *d, char *buf, size_t cap)
{
	struct tm tm;
	long ms;

	now_utc(d, &tm, &ms);
	return snprintf(buf, cap, "*%02d:%02d:%02d.%03ld UTC %s %s %d %d",
	    tm.tm_hour, tm.tm_min, tm.tm_sec, ms, wd[tm.tm_wday % 7],
	    mo[tm.tm_mon % 12], tm.tm_mday, tm.tm_year + 1900);
}

int
ns_gen_timestamp(const struct ns_device *d, char *buf, size_t cap)
{
	struct tm tm;
	long ms;

	now_utc(d, &tm, &ms);
	return snprintf(buf, cap, "%s %s %2d %02d:%02d:%02d.%03ld UTC",
	    wd[tm.tm_wday % 7], mo[tm.tm_mon % 12], tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ms);
}

void
ns_gen_init_text(struct ns_gen *g, const char *text)
{
	const char *p;

	memset(g, 0, sizeof(*g));
	g->kind = NS_OUT_TEXT;
	g->text = g->textp = text;
	g->total = 0;
	for (p = text; *p != '\0'; p++)
		if (*p == '\n')
			g->total++;
	if (p != text && p[-1] != '\n')
		g->total++;
}

void
ns_gen_init(
    struct ns_gen *g, const struct ns_device *dev, enum ns_out_kind kind)
{
	memset(g, 0, sizeof(*g));
	g->kind = kind;
	g->dev = dev;
	switch (kind) {
	case NS_OUT_NONE:
	case NS_OUT_TEXT:
		g->total = 0;
		break;
	case NS_OUT_CLOCK:
	case NS_OUT_UNAME:
	case NS_OUT_HOSTNAME:
		g->total = 1;
		break;
	case NS_OUT_VERSION:
		g->total = count(ios_version);
		break;
	case NS_OUT_XR_VERSION:
		g->total = count(xr_version);
		break;
	case NS_OUT_IP_INT_BRIEF:
		g->total = 1 + (size_t)dev->interfaces;
		break;
	case NS_OUT_RUN:
	case NS_OUT_TECH:
		run_init(g);
		break;
	case NS_OUT_INTERFACES:
		g->total = (size_t)dev->interfaces * INTF_LINES;
		break;
	case NS_OUT_INVENTORY:
		g->total = count(inventory_lines);
		break;
	case NS_OUT_JUNOS_VERSION:
		g->total = count(junos_version);
		break;
	case NS_OUT_JUNOS_TERSE:
		g->total = 1 + (size_t)dev->interfaces;
		break;
	case NS_OUT_JUNOS_CONFIG:
		g->total = 0; /* ns_jconfig renders it */
		break;
	}
}

int
ns_gen_line(struct ns_gen *g, char *buf, size_t cap)
{
	const struct ns_device *d = g->dev;
	const char *nl;
	size_t i = g->idx, len;
	int n = -1;

	if (i >= g->total)
		return -1;
	switch (g->kind) {
	case NS_OUT_NONE:
		return -1;
	case NS_OUT_TEXT:
		nl = strchr(g->textp, '\n');
		len = nl ? (size_t)(nl - g->textp) : strlen(g->textp);
		if (len >= cap)
			len = cap - 1;
		memcpy(buf, g->textp, len);
		buf[len] = '\0';
		g->textp = nl ? nl + 1 : g->textp + len;
		n = (int)len;
		break;
	case NS_OUT_CLOCK:
		n = clock_line(d, buf, cap);
		break;
	case NS_OUT_UNAME:
		n = snprintf(buf, cap,
		    "Linux %s 6.1.0-netsim #1 SMP x86_64 GNU/Linux",
		    d->hostname);
		break;
	case NS_OUT_HOSTNAME:
		n = snprintf(buf, cap, "%s", d->hostname);
		break;
	case NS_OUT_VERSION:
		n = expand(d, ios_version[i], buf, cap);
		break;
	case NS_OUT_XR_VERSION:
		n = expand(d, xr_version[i], buf, cap);
		break;
	case NS_OUT_IP_INT_BRIEF:
		n = brief_line(d, i, buf, cap);
		break;
	case NS_OUT_RUN:
	case NS_OUT_TECH:
		n = run_line(g, i, buf, cap);
		break;
	case NS_OUT_INTERFACES:
		n = intf_line(d, i, buf, cap);
		break;
	case NS_OUT_INVENTORY:
		n = expand(d, inventory_lines[i], buf, cap);
		break;
	case NS_OUT_JUNOS_VERSION:
		n = expand(d, junos_version[i], buf, cap);
		break;
	case NS_OUT_JUNOS_TERSE:
		n = terse_line(d, i, buf, cap);
		break;
	case NS_OUT_JUNOS_CONFIG:
		return -1;
	}
	if (n < 0)
		n = 0;
	if ((size_t)n >= cap)
		n = (int)cap - 1;
	g->idx++;
	return n;
}
