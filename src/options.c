/*
 * options: the command line, with getopt_long, into struct config.
 *
 * Every value is checked here so that main() only ever sees a valid
 * config: numbers are decimal and in range, durations are decimal seconds
 * turned into milliseconds, sizes take a k/M/G suffix. A usage error is
 * one line on stderr plus a pointer to --help. There is deliberately no
 * way to give a password on the command line (it would show in ps and in
 * shell history); --password is answered with where to put it instead.
 * Strings in the config point into argv except the commands and
 * known_hosts, which the config owns.
 */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "util.h"

#define NC_VERSION "0.1.0"
#define MAX_JOBS 100000
#define MAX_COMMANDS 10000
#define MAX_COMMAND_LEN 4096
#define MAX_OUTPUT_LIMIT (UINT64_C(64) << 30)

enum long_only {
	OPT_COMMANDS_FILE = 256,
	OPT_MODE,
	OPT_CONNECT_TIMEOUT,
	OPT_AUTH_TIMEOUT,
	OPT_READ_TIMEOUT,
	OPT_TIMEOUT,
	OPT_HOST_KEY_CHECK,
	OPT_KNOWN_HOSTS,
	OPT_LIMIT,
	OPT_ORDER,
	OPT_FORMAT,
	OPT_OUTPUT_DIR,
	OPT_SESSION_LOG,
	OPT_PIPE,
	OPT_PIPE_TIMEOUT,
	OPT_MAX_OUTPUT,
	OPT_TRACE,
	OPT_NO_COLOR,
	OPT_ASK_PASS,
	OPT_ASK_SECRET,
	OPT_HELP,
	OPT_VERSION,
};

static const struct option long_options[] = {
    {"inventory", required_argument, NULL, 'i'},
    {"command", required_argument, NULL, 'c'},
    {"commands-file", required_argument, NULL, OPT_COMMANDS_FILE},
    {"jobs", required_argument, NULL, 'j'},
    {"mode", required_argument, NULL, OPT_MODE},
    {"connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT},
    {"auth-timeout", required_argument, NULL, OPT_AUTH_TIMEOUT},
    {"read-timeout", required_argument, NULL, OPT_READ_TIMEOUT},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"host-key-check", required_argument, NULL, OPT_HOST_KEY_CHECK},
    {"known-hosts", required_argument, NULL, OPT_KNOWN_HOSTS},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"order", required_argument, NULL, OPT_ORDER},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output-dir", required_argument, NULL, OPT_OUTPUT_DIR},
    {"session-log", required_argument, NULL, OPT_SESSION_LOG},
    {"pipe", required_argument, NULL, OPT_PIPE},
    {"pipe-timeout", required_argument, NULL, OPT_PIPE_TIMEOUT},
    {"max-output", required_argument, NULL, OPT_MAX_OUTPUT},
    {"trace", no_argument, NULL, OPT_TRACE},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"no-color", no_argument, NULL, OPT_NO_COLOR},
    {"ask-pass", no_argument, NULL, OPT_ASK_PASS},
    {"ask-secret", no_argument, NULL, OPT_ASK_SECRET},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static const char usage_text[] =
    "Usage: netcollect [options] [-i FILE] [COMMAND ...]\n"
    "Run CLI commands on many network devices in parallel over SSH.\n"
    "\n"
    "Inventory and commands:\n"
    "  -i, --inventory FILE     devices file (default devices.yaml)\n"
    "  -c, --command CMD        command to run (repeatable)\n"
    "      --commands-file FILE commands, one per line (# comments)\n"
    "      --limit PATTERN      only devices whose name, group or host\n"
    "                           match the glob; !PATTERN excludes\n"
    "Running:\n"
    "  -j, --jobs N             devices at once (default 32)\n"
    "      --mode MODE          process (default), thread or serial\n"
    "      --connect-timeout S  TCP connect timeout (default 10)\n"
    "      --auth-timeout S     SSH handshake and login (default 15)\n"
    "      --read-timeout S     per command (default 30)\n"
    "      --timeout S          per device overall (default: derived)\n"
    "      --host-key-check M   strict, accept-new (default) or off\n"
    "      --known-hosts FILE   default ~/.ssh/known_hosts\n"
    "      --ask-pass           prompt once for the SSH password\n"
    "      --ask-secret         prompt once for the enable secret\n"
    "Output:\n"
    "      --format F           text (default), json or jsonl\n"
    "      --order O            input (default) or completion\n"
    "      --output-dir DIR     one file per device\n"
    "      --session-log DIR    raw session transcript per device\n"
    "      --pipe CMD           filter each output through CMD\n"
    "      --pipe-timeout S     time limit of --pipe (default 60)\n"
    "      --max-output SIZE    per device, like 10k, 256M (default),\n"
    "                           1G\n"
    "      --trace              the ===> / <=== lines with times\n"
    "  -q, --quiet              no progress line, no summary\n"
    "  -v, --verbose            more diagnostics (repeatable)\n"
    "      --no-color           no colors on the terminal\n"
    "      --help               this help\n"
    "      --version            the version\n"
    "\n"
    "Durations are seconds and may have decimals (0.5). Passwords are\n"
    "never taken on the command line: write password: ${VAR} in the\n"
    "inventory or use --ask-pass. Exit status: 0 all devices ok, 1 some\n"
    "failed, 2 usage or inventory error, 130/143 interrupted.\n";

