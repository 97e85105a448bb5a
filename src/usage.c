/*
 * usage: the --help text, usage errors, did-you-mean for long options.
 * The text is one string, printed as it is; its option lines are the
 * ones completion/ and the man page list (test/regress/t4205 compares).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keyword.h"
#include "usage.h"
#include "util.h"

static const char usage_text[] =
    "Usage: netcollect [options] [-i FILE] [COMMAND WORDS ...]\n"
    "       netcollect diff [--ignore REGEX]... A B   (diff --help)\n"
    "Run CLI commands on many network devices in parallel over SSH.\n"
    "The words after the options form one command (sh ip int br);\n"
    "-c gives several.\n"
    "\n"
    "Inventory and commands:\n"
    "  -i, --inventory FILE     devices file (default devices.yaml;\n"
    "                           - reads stdin)\n"
    "  -c, --command CMD        command to run (repeatable)\n"
    "      --commands-file FILE commands, one per line (# comments;\n"
    "                           - reads stdin)\n"
    "      --config FILE        configuration lines to push first, one\n"
    "                           per line (# and ! lines skipped)\n"
    "      --config-command L   a configuration line to push (repeatable)\n"
    "      --save               save the configuration after the push\n"
    "      --dry-run            print what each device would be sent;\n"
    "                           contact none\n"
    "      --limit PATTERN      only devices whose name, group or host\n"
    "                           match: R1,R2 lists, R[1-10] ranges,\n"
    "                           globs; !PATTERN excludes\n"
    "      --shard I/N          only shard I of N (by a stable hash of\n"
    "                           the name); auto: from Kubernetes or\n"
    "                           Slurm variables\n"
    "      --list-hosts         print the devices that would run, one\n"
    "                           name a line (jsonl: records); contact\n"
    "                           none\n"
    "      --rerun-failed FILE  only the devices that failed in FILE, an\n"
    "                           earlier run's jsonl\n"
    "Running:\n"
    "  -j, --jobs N             devices at once (default 32)\n"
    "  -f, --forks N            the same as --jobs\n"
    "      --mode MODE          process (default), thread or serial\n"
    "      --process-reuse N    devices one worker process runs, one\n"
    "                           after another (default 16; 1: a fresh\n"
    "                           process per device)\n"
    "      --connect-timeout S  TCP connect timeout (default 10)\n"
    "      --auth-timeout S     SSH handshake and login (default 15)\n"
    "      --read-timeout S     per command (default 30)\n"
    "      --timeout S          per device overall (default: derived)\n"
    "      --retries N          connect again up to N times after\n"
    "                           refused, connect-timeout, closed,\n"
    "                           timeout or dns (default 0)\n"
    "      --retry-wait S       first wait between tries, doubling\n"
    "                           (default 1)\n"
    "      --host-key-check M   strict, accept-new (default) or off\n"
    "      --known-hosts FILE   default ~/.ssh/known_hosts\n"
    "      --ssh-config FILE    OpenSSH client config (default: none;\n"
    "                           'default' is ~/.ssh/config)\n"
    "      --ask-pass           prompt once for the SSH password\n"
    "      --ask-secret         prompt once for the enable secret\n"
    "      --no-enable          never send enable (like enable: false)\n"
    "Output:\n"
    "      --format F           text (default), json or jsonl\n"
    "      --order O            input (default) or completion\n"
    "      --output-dir DIR     one file per device\n"
    "      --session-log DIR    raw session transcript per device\n"
    "      --pipe CMD           filter each output through CMD\n"
    "      --pipe-timeout S     time limit of --pipe (default 60)\n"
    "      --pipe-input WHAT    --pipe reads the output (default) or\n"
    "                           its parsed rows as JSON (parsed)\n"
    "      --textfsm DIR        parse outputs with the TextFSM templates\n"
    "                           DIR/index names (ntc-templates)\n"
    "      --use-textfsm        as --textfsm $NET_TEXTFSM (Netmiko)\n"
    "      --template [CMD=]FILE  parse CMD (default: every command)\n"
    "                           with this template (repeatable)\n"
    "      --parsed-only        parsed outputs without the raw text\n"
    "      --max-output SIZE    per device, like 10k, 256M (default),\n"
    "                           1G\n"
    "      --trace              the ===> / <=== lines with times\n"
    "      --raw                text output as sent, control bytes and\n"
    "                           all (default: escaped as \\xNN)\n"
    "  -G, --group              identical outputs once, under the list\n"
    "                           of their devices (like dshbak -c)\n"
    "      --color WHEN         auto (default: on a terminal), always,\n"
    "                           never\n"
    "      --run-dir DIR        this run in DIR/<UTC time>/, DIR/latest\n"
    "      --keep N             with --run-dir: keep the N newest runs\n"
    "      --diff-with RUN      then the diff against RUN (latest: the\n"
    "                           previous run of --run-dir)\n"
    "      --ignore-device-errors  a command the device refuses (its\n"
    "                           error text) does not fail the device\n"
    "      --stop-on-error      no further commands on a device after one\n"
    "                           it refused\n"
    "  -q, --quiet              no progress line, no summary\n"
    "  -v, --verbose            more diagnostics (repeatable)\n"
    "      --no-color           as --color never\n"
    "  -h, --help               this help\n"
    "  -V, --version            the version\n"
    "\n"
    "Durations are seconds and may have decimals (0.5). Passwords are\n"
    "never taken on the command line: write password: ${VAR} in the\n"
    "inventory or use --ask-pass. Exit status: 0 all devices ok, 1 some\n"
    "failed, 2 usage or inventory error, 3 results could not be written\n"
    "to stdout, 130/143 interrupted.\n";

void
usage_print(FILE *fp)
{
	fputs(usage_text, fp);
}

int
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

int
usage_unknown_long(const char *name, size_t len, const struct option *longopts)
{
	char *word = xstrndup(name, len);
	struct buf all;
	size_t i, d, best = KEYWORD_FAR, nprefix = 0;
	const char *near = NULL;

	buf_init(&all);
	for (i = 0; longopts[i].name != NULL; i++) {
		if (strncmp(longopts[i].name, word, len) == 0)
			buf_appendf(&all, "%s--%s", nprefix++ ? ", " : "",
			    longopts[i].name);
		d = keyword_distance(word, longopts[i].name, KEYWORD_EXACT);
		if (d < best) {
			best = d;
			near = longopts[i].name;
		}
	}
	if (nprefix > 1)
		usage_error("option '--%s' is ambiguous (%s)", word, all.data);
	else if (near != NULL && best <= 2 && best <= len / 2)
		usage_error(
		    "unknown option '--%s' (did you mean '--%s'?)", word, near);
	else
		usage_error("unknown option '--%s'", word);
	buf_free(&all);
	free(word);
	return -1;
}
