/*
 * ns_options: getopt_long over netsim's options. Each option is one
 * small step; the knob options (--platform, --latency, ...) are
 * rewritten to "all:KEY=VALUE" specs so that ns_device_set() stays the
 * only place that knows what a knob means.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_options.h"

static const char usage[] =
    "usage: netsim [--devices N --base ADDR:PORT [--per-port] | --lab FILE]\n"
    "              [--write-inventory FILE] [--ready-fd N] [--ready-file "
    "FILE]\n"
    "              [--pid-file FILE] [--stats-file FILE] [--host-key "
    "FILE]\n"
    "              [--platform P] [--username U] [--password P] [--secret "
    "S]\n"
    "              [--auth METHODS] [--banner TEXT] [--interfaces K]\n"
    "              [--config-size BYTES] [--latency MS] [--login-delay MS]\n"
    "              [--banner-delay MS] [--trickle BYTES_PER_MS] [--legacy]\n"
    "              [--fault NAME[=VALUE][:RANGE]]... [--set "
    "[RANGE:]KEY=VALUE]...\n"
    "\n"
    "  --devices N        generate R1..RN (default 1)\n"
    "  --base ADDR:PORT   first address (127.0.0.0/8 only); consecutive\n"
    "                     addresses share PORT; PORT 0 = a free port each\n"
    "  --per-port         consecutive ports on ADDR instead\n"
    "  --lab FILE         devices from a lab file (see netsim(1))\n"
    "  --fault SPEC       NAME[=VALUE][:RANGE], e.g. auth_fail:1-10,15 or\n"
    "                     huge_output=20:3. Faults: auth_fail "
    "hang_after_auth\n"
    "                     hang_mid_output disconnect_mid_output "
    "drop_on_connect\n"
    "                     no_pty garbage prompt_in_output huge_output=MB\n"
    "  --set SPEC         [RANGE:]KEY=VALUE for any lab-file key, e.g.\n"
    "                     --set 1-10:latency=200 --set 5:platform=linux\n"
    "  RANGE              all, N, N-M, or a comma list (1-based index)\n"
    "  -h, --help         this help;  -V, --version  the version\n"
    "  Signals: SIGUSR1 writes the stats file, SIGTERM/SIGINT exit 0.\n";

enum opt {
	O_DEVICES = 256,
	O_BASE,
	O_PER_PORT,
	O_LAB,
	O_INVENTORY,
	O_READY_FD,
	O_READY_FILE,
	O_PID_FILE,
	O_STATS_FILE,
	O_HOST_KEY,
	O_FAULT,
	O_SET,
	O_LEGACY,
	O_HELP,
	O_VERSION,
	O_KNOB, /* --platform etc.: a --set for all devices */
};

static const struct option longopts[] = {
    {"devices", required_argument, NULL, O_DEVICES},
    {"base", required_argument, NULL, O_BASE},
    {"per-port", no_argument, NULL, O_PER_PORT},
    {"lab", required_argument, NULL, O_LAB},
    {"write-inventory", required_argument, NULL, O_INVENTORY},
    {"ready-fd", required_argument, NULL, O_READY_FD},
    {"ready-file", required_argument, NULL, O_READY_FILE},
    {"pid-file", required_argument, NULL, O_PID_FILE},
    {"stats-file", required_argument, NULL, O_STATS_FILE},
    {"host-key", required_argument, NULL, O_HOST_KEY},
    {"fault", required_argument, NULL, O_FAULT},
    {"set", required_argument, NULL, O_SET},
    {"legacy", no_argument, NULL, O_LEGACY},
    {"help", no_argument, NULL, O_HELP},
    {"version", no_argument, NULL, O_VERSION},
    {"platform", required_argument, NULL, O_KNOB},
    {"username", required_argument, NULL, O_KNOB},
    {"password", required_argument, NULL, O_KNOB},
    {"secret", required_argument, NULL, O_KNOB},
    {"auth", required_argument, NULL, O_KNOB},
    {"banner", required_argument, NULL, O_KNOB},
    {"interfaces", required_argument, NULL, O_KNOB},
    {"config-size", required_argument, NULL, O_KNOB},
    {"latency", required_argument, NULL, O_KNOB},
    {"login-delay", required_argument, NULL, O_KNOB},
    {"banner-delay", required_argument, NULL, O_KNOB},
    {"trickle", required_argument, NULL, O_KNOB},
    {NULL, 0, NULL, 0},
};

void
ns_options_usage(FILE *f)
{
	fputs(usage, f);
}

