/*
 * output: generated command output, produced one line at a time so a
 * tens-of-megabytes "show running-config" never sits in memory. Every
 * value except the clock is derived from the device's hostname seed, so
 * two runs print the same bytes.
 */
#ifndef NETSIM_OUTPUT_H
#define NETSIM_OUTPUT_H

#include <stddef.h>

#include "ns_device.h"

enum out_kind {
	OUT_NONE = 0,
	OUT_CLOCK,
	OUT_VERSION,
	OUT_IP_INT_BRIEF,
	OUT_RUN,
	OUT_INTERFACES,
	OUT_INVENTORY,
	OUT_TECH,
	OUT_JUNOS_VERSION,
	OUT_JUNOS_TERSE,
	OUT_JUNOS_CONFIG,
	OUT_UNAME,
	OUT_HOSTNAME,
	OUT_TEXT, /* the fixed text given to gen_init_text() */
};

struct gen {
	enum out_kind kind;
	const struct device *dev;
	size_t idx;   /* next line */
	size_t total; /* number of lines */
	/* show running-config layout */
	size_t nhead, nintf, nfill, ntail;
	size_t cfgbytes;
	const char *text; /* OUT_TEXT: lines separated by '\n' */
	const char *textp;
};

/* Prepare g for kind on dev; g->total is set. */
void gen_init(struct gen *g, const struct device *dev, enum out_kind kind);
/* Prepare g to print text (not copied; must outlive g). */
void gen_init_text(struct gen *g, const char *text);
/* Write the next line (no newline) into buf; length, or -1 at the end. */
int gen_line(struct gen *g, char *buf, size_t cap);

#endif
