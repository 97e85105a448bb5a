/*
 * ns_options: netsim's command line, parsed into a plain record. Device
 * knobs given as options (--set, --fault, --latency, --legacy...) are
 * kept as specs in command-line order, to be applied to the devices once
 * they exist.
 */
#ifndef NS_OPTIONS_H
#define NS_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

/* A --fault spec, or a --set spec ("[RANGE:]KEY=VALUE"). */
struct ns_spec {
	int fault;
	char *text;
};

struct ns_options {
	size_t ndevices; /* --devices, default 1 */
	int devices_given;
	const char *base; /* --base, default 127.0.0.1:0 */
	int per_port;
	const char *lab;
	const char *inventory;
	int ready_fd; /* -1 if none */
	const char *ready_file;
	const char *pid_file;
	const char *stats_file;
	const char *host_key;
	struct ns_spec *specs; /* owned */
	size_t nspecs;
};

enum ns_opt_result {
	NS_OPT_RUN = 0,
	NS_OPT_HELP,	/* --help: print the usage on stdout, exit 0 */
	NS_OPT_VERSION, /* -V, --version: print "netsim X.Y.Z", exit 0 */
	NS_OPT_USAGE,	/* print the usage on stderr, exit 2 */
	NS_OPT_ERROR,	/* err says what is wrong, exit 2 */
};

/*
 * Parse argv into o (strings point into argv). NS_OPT_RUN, or what to do
 * instead. o must be freed with ns_options_free() in every case.
 */
enum ns_opt_result ns_options_parse(
    int argc, char **argv, struct ns_options *o, char *err, size_t errlen);
void ns_options_usage(FILE *f);
void ns_options_free(struct ns_options *o);

#endif