/* One usage error: two lines on stderr, each with one write(). */
static int usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "netcollect: ");
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	strcat(line, "\n");
	(void)write_all(STDERR_FILENO, line, strlen(line));
	snprintf(line, sizeof(line), "Try 'netcollect --help'.\n");
	(void)write_all(STDERR_FILENO, line, strlen(line));
	return -1;
}

static int
parse_count(const char *s, long min, long max, long *out)
{
	long n = 0;
	size_t i;

	if (s[0] < '1' || s[0] > '9')
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
		if (n > max)
			return -1;
	}
	if (n < min)
		return -1;
	*out = n;
	return 0;
}

/* "4096", "10k", "256M", "1G" (powers of 1024, optional "B"/"iB"). */
static int
parse_size(const char *s, size_t *out)
{
	uint64_t n = 0, mul = 1;
	size_t i;

	if (s[0] < '1' || s[0] > '9')
		return -1;
	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
		n = n * 10 + (uint64_t)(s[i] - '0');
		if (n > MAX_OUTPUT_LIMIT)
			return -1;
	}
	switch (s[i]) {
	case 'k':
	case 'K':
		mul = UINT64_C(1) << 10;
		i++;
		break;
	case 'm':
	case 'M':
		mul = UINT64_C(1) << 20;
		i++;
		break;
	case 'g':
	case 'G':
		mul = UINT64_C(1) << 30;
		i++;
		break;
	}
	if (mul > 1 && s[i] == 'i' && s[i + 1] == 'B')
		i += 2;
	else if (s[i] == 'B')
		i++;
	if (s[i] != '\0' || n > MAX_OUTPUT_LIMIT / mul ||
	    n * mul > (uint64_t)SIZE_MAX)
		return -1;
	*out = (size_t)(n * mul);
	return 0;
}

static void
add_command(struct config *cfg, size_t *cap, const char *cmd, size_t len)
{
	if (cfg->ncommands == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		cfg->commands =
		    xrealloc(cfg->commands, *cap * sizeof(*cfg->commands));
	}
	cfg->commands[cfg->ncommands++] = xstrndup(cmd, len);
}

static int
check_command(const char *cmd, size_t len, const char *where)
{
	if (len == 0)
		return usage_error("%s: empty command", where);
	if (len > MAX_COMMAND_LEN)
		return usage_error("%s: command too long (max %d bytes)", where,
		    MAX_COMMAND_LEN);
	if (memchr(cmd, '\0', len) != NULL || memchr(cmd, '\r', len) != NULL)
		return usage_error(
		    "%s: command contains a control character", where);
	return 0;
}

