/*
 * ns_gen: generated command output, produced one line at a time so a
 * tens-of-megabytes "show running-config" never sits in memory. Every
 * value except the clock is derived from the device's hostname seed, so
 * two runs print the same bytes.
 */
#ifndef NS_GEN_H
#define NS_GEN_H

#include <stddef.h>

struct ns_device;

enum ns_out_kind {
	NS_OUT_NONE = 0,
	NS_OUT_CLOCK,
	NS_OUT_VERSION,
	NS_OUT_IP_INT_BRIEF,
	NS_OUT_RUN,
	NS_OUT_INTERFACES,
	NS_OUT_INVENTORY,
	NS_OUT_TECH,
	NS_OUT_XR_VERSION,
	NS_OUT_JUNOS_VERSION,
	NS_OUT_JUNOS_TERSE,
	NS_OUT_JUNOS_CONFIG,
	NS_OUT_UNAME,
	NS_OUT_HOSTNAME,
	NS_OUT_TEXT, /* the fixed text given to ns_gen_init_text() */
};

/* A cursor over one command's output; plain data, no resources. */
struct ns_gen {
	enum ns_out_kind kind;
	const struct ns_device *dev;
	size_t idx;   /* next line */
	size_t total; /* number of lines */
	/* show running-config layout */
	size_t nhdr, nhead, nintf, nfill, ntail;
	size_t cfgbytes;
	const char *text; /* NS_OUT_TEXT: lines separated by '\n' */
	const char *textp;
};

/* Prepare g for kind on dev (not copied; must outlive g); sets g->total. */
void ns_gen_init(
    struct ns_gen *g, const struct ns_device *dev, enum ns_out_kind kind);
/* Prepare g to print text (not copied; must outlive g). */
void ns_gen_init_text(struct ns_gen *g, const char *text);
/* Write the next line (no newline) into buf; its length, or -1 at the end. */
int ns_gen_line(struct ns_gen *g, char *buf, size_t cap);
/* The name and the address of interface i (0-based) of dev, in buf. */
void ns_gen_ifname(
    const struct ns_device *dev, size_t i, char *buf, size_t cap);
void ns_gen_ifaddr(
    const struct ns_device *dev, size_t i, char *buf, size_t cap);
/*
 * XR's time line above show output ("Sat Mar  3 17:49:03.596 UTC") in
 * buf, from the real clock or dev's fixed one; its length.
 */
int ns_gen_timestamp(const struct ns_device *dev, char *buf, size_t cap);

#endif
