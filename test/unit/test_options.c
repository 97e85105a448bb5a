/*
 * Unit tests for options: defaults, every option, durations and sizes,
 * usage errors with their exact stderr text, and the refusal of any
 * password option. stderr is captured into a temporary file per call.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "options.h"
#include "util.h"
#include "version.h"

static char errtext[4096];

/* Parse a NULL-terminated argument list, capturing stderr. */
static int
parse_v(struct config *cfg, const char *arg0, va_list ap)
{
	char *argv[64];
	char path[] = "/tmp/nc-opt-XXXXXX";
	const char *a;
	int argc = 0, fd, saved, rc;
	ssize_t n;

	argv[argc++] = (char *)"netcollect";
	for (a = arg0; a != NULL && argc < 63; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	argv[argc] = NULL;

	fd = mkstemp(path);
	assert_true(fd != -1);
	unlink(path);
	saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	rc = options_parse(argc, argv, cfg);
	dup2(saved, STDERR_FILENO);
	close(saved);
	n = pread(fd, errtext, sizeof(errtext) - 1, 0);
	errtext[n > 0 ? n : 0] = '\0';
	close(fd);
	return rc;
}

static int
parse(struct config *cfg, const char *arg0, ...)
{
	va_list ap;
	int rc;

	va_start(ap, arg0);
	rc = parse_v(cfg, arg0, ap);
	va_end(ap);
	return rc;
}

/* The arguments are refused with exactly this first stderr line. */
static void
expect_usage(const char *msg, const char *arg0, ...)
{
	struct config cfg;
	char want[1024];
	va_list ap;
	int rc;

	va_start(ap, arg0);
	rc = parse_v(&cfg, arg0, ap);
	va_end(ap);
	assert_int_equal(rc, -1);
	snprintf(want, sizeof(want),
	    "netcollect: %s\nTry 'netcollect --help'.\n", msg);
	assert_string_equal(errtext, want);
}

static void
test_defaults(void **state)
{
	struct config cfg;

	(void)state;
	setenv("HOME", "/home/someone", 1);
	unsetenv("NO_COLOR");
	assert_int_equal(parse(&cfg, NULL), 0);
	assert_string_equal(cfg.inventory, "devices.yaml");
	assert_int_equal(cfg.ncommands, 0);
	assert_int_equal(cfg.jobs, 32);
	assert_int_equal(cfg.mode, MODE_PROCESS);
	assert_int_equal(cfg.connect_timeout_ms, 10000);
	assert_int_equal(cfg.auth_timeout_ms, 15000);
	assert_int_equal(cfg.read_timeout_ms, 30000);
	assert_int_equal(cfg.timeout_ms, 0);
	assert_int_equal(cfg.host_key_check, HOSTKEY_ACCEPT_NEW);
	assert_string_equal(cfg.known_hosts, "/home/someone/.ssh/known_hosts");
	assert_int_equal(cfg.nlimits, 0);
	assert_int_equal(cfg.order, ORDER_INPUT);
	assert_int_equal(cfg.format, FORMAT_TEXT);
	assert_null(cfg.output_dir);
	assert_null(cfg.session_log_dir);
	assert_null(cfg.pipe_cmd);
	assert_int_equal(cfg.pipe_timeout_ms, 60000);
	assert_int_equal(cfg.max_output, 256 * 1024 * 1024);
	assert_int_equal(cfg.trace, 0);
	assert_int_equal(cfg.quiet, 0);
	assert_int_equal(cfg.verbose, 0);
	assert_int_equal(cfg.color, COLOR_AUTO);
	assert_int_equal(cfg.ask_pass, 0);
	assert_int_equal(cfg.ask_secret, 0);
	assert_int_equal(cfg.shard_i, 0);
	assert_int_equal(cfg.shard_n, 0);
	assert_int_equal(cfg.list_hosts, 0);
	assert_string_equal(errtext, "");
	options_free(&cfg);
	options_free(&cfg);

	setenv("NO_COLOR", "1", 1);
	assert_int_equal(parse(&cfg, NULL), 0);
	assert_int_equal(cfg.color, COLOR_NEVER);
	options_free(&cfg);
	unsetenv("NO_COLOR");
}

static void
test_course_command(void **state)
{
	struct config cfg;

	(void)state;
	assert_int_equal(
	    parse(&cfg, "-i", "devices.yaml", "sh ip int br", NULL), 0);
	assert_string_equal(cfg.inventory, "devices.yaml");
	assert_int_equal(cfg.ncommands, 1);
	assert_string_equal(cfg.commands[0], "sh ip int br");
	options_free(&cfg);
}

/* The words after the options are one command, as ssh and pdsh take them. */
static void
test_words_one_command(void **state)
{
	struct config cfg;

	(void)state;
	assert_int_equal(
	    parse(&cfg, "-i", "inv", "sh", "ip", "int", "br", NULL), 0);
	assert_int_equal(cfg.ncommands, 1);
	assert_string_equal(cfg.commands[0], "sh ip int br");
	options_free(&cfg);

	assert_int_equal(parse(&cfg, "-c", "show clock", "-c", "show ver", "sh",
			     "ip", "int", "br", NULL),
	    0);
	assert_int_equal(cfg.ncommands, 3);
	assert_string_equal(cfg.commands[0], "show clock");
	assert_string_equal(cfg.commands[1], "show ver");
	assert_string_equal(cfg.commands[2], "sh ip int br");
	options_free(&cfg);

	/* Quoted or not, the same command; an empty word stays a space. */
	assert_int_equal(parse(&cfg, "sh ip", "int", "", "br", NULL), 0);
	assert_int_equal(cfg.ncommands, 1);
	assert_string_equal(cfg.commands[0], "sh ip int  br");
	options_free(&cfg);

	/* Options may come after the words (GNU order); -- ends them. */
	assert_int_equal(
	    parse(&cfg, "show", "-q", "version", "--", "-x", NULL), 0);
	assert_int_equal(cfg.quiet, 1);
	assert_int_equal(cfg.ncommands, 1);
	assert_string_equal(cfg.commands[0], "show version -x");
	options_free(&cfg);

	assert_int_equal(parse(&cfg, "-c", "only", NULL), 0);
	assert_int_equal(cfg.ncommands, 1);
	options_free(&cfg);
}

static void
test_every_option(void **state)
{
	struct config cfg;
	char path[] = "/tmp/nc-cmds-XXXXXX";
	static const char cmds[] = "# commands\n"
				   "sh ver\n"
				   "\n"
				   "   \n"
				   "  sh clock  \n"
				   "  # indented comment\n";
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd != -1);
	assert_int_equal(write(fd, cmds, sizeof(cmds) - 1), sizeof(cmds) - 1);
	close(fd);

	assert_int_equal(
	    parse(&cfg, "--inventory=lab.yaml", "sh run", "-c", "sh arp",
		"--commands-file", path, "--command", "sh users", "-j", "200",
		"--mode", "thread", "--connect-timeout", "0.5",
		"--auth-timeout", "2", "--read-timeout", "2.25", "--timeout",
		"60", "--host-key-check", "strict", "--known-hosts", "/tmp/kh",
		"--limit", "r*", "--limit", "!r2", "--order", "completion",
		"--format", "jsonl", "--output-dir", "out", "--session-log",
		"logs", "--pipe", "grep up", "--pipe-timeout", "5",
		"--max-output", "10k", "--trace", "-vv", "--verbose",
		"--no-color", "--ask-pass", "--ask-secret", "last", NULL),
	    0);
	unlink(path);
	assert_string_equal(cfg.inventory, "lab.yaml");
	/* -c and --commands-file in order, then the operands' one command. */
	assert_int_equal(cfg.ncommands, 5);
	assert_string_equal(cfg.commands[0], "sh arp");
	assert_string_equal(cfg.commands[1], "sh ver");
	assert_string_equal(cfg.commands[2], "sh clock");
	assert_string_equal(cfg.commands[3], "sh users");
	assert_string_equal(cfg.commands[4], "sh run last");
	assert_int_equal(cfg.jobs, 200);
	assert_int_equal(cfg.mode, MODE_THREAD);
	assert_int_equal(cfg.connect_timeout_ms, 500);
	assert_int_equal(cfg.auth_timeout_ms, 2000);
	assert_int_equal(cfg.read_timeout_ms, 2250);
	assert_int_equal(cfg.timeout_ms, 60000);
	assert_int_equal(cfg.host_key_check, HOSTKEY_STRICT);
	assert_string_equal(cfg.known_hosts, "/tmp/kh");
	assert_int_equal(cfg.nlimits, 2);
	assert_string_equal(cfg.limits[0], "r*");
	assert_string_equal(cfg.limits[1], "!r2");
	assert_int_equal(cfg.order, ORDER_COMPLETION);
	assert_int_equal(cfg.format, FORMAT_JSONL);
	assert_string_equal(cfg.output_dir, "out");
	assert_string_equal(cfg.session_log_dir, "logs");
	assert_string_equal(cfg.pipe_cmd, "grep up");
	assert_int_equal(cfg.pipe_timeout_ms, 5000);
	assert_int_equal(cfg.max_output, 10240);
	assert_int_equal(cfg.trace, 1);
	assert_int_equal(cfg.verbose, 3);
	assert_int_equal(cfg.color, COLOR_NEVER);
	assert_int_equal(cfg.ask_pass, 1);
	assert_int_equal(cfg.ask_secret, 1);
	options_free(&cfg);

	assert_int_equal(
	    parse(&cfg, "-q", "--mode=serial", "--format", "json",
		"--host-key-check=off", "--", "-odd command", NULL),
	    0);
	assert_int_equal(cfg.quiet, 1);
	assert_int_equal(cfg.mode, MODE_SERIAL);
	assert_int_equal(cfg.format, FORMAT_JSON);
	assert_int_equal(cfg.host_key_check, HOSTKEY_OFF);
	assert_int_equal(cfg.ncommands, 1);
	assert_string_equal(cfg.commands[0], "-odd command");
	options_free(&cfg);
}