/* One command per line; blank lines and # comments skipped. */
static int
read_commands_file(struct config *cfg, size_t *cap, const char *path)
{
	FILE *f;
	char *line = NULL, *p, where[300];
	size_t sz = 0, lineno = 0, len;
	ssize_t n;
	int rc = -1;

	if ((f = fopen(path, "re")) == NULL)
		return usage_error("%s: %s", path, strerror(errno));
	while ((n = getline(&line, &sz, f)) != -1) {
		lineno++;
		len = (size_t)n;
		while (len > 0 &&
		    (line[len - 1] == '\n' || line[len - 1] == '\r' ||
			line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		p = line;
		while (len > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		if (len == 0 || *p == '#')
			continue;
		snprintf(where, sizeof(where), "%s:%zu", path, lineno);
		if (check_command(p, len, where) == -1)
			goto out;
		if (cfg->ncommands == MAX_COMMANDS) {
			usage_error("too many commands (max %d)", MAX_COMMANDS);
			goto out;
		}
		add_command(cfg, cap, p, len);
	}
	if (ferror(f)) {
		usage_error("%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(line);
	fclose(f);
	return rc;
}

static char *
default_known_hosts(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home == NULL || home[0] == '\0') {
		pw = getpwuid(getuid());
		home = pw != NULL ? pw->pw_dir : "/";
	}
	return xasprintf("%s/.ssh/known_hosts", home);
}

static void
defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->inventory = "devices.yaml";
	cfg->jobs = 32;
	cfg->mode = MODE_PROCESS;
	cfg->connect_timeout_ms = 10000;
	cfg->auth_timeout_ms = 15000;
	cfg->read_timeout_ms = 30000;
	cfg->timeout_ms = 0;
	cfg->host_key_check = HOSTKEY_ACCEPT_NEW;
	cfg->order = ORDER_INPUT;
	cfg->format = FORMAT_TEXT;
	cfg->pipe_timeout_ms = 60000;
	cfg->max_output = (size_t)256 << 20;
	cfg->color = getenv("NO_COLOR") != NULL && getenv("NO_COLOR")[0]
	    ? COLOR_NEVER
	    : COLOR_AUTO;
}

/* Options someone may try for a password: say where it goes instead. */
static int
is_password_option(const char *arg)
{
	static const char *const names[] = {"--password", "--pass", "--passwd",
	    "--secret", "--enable-password", "--passphrase"};
	size_t i, n;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = strlen(names[i]);
		if (strncmp(arg, names[i], n) == 0 &&
		    (arg[n] == '\0' || arg[n] == '='))
			return 1;
	}
	return 0;
}

static int
duration(const char *opt, const char *arg, int64_t *ms)
{
	if (parse_seconds(arg, ms) == -1)
		return usage_error("--%s: '%s' is not a duration (positive "
				   "seconds, like 10 or 0.5)",
		    opt, arg);
	return 0;
}

int
options_parse(int argc, char **argv, struct config *cfg)
{
	size_t cmdcap = 0, limcap = 0;
	const char *name;
	long n;
	int c, i, idx;

	defaults(cfg);
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (is_password_option(argv[i]))
			return usage_error(
			    "passwords are not accepted on the command line "
			    "(%.*s); write 'password: ${VAR}' in the "
			    "inventory or use --ask-pass",
			    (int)strcspn(argv[i], "="), argv[i]);

	optind = 0; /* GNU: full reinitialisation, for repeated calls */
	opterr = 0;
	for (;;) {
		idx = -1;
		c = getopt_long(argc, argv, ":i:c:j:qv", long_options, &idx);
		if (c == -1)
			break;
		name = idx >= 0 ? long_options[idx].name : NULL;
		switch (c) {
		case 'i':
			cfg->inventory = optarg;
			cfg->inventory_given = 1;
			break;
		case 'c':
			if (check_command(optarg, strlen(optarg), "-c") == -1)
				goto fail;
			if (cfg->ncommands == MAX_COMMANDS) {
				usage_error(
				    "too many commands (max %d)", MAX_COMMANDS);
				goto fail;
			}
			add_command(cfg, &cmdcap, optarg, strlen(optarg));
			break;
		case OPT_COMMANDS_FILE:
			if (read_commands_file(cfg, &cmdcap, optarg) == -1)
				goto fail;
			break;
		case 'j':
			if (parse_count(optarg, 1, MAX_JOBS, &n) == -1) {
				usage_error("--jobs: '%s' is not a number from "
					    "1 to %d",
				    optarg, MAX_JOBS);
				goto fail;
			}
			cfg->jobs = (size_t)n;
			break;
		case OPT_MODE:
			if (strcmp(optarg, "process") == 0)
				cfg->mode = MODE_PROCESS;
			else if (strcmp(optarg, "thread") == 0)
				cfg->mode = MODE_THREAD;
			else if (strcmp(optarg, "serial") == 0)
				cfg->mode = MODE_SERIAL;
			else {
				usage_error("--mode: '%s' is not one of "
					    "process, thread, serial",
				    optarg);
				goto fail;
			}
			break;
		case OPT_CONNECT_TIMEOUT:
			if (duration(name, optarg, &cfg->connect_timeout_ms))
				goto fail;
			break;
		case OPT_AUTH_TIMEOUT:
			if (duration(name, optarg, &cfg->auth_timeout_ms))
				goto fail;
			break;
		case OPT_READ_TIMEOUT:
			if (duration(name, optarg, &cfg->read_timeout_ms))
				goto fail;
			break;
		case OPT_TIMEOUT:
			if (duration(name, optarg, &cfg->timeout_ms))
				goto fail;
			break;
		case OPT_PIPE_TIMEOUT:
			if (duration(name, optarg, &cfg->pipe_timeout_ms))
				goto fail;
			break;
		case OPT_HOST_KEY_CHECK:
			if (strcmp(optarg, "strict") == 0)
				cfg->host_key_check = HOSTKEY_STRICT;
			else if (strcmp(optarg, "accept-new") == 0)
				cfg->host_key_check = HOSTKEY_ACCEPT_NEW;
			else if (strcmp(optarg, "off") == 0)
				cfg->host_key_check = HOSTKEY_OFF;
			else {
				usage_error("--host-key-check: '%s' is not one "
					    "of strict, accept-new, off",
				    optarg);
				goto fail;
			}
			break;
		case OPT_KNOWN_HOSTS:
			free(cfg->known_hosts);
			cfg->known_hosts = xstrdup(optarg);
			break;
		case OPT_LIMIT:
			if (optarg[0] == '\0' ||
			    (optarg[0] == '!' && optarg[1] == '\0')) {
				usage_error("--limit: empty pattern");
				goto fail;
			}
			if (cfg->nlimits == limcap) {
				limcap = limcap ? limcap * 2 : 4;
				cfg->limits = xrealloc(
				    cfg->limits, limcap * sizeof(*cfg->limits));
			}
			cfg->limits[cfg->nlimits++] = optarg;
			break;
		case OPT_ORDER:
			if (strcmp(optarg, "input") == 0)
				cfg->order = ORDER_INPUT;
			else if (strcmp(optarg, "completion") == 0)
				cfg->order = ORDER_COMPLETION;
			else {
				usage_error("--order: '%s' is not one of "
					    "input, completion",
				    optarg);
				goto fail;
			}
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				cfg->format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				cfg->format = FORMAT_JSON;
			else if (strcmp(optarg, "jsonl") == 0)
				cfg->format = FORMAT_JSONL;
			else {
				usage_error("--format: '%s' is not one of "
					    "text, json, jsonl",
				    optarg);
				goto fail;
			}
			break;
		case OPT_OUTPUT_DIR:
			cfg->output_dir = optarg;
			break;
		case OPT_SESSION_LOG:
			cfg->session_log_dir = optarg;
			break;
		case OPT_PIPE:
			if (optarg[0] == '\0') {
				usage_error("--pipe: empty command");
				goto fail;
			}
			cfg->pipe_cmd = optarg;
			break;
		case OPT_MAX_OUTPUT:
			if (parse_size(optarg, &cfg->max_output) == -1) {
				usage_error("--max-output: '%s' is not a size "
					    "(like 4096, 10k, 256M, 1G; at "
					    "most 64G)",
				    optarg);
				goto fail;
			}
			break;
		case OPT_TRACE:
			cfg->trace = 1;
			break;
		case 'q':
			cfg->quiet = 1;
			break;
		case 'v':
			cfg->verbose++;
			break;
		case OPT_NO_COLOR:
			cfg->color = COLOR_NEVER;
			break;
		case OPT_ASK_PASS:
			cfg->ask_pass = 1;
			break;
		case OPT_ASK_SECRET:
			cfg->ask_secret = 1;
			break;
		case OPT_HELP:
			fputs(usage_text, stdout);
			fflush(stdout);
			options_free(cfg);
			return 1;
		case OPT_VERSION:
			fputs("netcollect " NC_VERSION "\n", stdout);
			fflush(stdout);
			options_free(cfg);
			return 1;
		case ':':
			if (optopt != 0 && optopt < 256)
				usage_error("option requires an argument -- "
					    "'%c'",
				    optopt);
			else
				usage_error("option '%s' requires an argument",
				    argv[optind - 1]);
			goto fail;
		case '?':
			if (optopt != 0)
				usage_error("invalid option -- '%c'", optopt);
			else
				usage_error("unrecognized option '%s'",
				    argv[optind - 1]);
			goto fail;
		default:
			usage_error("unexpected option");
			goto fail;
		}
	}
	for (i = optind; i < argc; i++) {
		if (check_command(argv[i], strlen(argv[i]), "command") == -1)
			goto fail;
		if (cfg->ncommands == MAX_COMMANDS) {
			usage_error("too many commands (max %d)", MAX_COMMANDS);
			goto fail;
		}
		add_command(cfg, &cmdcap, argv[i], strlen(argv[i]));
	}
	if (cfg->known_hosts == NULL)
		cfg->known_hosts = default_known_hosts();
	return 0;
fail:
	options_free(cfg);
	return -1;
}

void
options_free(struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->ncommands; i++)
		free(cfg->commands[i]);
	free(cfg->commands);
	free(cfg->limits);
	free(cfg->known_hosts);
	cfg->commands = NULL;
	cfg->ncommands = 0;
	cfg->limits = NULL;
	cfg->nlimits = 0;
	cfg->known_hosts = NULL;
}
