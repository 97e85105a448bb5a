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
 *
 * Each option is one row of the options[] table: its names, whether it
 * takes an argument, and the step that applies it to the config (the
 * generic steps find their field through the row's offset). getopt_long's
 * tables are built from it.
 */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hostlist.h"
#include "cmdfile.h"
#include "keyword.h"
#include "optcheck.h"
#include "options.h"
#include "retry.h"
#include "shard.h"
#include "usage.h"
#include "util.h"
#include "version.h"

#define MAX_JOBS 100000
#define MAX_PROCESS_REUSE 1000000
#define MAX_COMMANDS 10000
#define MAX_COMMAND_LEN 4096
#define MAX_KEEP 1000000

struct parse;
struct option_def;

/* Apply one option's argument (NULL when it takes none): 0, or -1. */
typedef int (*apply_fn)(struct parse *, const struct option_def *, char *);

struct option_def {
	const char *name; /* the long name */
	char letter;	  /* the short name, or 0 */
	int has_arg;	  /* no_argument or required_argument */
	apply_fn apply;
	size_t field;		     /* offsetof(struct config, ...) */
	const struct keyword *words; /* for apply_keyword */
};

/* The parse in progress. */
struct parse {
	struct config *cfg;
	size_t cmdcap, limcap, tplcap, cfgcap;
	const char *stdin_by; /* the option that reads stdin ("-i -") */
	int done;	      /* --help or --version was printed */
};

static int apply_inventory(struct parse *, const struct option_def *, char *);
static int apply_command(struct parse *, const struct option_def *, char *);
static int apply_commands_file(
    struct parse *, const struct option_def *, char *);
static int apply_config_file(struct parse *, const struct option_def *, char *);
static int apply_config_command(
    struct parse *, const struct option_def *, char *);
static int apply_jobs(struct parse *, const struct option_def *, char *);
static int apply_keyword(struct parse *, const struct option_def *, char *);
static int apply_process_reuse(
    struct parse *, const struct option_def *, char *);
static int apply_duration(struct parse *, const struct option_def *, char *);
static int apply_known_hosts(struct parse *, const struct option_def *, char *);
static int apply_limit(struct parse *, const struct option_def *, char *);
static int apply_template(struct parse *, const struct option_def *, char *);
static int apply_shard(struct parse *, const struct option_def *, char *);
static int apply_retries(struct parse *, const struct option_def *, char *);
static int apply_string(struct parse *, const struct option_def *, char *);
static int apply_pipe(struct parse *, const struct option_def *, char *);
static int apply_max_output(struct parse *, const struct option_def *, char *);
static int apply_flag(struct parse *, const struct option_def *, char *);
static int apply_count(struct parse *, const struct option_def *, char *);
static int apply_no_color(struct parse *, const struct option_def *, char *);
static int apply_keep(struct parse *, const struct option_def *, char *);
static int apply_help(struct parse *, const struct option_def *, char *);
static int apply_version(struct parse *, const struct option_def *, char *);

static const struct keyword mode_words[] = {
    {"process", MODE_PROCESS},
    {"thread", MODE_THREAD},
    {"serial", MODE_SERIAL},
    {NULL, 0},
};

static const struct keyword order_words[] = {
    {"input", ORDER_INPUT},
    {"completion", ORDER_COMPLETION},
    {NULL, 0},
};

static const struct keyword pipe_input_words[] = {
    {"output", PIPE_INPUT_OUTPUT},
    {"parsed", PIPE_INPUT_PARSED},
    {NULL, 0},
};

#define F(m) offsetof(struct config, m)
#define ARG required_argument
#define NOARG no_argument

static const struct option_def options[] = {
    {"inventory", 'i', ARG, apply_inventory, 0, NULL},
    {"command", 'c', ARG, apply_command, 0, NULL},
    {"commands-file", 0, ARG, apply_commands_file, 0, NULL},
    {"config", 0, ARG, apply_config_file, 0, NULL},
    {"config-command", 0, ARG, apply_config_command, 0, NULL},
    {"save", 0, NOARG, apply_flag, F(save), NULL},
    {"dry-run", 0, NOARG, apply_flag, F(dry_run), NULL},
    {"jobs", 'j', ARG, apply_jobs, 0, NULL},
    {"forks", 'f', ARG, apply_jobs, 0, NULL},
    {"mode", 0, ARG, apply_keyword, F(mode), mode_words},
    {"process-reuse", 0, ARG, apply_process_reuse, 0, NULL},
    {"connect-timeout", 0, ARG, apply_duration, F(connect_timeout_ms), NULL},
    {"auth-timeout", 0, ARG, apply_duration, F(auth_timeout_ms), NULL},
    {"read-timeout", 0, ARG, apply_duration, F(read_timeout_ms), NULL},
    {"timeout", 0, ARG, apply_duration, F(timeout_ms), NULL},
    {"host-key-check", 0, ARG, apply_keyword, F(host_key_check),
	keyword_hostkey},
    {"known-hosts", 0, ARG, apply_known_hosts, 0, NULL},
    {"limit", 0, ARG, apply_limit, 0, NULL},
    {"shard", 0, ARG, apply_shard, 0, NULL},
    {"list-hosts", 0, NOARG, apply_flag, F(list_hosts), NULL},
    {"rerun-failed", 0, ARG, apply_string, F(rerun_failed), NULL},
    {"retries", 0, ARG, apply_retries, 0, NULL},
    {"retry-wait", 0, ARG, apply_duration, F(retry_wait_ms), NULL},
    {"order", 0, ARG, apply_keyword, F(order), order_words},
    {"format", 0, ARG, apply_keyword, F(format), keyword_format},
    {"output-dir", 0, ARG, apply_string, F(output_dir), NULL},
    {"session-log", 0, ARG, apply_string, F(session_log_dir), NULL},
    {"pipe", 0, ARG, apply_pipe, 0, NULL},
    {"pipe-timeout", 0, ARG, apply_duration, F(pipe_timeout_ms), NULL},
    {"pipe-input", 0, ARG, apply_keyword, F(pipe_input), pipe_input_words},
    {"max-output", 0, ARG, apply_max_output, 0, NULL},
    {"textfsm", 0, ARG, apply_string, F(textfsm_dir), NULL},
    {"use-textfsm", 0, NOARG, apply_flag, F(use_textfsm), NULL},
    {"template", 0, ARG, apply_template, 0, NULL},
    {"parsed-only", 0, NOARG, apply_flag, F(parsed_only), NULL},
    {"trace", 0, NOARG, apply_flag, F(trace), NULL},
    {"raw", 0, NOARG, apply_flag, F(raw), NULL},
    {"group", 'G', NOARG, apply_flag, F(group), NULL},
    {"color", 0, ARG, apply_keyword, F(color), keyword_color},
    {"run-dir", 0, ARG, apply_string, F(run_dir), NULL},
    {"keep", 0, ARG, apply_keep, 0, NULL},
    {"diff-with", 0, ARG, apply_string, F(diff_with), NULL},
    {"ignore-device-errors", 0, NOARG, apply_flag, F(ignore_device_errors),
	NULL},
    {"stop-on-error", 0, NOARG, apply_flag, F(stop_on_error), NULL},
    {"quiet", 'q', NOARG, apply_flag, F(quiet), NULL},
    {"verbose", 'v', NOARG, apply_count, F(verbose), NULL},
    {"no-color", 0, NOARG, apply_no_color, 0, NULL},
    {"ask-pass", 0, NOARG, apply_flag, F(ask_pass), NULL},
    {"ask-secret", 0, NOARG, apply_flag, F(ask_secret), NULL},
    {"no-enable", 0, NOARG, apply_flag, F(no_enable), NULL},
    {"ssh-config", 0, ARG, apply_string, F(ssh_config), NULL},
    {"help", 'h', NOARG, apply_help, 0, NULL},
    {"version", 'V', NOARG, apply_version, 0, NULL},
};

#undef ARG
#undef NOARG

#define NOPTIONS (sizeof(options) / sizeof(options[0]))
/* getopt_long's answer for options[i]: its letter, else OPT_BASE + i. */
#define OPT_BASE 256

/* Append a copy of s[0..len) to the list *v of *n (capacity *cap). */
static void
add_to(char ***v, size_t *n, size_t *cap, const char *s, size_t len)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[(*n)++] = xstrndup(s, len);
}