static void
test_sizes(void **state)
{
	static const struct {
		const char *arg;
		size_t want;
	} ok[] = {
	    {"4096", 4096},
	    {"10k", 10240},
	    {"10K", 10240},
	    {"256M", (size_t)256 << 20},
	    {"1G", (size_t)1 << 30},
	    {"2MiB", (size_t)2 << 20},
	    {"64G", (size_t)64 << 30},
	};
	static const char *const bad[] = {"0", "-1", "10x", "1.5M", "", "65G",
	    "010", "M", "99999999999999999999"};
	struct config cfg;
	char msg[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(
		    parse(&cfg, "--max-output", ok[i].arg, NULL), 0);
		assert_int_equal(cfg.max_output, ok[i].want);
		options_free(&cfg);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(msg, sizeof(msg),
		    "--max-output: '%s' is not a size (like 4096, 10k, 256M, "
		    "1G; at most 64G)",
		    bad[i]);
		expect_usage(msg, "--max-output", bad[i], NULL);
	}
}

static void
test_durations(void **state)
{
	struct config cfg;

	(void)state;
	assert_int_equal(parse(&cfg, "--timeout", "0.001", NULL), 0);
	assert_int_equal(cfg.timeout_ms, 1);
	options_free(&cfg);
	expect_usage("--timeout: '0' is not a duration (positive seconds, "
		     "like 10 or 0.5)",
	    "--timeout", "0", NULL);
	expect_usage("--read-timeout: '5s' is not a duration (positive "
		     "seconds, like 10 or 0.5)",
	    "--read-timeout", "5s", NULL);
	expect_usage("--connect-timeout: '010' is not a duration (positive "
		     "seconds, like 10 or 0.5)",
	    "--connect-timeout=010", NULL);
	expect_usage("--pipe-timeout: '-1' is not a duration (positive "
		     "seconds, like 10 or 0.5)",
	    "--pipe-timeout", "-1", NULL);
	expect_usage("--auth-timeout: '' is not a duration (positive "
		     "seconds, like 10 or 0.5)",
	    "--auth-timeout", "", NULL);
}