/* Append a spec (text is taken over); -1 when out of memory. */
static int
add_spec(struct ns_options *o, int fault, char *text)
{
	struct ns_spec *ns;

	if (text == NULL ||
	    (ns = realloc(o->specs, (o->nspecs + 1) * sizeof(*ns))) == NULL) {
		free(text);
		return -1;
	}
	o->specs = ns;
	o->specs[o->nspecs].fault = fault;
	o->specs[o->nspecs].text = text;
	o->nspecs++;
	return 0;
}

/* --config-size BYTES is the spec "all:config_size=BYTES". */
static int
add_knob(struct ns_options *o, const char *option, const char *value)
{
	char key[64], *text;
	size_t k;

	snprintf(key, sizeof(key), "%s", option);
	for (k = 0; key[k] != '\0'; k++)
		if (key[k] == '-')
			key[k] = '_';
	if (asprintf(&text, "all:%s=%s", key, value) == -1)
		return -1;
	return add_spec(o, 0, text);
}

static int
parse_devices(struct ns_options *o, const char *arg, char *err, size_t errlen)
{
	char *end;

	o->ndevices = strtoul(arg, &end, 10);
	if (*end != '\0' || o->ndevices < 1 || o->ndevices > 60000) {
		snprintf(err, errlen, "--devices: expected 1..60000");
		return -1;
	}
	o->devices_given = 1;
	return 0;
}

static int
parse_fd(struct ns_options *o, const char *arg, char *err, size_t errlen)
{
	char *end;

	o->ready_fd = (int)strtol(arg, &end, 10);
	if (*end != '\0' || o->ready_fd < 0) {
		snprintf(err, errlen, "--ready-fd: expected a file descriptor");
		return -1;
	}
	return 0;
}

/* One option ch (index idx in longopts) with its argument. */
static enum ns_opt_result
option(struct ns_options *o, int ch, int idx, const char *arg, char *err,
    size_t errlen)
{
	int rc = 0;

	switch (ch) {
	case O_DEVICES:
		rc = parse_devices(o, arg, err, errlen);
		break;
	case O_BASE:
		o->base = arg;
		break;
	case O_PER_PORT:
		o->per_port = 1;
		break;
	case O_LAB:
		o->lab = arg;
		break;
	case O_INVENTORY:
		o->inventory = arg;
		break;
	case O_READY_FD:
		rc = parse_fd(o, arg, err, errlen);
		break;
	case O_READY_FILE:
		o->ready_file = arg;
		break;
	case O_PID_FILE:
		o->pid_file = arg;
		break;
	case O_STATS_FILE:
		o->stats_file = arg;
		break;
	case O_HOST_KEY:
		o->host_key = arg;
		break;
	case O_FAULT:
	case O_SET:
		if (add_spec(o, ch == O_FAULT, strdup(arg)) == -1)
			goto nomem;
		break;
	case O_LEGACY:
		if (add_spec(o, 0, strdup("legacy=1")) == -1)
			goto nomem;
		break;
	case O_KNOB:
		if (add_knob(o, longopts[idx].name, arg) == -1)
			goto nomem;
		break;
	case O_HELP:
	case 'h':
		return NS_OPT_HELP;
	case O_VERSION:
	case 'V':
		return NS_OPT_VERSION;
	default:
		return NS_OPT_USAGE;
	}
	return rc == 0 ? NS_OPT_RUN : NS_OPT_ERROR;
nomem:
	snprintf(err, errlen, "out of memory");
	return NS_OPT_ERROR;
}

enum ns_opt_result
ns_options_parse(
    int argc, char **argv, struct ns_options *o, char *err, size_t errlen)
{
	enum ns_opt_result r;
	int ch, idx = 0;

	memset(o, 0, sizeof(*o));
	o->ndevices = 1;
	o->base = "127.0.0.1:0";
	o->ready_fd = -1;
	while ((ch = getopt_long(argc, argv, "hV", longopts, &idx)) != -1)
		if ((r = option(o, ch, idx, optarg, err, errlen)) != NS_OPT_RUN)
			return r;
	if (optind != argc)
		return NS_OPT_USAGE;
	if (o->lab != NULL && o->devices_given) {
		snprintf(err, errlen, "--lab and --devices are exclusive");
		return NS_OPT_ERROR;
	}
	return NS_OPT_RUN;
}

void
ns_options_free(struct ns_options *o)
{
	size_t i;

	for (i = 0; i < o->nspecs; i++)
		free(o->specs[i].text);
	free(o->specs);
	o->specs = NULL;
	o->nspecs = 0;
}