static void
add_command(struct config *cfg, size_t *cap, const char *cmd, size_t len)
{
	add_to(&cfg->commands, &cfg->ncommands, cap, cmd, len);
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

/* A configuration line; where names it in a message. */
static int
add_config_line(
    struct parse *p, const char *line, size_t len, const char *where)
{
	if (check_command(line, len, where) == -1)
		return -1;
	if (p->cfg->nconfig == MAX_COMMANDS)
		return usage_error(
		    "too many configuration lines (max %d)", MAX_COMMANDS);
	add_to(&p->cfg->config_lines, &p->cfg->nconfig, &p->cfgcap, line, len);
	return 0;
}

/*
 * The lines of path ("-": stdin) to add (cmdfile_read); a file that could
 * not be read is a usage error.
 */
static int
read_file(
    const char *path, enum cmdfile_kind kind, cmdfile_line_fn add, void *ctx)
{
	int rc = cmdfile_read(path, kind, add, ctx);

	if (rc == -2)
		return usage_error("%s: %s",
		    strcmp(path, "-") == 0 ? "<stdin>" : path, strerror(errno));
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
	cfg->process_reuse = DEFAULT_PROCESS_REUSE;
	cfg->connect_timeout_ms = 10000;
	cfg->auth_timeout_ms = 15000;
	cfg->read_timeout_ms = 30000;
	cfg->timeout_ms = 0;
	cfg->host_key_check = HOSTKEY_ACCEPT_NEW;
	cfg->order = ORDER_INPUT;
	cfg->format = FORMAT_TEXT;
	cfg->pipe_timeout_ms = 60000;
	cfg->retry_wait_ms = 1000;
	cfg->max_output = (size_t)256 << 20;
	cfg->color = term_color_default();
}

/* The config's field that option o names. */
#define FIELD(p, o, type) ((type *)((char *)(p)->cfg + (o)->field))

/* Enum fields are written as int. */
_Static_assert(sizeof(enum run_mode) == sizeof(int) &&
	sizeof(enum hostkey_mode) == sizeof(int) &&
	sizeof(enum out_order) == sizeof(int) &&
	sizeof(enum out_format) == sizeof(int) &&
	sizeof(enum pipe_input) == sizeof(int),
    "enum fields are int-sized");

static int
add_checked(struct parse *p, const char *cmd, size_t len, const char *where)
{
	if (check_command(cmd, len, where) == -1)
		return -1;
	if (p->cfg->ncommands == MAX_COMMANDS)
		return usage_error("too many commands (max %d)", MAX_COMMANDS);
	add_command(p->cfg, &p->cmdcap, cmd, len);
	return 0;
}

static int
add_checked_command(struct parse *p, const char *cmd, const char *where)
{
	return add_checked(p, cmd, strlen(cmd), where);
}

/* A line of --commands-file (a cmdfile_line_fn). */
static int
add_file_command(void *ctx, const char *line, size_t len, const char *where)
{
	return add_checked(ctx, line, len, where);
}

/* A line of --config (a cmdfile_line_fn). */
static int
add_file_config(void *ctx, const char *line, size_t len, const char *where)
{
	return add_config_line(ctx, line, len, where);
}

/* Option opt reads stdin: 0, or -1 when another one already does. */
static int
claim_stdin(struct parse *p, const char *opt)
{
	if (p->stdin_by == NULL) {
		p->stdin_by = opt;
		return 0;
	}
	if (strcmp(p->stdin_by, opt) == 0)
		return usage_error("%s given twice: stdin is read once", opt);
	return usage_error("%s and %s cannot both read stdin: give one of "
			   "them a file",
	    p->stdin_by, opt);
}

static int
apply_inventory(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	if (strcmp(arg, "-") == 0 && claim_stdin(p, "-i -") == -1)
		return -1;
	p->cfg->inventory = arg;
	p->cfg->inventory_given = 1;
	return 0;
}

static int
apply_command(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	return add_checked_command(p, arg, "-c");
}

static int
apply_commands_file(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	if (strcmp(arg, "-") == 0 && claim_stdin(p, "--commands-file -") == -1)
		return -1;
	return read_file(arg, CMDFILE_COMMANDS, add_file_command, p);
}

static int
apply_config_file(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	if (strcmp(arg, "-") == 0 && claim_stdin(p, "--config -") == -1)
		return -1;
	return read_file(arg, CMDFILE_CONFIG, add_file_config, p);
}

static int
apply_config_command(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	return add_config_line(p, arg, strlen(arg), "--config-command");
}

/* A count from 1 to max for --name (its own name even when given as -f). */
static int
count_arg(const char *name, const char *arg, long max, long *n)
{
	if (parse_count(arg, 1, max, n) == -1)
		return usage_error(
		    "--%s: '%s' is not a number from 1 to %ld", name, arg, max);
	return 0;
}

static int
apply_jobs(struct parse *p, const struct option_def *o, char *arg)
{
	long n;

	(void)o;
	if (count_arg("jobs", arg, MAX_JOBS, &n) == -1)
		return -1;
	p->cfg->jobs = (size_t)n;
	return 0;
}

static int
apply_process_reuse(struct parse *p, const struct option_def *o, char *arg)
{
	long n;

	if (count_arg(o->name, arg, MAX_PROCESS_REUSE, &n) == -1)
		return -1;
	p->cfg->process_reuse = (unsigned)n;
	return 0;
}

static int
apply_keyword(struct parse *p, const struct option_def *o, char *arg)
{
	struct buf words;

	if (keyword_find(o->words, KEYWORD_EXACT, arg, FIELD(p, o, int)) == 0)
		return 0;
	buf_init(&words);
	keyword_list(o->words, ", ", &words);
	usage_error("--%s: '%s' is not one of %s", o->name, arg, words.data);
	buf_free(&words);
	return -1;
}

static int
apply_duration(struct parse *p, const struct option_def *o, char *arg)
{
	if (parse_seconds(arg, FIELD(p, o, int64_t)) == -1)
		return usage_error("--%s: '%s' is not a duration (positive "
				   "seconds, like 10 or 0.5)",
		    o->name, arg);
	return 0;
}

static int
apply_known_hosts(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	free(p->cfg->known_hosts);
	p->cfg->known_hosts = xstrdup(arg);
	return 0;
}

static int
apply_limit(struct parse *p, const struct option_def *o, char *arg)
{
	struct config *cfg = p->cfg;
	struct hostlist *hl;
	struct buf err;

	(void)o;
	if (arg[0] == '\0' || (arg[0] == '!' && arg[1] == '\0'))
		return usage_error("--limit: empty pattern");
	buf_init(&err);
	if ((hl = hostlist_compile((const char *const *)&arg, 1, &err)) ==
	    NULL) {
		usage_error("--limit: %s", err.data);
		buf_free(&err);
		return -1;
	}
	hostlist_free(hl);
	buf_free(&err);
	if (cfg->nlimits == p->limcap) {
		p->limcap = p->limcap ? p->limcap * 2 : 4;
		cfg->limits =
		    xrealloc(cfg->limits, p->limcap * sizeof(*cfg->limits));
	}
	cfg->limits[cfg->nlimits++] = arg;
	return 0;
}

static int
apply_shard(struct parse *p, const struct option_def *o, char *arg)
{
	struct buf err;
	int rc;

	(void)o;
	buf_init(&err);
	rc = shard_resolve(
	    arg, shard_getenv, &p->cfg->shard_i, &p->cfg->shard_n, &err);
	if (rc == -1)
		usage_error("--shard%s: %s",
		    strcmp(arg, "auto") == 0 ? " auto" : "", err.data);
	buf_free(&err);
	return rc;
}

static int
apply_template(struct parse *p, const struct option_def *o, char *arg)
{
	struct config *cfg = p->cfg;

	(void)o;
	if (arg[0] == '\0' || arg[strlen(arg) - 1] == '=')
		return usage_error("--template: no template file");
	if (cfg->ntemplates == p->tplcap) {
		p->tplcap = p->tplcap ? p->tplcap * 2 : 4;
		cfg->templates = xrealloc(
		    cfg->templates, p->tplcap * sizeof(*cfg->templates));
	}
	cfg->templates[cfg->ntemplates++] = arg;
	return 0;
}

static int
apply_retries(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	if (retry_parse(arg, &p->cfg->retries) == -1)
		return usage_error(
		    "--retries: '%s' is not a number from 0 to %d", arg,
		    RETRY_MAX);
	return 0;
}

static int
apply_string(struct parse *p, const struct option_def *o, char *arg)
{
	*FIELD(p, o, const char *) = arg;
	return 0;
}

static int
apply_pipe(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	if (arg[0] == '\0')
		return usage_error("--pipe: empty command");
	p->cfg->pipe_cmd = arg;
	return 0;
}

static int
apply_max_output(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	if (parse_size(arg, &p->cfg->max_output) == -1)
		return usage_error("--max-output: '%s' is not a size (like "
				   "4096, 10k, 256M, 1G; at most 64G)",
		    arg);
	return 0;
}

static int
apply_flag(struct parse *p, const struct option_def *o, char *arg)
{
	(void)arg;
	*FIELD(p, o, int) = 1;
	return 0;
}

static int
apply_count(struct parse *p, const struct option_def *o, char *arg)
{
	(void)arg;
	(*FIELD(p, o, int))++;
	return 0;
}

static int
apply_no_color(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	(void)arg;
	p->cfg->color = COLOR_NEVER;
	return 0;
}

static int
apply_keep(struct parse *p, const struct option_def *o, char *arg)
{
	long n;

	if (count_arg(o->name, arg, MAX_KEEP, &n) == -1)
		return -1;
	p->cfg->keep = (size_t)n;
	return 0;
}

static int
apply_help(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	(void)arg;
	usage_print(stdout);
	fflush(stdout);
	p->done = 1;
	return 0;
}

static int
apply_version(struct parse *p, const struct option_def *o, char *arg)
{
	(void)o;
	(void)arg;
	fputs("netcollect " NC_VERSION "\n", stdout);
	fflush(stdout);
	p->done = 1;
	return 0;
}

/* getopt_long's tables for options[]: long names, then the letters. */
static void
getopt_tables(struct option *longopts, char *letters)
{
	size_t i, n = 0;

	letters[n++] = ':';
	for (i = 0; i < NOPTIONS; i++) {
		longopts[i] =
		    (struct option){options[i].name, options[i].has_arg, NULL,
			options[i].letter != 0 ? options[i].letter
					       : OPT_BASE + (int)i};
		if (options[i].letter != 0) {
			letters[n++] = options[i].letter;
			if (options[i].has_arg == required_argument)
				letters[n++] = ':';
		}
	}
	longopts[NOPTIONS] = (struct option){NULL, 0, NULL, 0};
	letters[n] = '\0';
}

/* The row getopt_long's answer c names, or NULL. */
static const struct option_def *
option_for(int c)
{
	size_t i;

	if (c >= OPT_BASE && c < OPT_BASE + (int)NOPTIONS)
		return &options[c - OPT_BASE];
	for (i = 0; i < NOPTIONS; i++)
		if (options[i].letter != 0 && options[i].letter == c)
			return &options[i];
	return NULL;
}

/*
 * getopt_long's complaint (c is ':' or '?') about the argument it just
 * looked at, as one usage error. optopt is the option's value when the
 * option exists (a missing or an unwanted argument), else the unknown
 * letter, or 0 for an unknown long option.
 */
static int
getopt_error(int c, char **argv, const struct option *longopts)
{
	const char *arg = argv[optind - 1];
	const struct option_def *o = optopt != 0 ? option_for(optopt) : NULL;
	int is_long = strncmp(arg, "--", 2) == 0;

	if (c == ':' && is_long)
		return usage_error(
		    "option '--%s' needs an argument", o ? o->name : arg + 2);
	if (c == ':')
		return usage_error("option '-%c' needs an argument", optopt);
	if (o != NULL && is_long)
		return usage_error("option '--%s' takes no argument", o->name);
	if (optopt != 0)
		return usage_error("unknown option '-%c'", optopt);
	if (is_long)
		return usage_unknown_long(
		    arg + 2, strcspn(arg + 2, "="), longopts);
	return usage_error("unknown option '%s'", arg);
}

/* Every option in argv, applied in order; stops after --help. */
static int
apply_options(struct parse *p, int argc, char **argv)
{
	struct option longopts[NOPTIONS + 1];
	char letters[2 * NOPTIONS + 2];
	const struct option_def *o;
	int c;

	getopt_tables(longopts, letters);
	optind = 0; /* GNU: full reinitialisation, for repeated calls */
	opterr = 0;
	while (!p->done &&
	    (c = getopt_long(argc, argv, letters, longopts, NULL)) != -1) {
		if ((o = option_for(c)) == NULL)
			return getopt_error(c, argv, longopts);
		if (o->apply(p, o, o->has_arg == no_argument ? NULL : optarg) ==
		    -1)
			return -1;
		/* What the command line says wins over an ssh_config. */
		p->cfg->given_connect |= o->field == F(connect_timeout_ms);
		p->cfg->given_hostkey |= o->field == F(host_key_check);
		p->cfg->given_known_hosts |= o->apply == apply_known_hosts;
	}
	return 0;
}

/*
 * The operands, after the options: their words form one command, joined
 * by spaces, as ssh and pdsh take theirs ("sh ip int br" is one command
 * whether quoted or not); -c gives several.
 */
static int
apply_operands(struct parse *p, int argc, char **argv)
{
	struct buf cmd;
	int i, rc;

	if (optind >= argc)
		return 0;
	buf_init(&cmd);
	for (i = optind; i < argc; i++) {
		if (i > optind)
			buf_append(&cmd, " ", 1);
		buf_append(&cmd, argv[i], strlen(argv[i]));
	}
	rc =
	    add_checked_command(p, cmd.data != NULL ? cmd.data : "", "command");
	buf_free(&cmd);
	return rc;
}

int
options_parse(int argc, char **argv, struct config *cfg)
{
	struct parse p = {.cfg = cfg};

	defaults(cfg);
	if (optcheck_argv(argc, argv) == -1)
		return -1;
	if (apply_options(&p, argc, argv) == -1 ||
	    (!p.done && apply_operands(&p, argc, argv) == -1) ||
	    (!p.done && optcheck_config(cfg) == -1)) {
		options_free(cfg);
		return -1;
	}
	if (p.done) {
		options_free(cfg);
		return 1;
	}
	if (cfg->known_hosts == NULL)
		cfg->known_hosts = default_known_hosts();
	return 0;
}

void
options_free(struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->ncommands; i++)
		free(cfg->commands[i]);
	free(cfg->commands);
	for (i = 0; i < cfg->nconfig; i++)
		free(cfg->config_lines[i]);
	free(cfg->config_lines);
	cfg->config_lines = NULL;
	cfg->nconfig = 0;
	free(cfg->limits);
	free(cfg->templates);
	free(cfg->known_hosts);
	cfg->commands = NULL;
	cfg->ncommands = 0;
	cfg->limits = NULL;
	cfg->nlimits = 0;
	cfg->templates = NULL;
	cfg->ntemplates = 0;
	cfg->known_hosts = NULL;
}