static void
test_bad_values(void **state)
{
	(void)state;
	expect_usage(
	    "--jobs: '0' is not a number from 1 to 100000", "-j", "0", NULL);
	expect_usage("--jobs: '100001' is not a number from 1 to 100000",
	    "--jobs", "100001", NULL);
	expect_usage(
	    "--jobs: '8x' is not a number from 1 to 100000", "-j8x", NULL);
	expect_usage("--mode: 'fork' is not one of process, thread, serial",
	    "--mode", "fork", NULL);
	expect_usage("--order: 'random' is not one of input, completion",
	    "--order", "random", NULL);
	expect_usage("--format: 'xml' is not one of text, json, jsonl",
	    "--format", "xml", NULL);
	expect_usage("--host-key-check: 'yes' is not one of strict, "
		     "accept-new, off",
	    "--host-key-check", "yes", NULL);
	expect_usage("--limit: empty pattern", "--limit", "!", NULL);
	expect_usage("-c: empty command", "-c", "", NULL);
	expect_usage("command: empty command", "", NULL);
	expect_usage("unknown option '--bogus'", "--bogus", NULL);
	expect_usage("unknown option '-x'", "-x", NULL);
	expect_usage("unknown option '-x'", "-qx", NULL);
	expect_usage("option '-j' needs an argument", "-j", NULL);
	expect_usage("option '--jobs' needs an argument", "--jobs", NULL);
	expect_usage("option '--timeout' needs an argument", "--timeout", NULL);
	expect_usage("option '--quiet' takes no argument", "--quiet=1", NULL);
	expect_usage("option '--trace' takes no argument", "--trace=x", NULL);
	expect_usage("/nonexistent/cmds: No such file or directory",
	    "--commands-file", "/nonexistent/cmds", NULL);
}

/* --config files and --config-command lines, in the order given. */
static void
test_config_lines(void **state)
{
	struct config cfg;
	char path[] = "/tmp/nc-cfg-XXXXXX";
	static const char file[] = "! a comment\n"
				   "interface Gi0/1\n"
				   " description uplink  \r\n"
				   "\n"
				   "   # another comment\n"
				   "exit";
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd != -1);
	assert_int_equal(write(fd, file, sizeof(file) - 1), sizeof(file) - 1);
	close(fd);
	assert_int_equal(
	    parse(&cfg, "--config-command", "hostname r9", "--config", path,
		"--config-command", "ntp server 10.0.0.1", "--save",
		"--dry-run", "show run", NULL),
	    0);
	assert_int_equal(cfg.nconfig, 5);
	assert_string_equal(cfg.config_lines[0], "hostname r9");
	assert_string_equal(cfg.config_lines[1], "interface Gi0/1");
	assert_string_equal(cfg.config_lines[2], " description uplink");
	assert_string_equal(cfg.config_lines[3], "exit");
	assert_string_equal(cfg.config_lines[4], "ntp server 10.0.0.1");
	assert_int_equal(cfg.save, 1);
	assert_int_equal(cfg.dry_run, 1);
	assert_int_equal(cfg.ncommands, 1);
	options_free(&cfg);
	unlink(path);
	assert_int_equal(parse(&cfg, "show run", NULL), 0);
	assert_int_equal(cfg.nconfig, 0);
	assert_int_equal(cfg.save, 0);
	assert_int_equal(cfg.dry_run, 0);
	options_free(&cfg);
	expect_usage(
	    "--config-command: empty command", "--config-command", "", NULL);
	expect_usage("/nonexistent/cfg: No such file or directory", "--config",
	    "/nonexistent/cfg", NULL);
}

static void
test_did_you_mean(void **state)
{
	(void)state;
	expect_usage("unknown option '--formt' (did you mean '--format'?)",
	    "--formt", "json", NULL);
	/* The value is never quoted back. */
	expect_usage("unknown option '--formt' (did you mean '--format'?)",
	    "--formt=json", NULL);
	expect_usage(
	    "unknown option '--hepl' (did you mean '--help'?)", "--hepl", NULL);
	expect_usage("unknown option '--colour' (did you mean '--color'?)",
	    "--colour", "never", NULL);
	expect_usage("unknown option '--invnetory' (did you mean "
		     "'--inventory'?)",
	    "--invnetory", "x", NULL);
	expect_usage("unknown option '--xyz'", "--xyz", NULL);
	expect_usage("unknown option '--frobnicate'", "--frobnicate", NULL);
	expect_usage("option '--co' is ambiguous (--command, --commands-file, "
		     "--config, --config-command, --connect-timeout, --color)",
	    "--co", "x", NULL);
}

static void
test_aliases(void **state)
{
	struct config cfg;

	(void)state;
	assert_int_equal(parse(&cfg, "-f", "7", NULL), 0);
	assert_int_equal(cfg.jobs, 7);
	options_free(&cfg);
	assert_int_equal(parse(&cfg, "--forks=9", "-j", "3", NULL), 0);
	assert_int_equal(cfg.jobs, 3);
	options_free(&cfg);
	expect_usage(
	    "--jobs: 'x' is not a number from 1 to 100000", "-f", "x", NULL);
}

static void
test_stdin(void **state)
{
	struct config cfg;
	char path[] = "/tmp/nc-stdin-XXXXXX";
	static const char cmds[] = "sh ver\n# c\n\nsh clock\n";
	int fd, saved;

	(void)state;
	assert_int_equal(parse(&cfg, "-i", "-", NULL), 0);
	assert_string_equal(cfg.inventory, "-");
	assert_int_equal(cfg.inventory_given, 1);
	options_free(&cfg);

	fd = mkstemp(path);
	assert_true(fd != -1);
	unlink(path);
	assert_int_equal(write(fd, cmds, sizeof(cmds) - 1), sizeof(cmds) - 1);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	saved = dup(STDIN_FILENO);
	dup2(fd, STDIN_FILENO);
	close(fd);
	assert_int_equal(parse(&cfg, "--commands-file", "-", NULL), 0);
	dup2(saved, STDIN_FILENO);
	close(saved);
	clearerr(stdin);
	assert_int_equal(cfg.ncommands, 2);
	assert_string_equal(cfg.commands[0], "sh ver");
	assert_string_equal(cfg.commands[1], "sh clock");
	options_free(&cfg);

	expect_usage("-i - and --commands-file - cannot both read stdin: give "
		     "one of them a file",
	    "-i", "-", "--commands-file", "-", NULL);
	expect_usage("--commands-file - and -i - cannot both read stdin: give "
		     "one of them a file",
	    "--commands-file", "/dev/null", "--commands-file", "-",
	    "--inventory=-", NULL);
	expect_usage(
	    "-i - given twice: stdin is read once", "-i", "-", "-i", "-", NULL);
	expect_usage("-i - and --config - cannot both read stdin: give one "
		     "of them a file",
	    "-i", "-", "--config", "-", NULL);
}

/* --config - reads the configuration lines from stdin. */
static void
test_config_stdin(void **state)
{
	struct config cfg;
	char path[] = "/tmp/nc-cfgin-XXXXXX";
	static const char lines[] = "interface Gi0/1\n description x\n! c\n";
	int fd, saved;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd != -1);
	unlink(path);
	assert_int_equal(
	    write(fd, lines, sizeof(lines) - 1), sizeof(lines) - 1);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	saved = dup(STDIN_FILENO);
	dup2(fd, STDIN_FILENO);
	close(fd);
	clearerr(stdin); /* an earlier test may have read stdin to its end */
	assert_int_equal(parse(&cfg, "--config", "-", "show run", NULL), 0);
	dup2(saved, STDIN_FILENO);
	close(saved);
	clearerr(stdin);
	assert_int_equal(cfg.nconfig, 2);
	assert_string_equal(cfg.config_lines[0], "interface Gi0/1");
	assert_string_equal(cfg.config_lines[1], " description x");
	options_free(&cfg);
}

static void
test_limit_patterns(void **state)
{
	struct config cfg;

	(void)state;
	assert_int_equal(parse(&cfg, "--limit", "R1,R2", "--limit",
			     "core[01-10],!core07", "--limit", "10.0.*", NULL),
	    0);
	assert_int_equal(cfg.nlimits, 3);
	assert_string_equal(cfg.limits[0], "R1,R2");
	options_free(&cfg);
	expect_usage(
	    "--limit: 'R[1-': '[' without its ']'", "--limit", "R[1-", NULL);
	expect_usage(
	    "--limit: 'R1,,R2': an empty name", "--limit", "R1,,R2", NULL);
}

static void
test_textfsm_options(void **state)
{
	struct config cfg;

	(void)state;
	assert_int_equal(
	    parse(&cfg, "--textfsm", "/t", "--template", "a.tpl", "--template",
		"show x=b.tpl", "--parsed-only", "--pipe", "cat",
		"--pipe-input", "parsed", "show x", NULL),
	    0);
	assert_string_equal(cfg.textfsm_dir, "/t");
	assert_int_equal(cfg.ntemplates, 2);
	assert_string_equal(cfg.templates[0], "a.tpl");
	assert_string_equal(cfg.templates[1], "show x=b.tpl");
	assert_int_equal(cfg.parsed_only, 1);
	assert_int_equal(cfg.pipe_input, PIPE_INPUT_PARSED);
	options_free(&cfg);
	assert_int_equal(parse(&cfg, "--use-textfsm", "show x", NULL), 0);
	assert_int_equal(cfg.use_textfsm, 1);
	assert_null(cfg.textfsm_dir);
	assert_int_equal(cfg.pipe_input, PIPE_INPUT_OUTPUT);
	options_free(&cfg);
	expect_usage("--textfsm DIR and --use-textfsm: one", "--textfsm", "/t",
	    "--use-textfsm", NULL);
	expect_usage("--parsed-only needs --textfsm, --use-textfsm or "
		     "--template",
	    "--parsed-only", NULL);
	expect_usage("--pipe-input parsed needs --textfsm, --use-textfsm or "
		     "--template",
	    "--pipe", "cat", "--pipe-input", "parsed", NULL);
	expect_usage("--pipe-input needs --pipe", "--textfsm", "/t",
	    "--pipe-input", "parsed", NULL);
	expect_usage("--pipe-input: 'rows' is not one of output, parsed",
	    "--pipe-input", "rows", NULL);
	expect_usage(
	    "--template: no template file", "--template", "show x=", NULL);
}

static void
test_no_password_option(void **state)
{
	static const char msg[] =
	    "passwords are not accepted on the command line (--password); "
	    "write 'password: ${VAR}' in the inventory or use --ask-pass";

	(void)state;
	expect_usage(msg, "--password", "cisco", NULL);
	/* The value itself is never echoed. */
	expect_usage(msg, "-i", "x.yaml", "--password=cisco", "sh ver", NULL);
	assert_null(strstr(errtext, "cisco"));
	expect_usage("passwords are not accepted on the command line "
		     "(--secret); write 'password: ${VAR}' in the inventory "
		     "or use --ask-pass",
	    "--secret=s3", NULL);
	/* After "--" it is a command like any other. */
	{
		struct config cfg;

		assert_int_equal(parse(&cfg, "--", "--password", NULL), 0);
		assert_string_equal(cfg.commands[0], "--password");
		options_free(&cfg);
	}
}

static void
test_help_version(void **state)
{
	struct config cfg;
	char path[] = "/tmp/nc-out-XXXXXX";
	char out[16384], *p;
	int fd, saved;
	ssize_t n;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd != -1);
	unlink(path);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	assert_int_equal(parse(&cfg, "--version", NULL), 1);
	assert_int_equal(parse(&cfg, "-i", "x", "--help", NULL), 1);
	assert_int_equal(parse(&cfg, "-V", NULL), 1);
	assert_int_equal(parse(&cfg, "-h", "--bogus", NULL), 1);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	n = pread(fd, out, sizeof(out) - 1, 0);
	close(fd);
	assert_true(n > 0);
	out[n] = '\0';
	assert_memory_equal(out,
	    "netcollect " NC_VERSION "\nUsage: netcollect ",
	    strlen("netcollect " NC_VERSION "\nUsage: netcollect "));
	assert_non_null(strstr(out, "--max-output SIZE"));
	p = strstr(out, "\nnetcollect " NC_VERSION "\nUsage: netcollect ");
	assert_non_null(p);
	assert_non_null(strstr(p + 1, "  -V, --version "));
	assert_non_null(strstr(out, "--retries N"));
	assert_non_null(strstr(out, "--retry-wait S"));
	assert_non_null(strstr(out, "--rerun-failed FILE"));
	assert_string_equal(errtext, "");
}

static void
test_scale(void **state)
{
	struct config cfg;

	(void)state;
	unsetenv("JOB_COMPLETION_INDEX");
	unsetenv("SLURM_ARRAY_TASK_ID");
	assert_int_equal(
	    parse(&cfg, "--shard", "3/8", "--list-hosts", NULL), 0);
	assert_int_equal(cfg.shard_i, 3);
	assert_int_equal(cfg.shard_n, 8);
	assert_int_equal(cfg.list_hosts, 1);
	options_free(&cfg);
	setenv("JOB_COMPLETION_INDEX", "0", 1);
	setenv("NC_SHARDS", "5", 1);
	assert_int_equal(parse(&cfg, "--shard", "auto", NULL), 0);
	assert_int_equal(cfg.shard_i, 1);
	assert_int_equal(cfg.shard_n, 5);
	options_free(&cfg);
	unsetenv("NC_SHARDS");
	expect_usage("--shard auto: JOB_COMPLETION_INDEX is set but NC_SHARDS "
		     "is not (Kubernetes Indexed Job: set NC_SHARDS to the "
		     "Job's completions)",
	    "--shard", "auto", NULL);
	unsetenv("JOB_COMPLETION_INDEX");
	expect_usage("--shard: '9/8' is not a shard: I/N with 1 <= I <= N <= "
		     "1000000 (like 2/4)",
	    "--shard", "9/8", NULL);
	assert_int_equal(parse(&cfg, NULL), 0);
	assert_int_equal(cfg.retries, 0);
	assert_int_equal(cfg.retry_wait_ms, 1000);
	assert_null(cfg.rerun_failed);
	options_free(&cfg);
	assert_int_equal(parse(&cfg, "--retries", "3", "--retry-wait", "0.25",
			     "--rerun-failed", "old.jsonl", NULL),
	    0);
	assert_int_equal(cfg.retries, 3);
	assert_int_equal(cfg.retry_wait_ms, 250);
	assert_string_equal(cfg.rerun_failed, "old.jsonl");
	options_free(&cfg);
	assert_int_equal(parse(&cfg, "--retries", "0", NULL), 0);
	assert_int_equal(cfg.retries, 0);
	options_free(&cfg);
	assert_int_equal(parse(&cfg, "--retries", "100", NULL), 0);
	options_free(&cfg);
	expect_usage("--retries: '101' is not a number from 0 to 100",
	    "--retries", "101", NULL);
	expect_usage("--retries: '-1' is not a number from 0 to 100",
	    "--retries", "-1", NULL);
	expect_usage("--retries: '00' is not a number from 0 to 100",
	    "--retries", "00", NULL);
	expect_usage("--retry-wait: '0' is not a duration (positive seconds, "
		     "like 10 or 0.5)",
	    "--retry-wait", "0", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_course_command),
	    cmocka_unit_test(test_words_one_command),
	    cmocka_unit_test(test_every_option),
	    cmocka_unit_test(test_sizes),
	    cmocka_unit_test(test_durations),
	    cmocka_unit_test(test_bad_values),
	    cmocka_unit_test(test_config_lines),
	    cmocka_unit_test(test_did_you_mean),
	    cmocka_unit_test(test_aliases),
	    cmocka_unit_test(test_stdin),
	    cmocka_unit_test(test_config_stdin),
	    cmocka_unit_test(test_limit_patterns),
	    cmocka_unit_test(test_textfsm_options),
	    cmocka_unit_test(test_scale),
	    cmocka_unit_test(test_no_password_option),
	    cmocka_unit_test(test_help_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
