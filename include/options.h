/*
 * options: the command line, parsed into one plain config record.
 * Durations are milliseconds; 0 means "use the default".
 */
#ifndef NC_OPTIONS_H
#define NC_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "knownhosts.h"
#include "term.h"

/* How workers run: main picks the runner (proc.h, tpool.h) from it. */
enum run_mode {
	MODE_PROCESS, /* forked workers, a device each at a time */
	MODE_THREAD,  /* -j threads in this process */
	MODE_SERIAL,  /* one device after another, inline */
};

enum out_format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_JSONL,
};

enum out_order {
	ORDER_INPUT,	  /* like map(): each result once all earlier are out */
	ORDER_COMPLETION, /* like as_completed() */
};

/* What --pipe reads on its stdin. */
enum pipe_input {
	PIPE_INPUT_OUTPUT, /* the command's output (default) */
	PIPE_INPUT_PARSED, /* its TextFSM rows as JSON */
};

/* Devices one worker process runs, one after another (--process-reuse). */
#define DEFAULT_PROCESS_REUSE 16

struct config {
	const char *inventory; /* -i, default "devices.yaml" */
	int inventory_given;   /* -i was on the command line */
	/*
	 * Owned copies: -c and --commands-file in the order given, then
	 * the operands. 0 when none: main decides (devices may have theirs).
	 */
	char **commands;
	size_t ncommands;
	/*
	 * Owned copies: the lines of --config files and --config-command,
	 * in the order given, pushed in configuration mode before the
	 * commands (and with them, only the commands given here run).
	 */
	char **config_lines;
	size_t nconfig;
	int save;		    /* --save: save after the push */
	int dry_run;		    /* --dry-run: print, contact nobody */
	size_t jobs;		    /* -j, default 32 */
	enum run_mode mode;	    /* --mode process|thread|serial */
	unsigned process_reuse;	    /* --process-reuse, default below */
	int64_t connect_timeout_ms; /* --connect-timeout, default 10 s */
	int64_t auth_timeout_ms;    /* --auth-timeout, default 15 s */
	int64_t read_timeout_ms;    /* --read-timeout, default 30 s */
	int64_t timeout_ms;	    /* --timeout: per device overall, 0 auto */
	enum hostkey_mode host_key_check; /* default accept-new */
	char *known_hosts; /* owned; default $HOME/.ssh/known_hosts */
	char **limits; /* --limit, repeatable; array owned, strings argv's */
	size_t nlimits;
	enum out_order order;
	enum out_format format;
	const char *output_dir;
	const char *session_log_dir;
	const char *pipe_cmd;	   /* --pipe */
	int64_t pipe_timeout_ms;   /* --pipe-timeout, default 60 s */
	size_t max_output;	   /* --max-output, default 256 MiB */
	int trace;		   /* --trace: the course's ===> / <=== lines */
	int raw;		   /* --raw: text output without escaping */
	int ignore_device_errors;  /* --ignore-device-errors */
	int stop_on_error;	   /* --stop-on-error */
	int quiet;		   /* -q: no progress, no summary */
	int verbose;		   /* -v, repeatable */
	enum color_mode color;	   /* --color, --no-color */
	int group;		   /* -G, --group: identical outputs once */
	const char *run_dir;	   /* --run-dir */
	size_t keep;		   /* --keep N runs, 0 = all */
	const char *diff_with;	   /* --diff-with latest|RUN|FILE */
	unsigned shard_i, shard_n; /* --shard I/N (1-based); 0/0: none */
	int list_hosts;		   /* --list-hosts: print, contact none */
	const char *rerun_failed;  /* --rerun-failed FILE.jsonl */
	unsigned retries;	   /* --retries, default 0 */
	int64_t retry_wait_ms;	   /* --retry-wait, default 1 s */
	int ask_pass;		   /* --ask-pass */
	int ask_secret;		   /* --ask-secret */
	int no_enable;		   /* --no-enable: no device gets enable */
	const char *ssh_config;	   /* --ssh-config FILE or "default" */
	/* Given on the command line: wins over an ssh_config's value. */
	int given_connect, given_hostkey, given_known_hosts;
	const char *textfsm_dir; /* --textfsm DIR */
	int use_textfsm;	 /* --use-textfsm: DIR as Netmiko finds it */
	char **templates; /* --template [CMD=]FILE; array owned, argv's */
	size_t ntemplates;
	int parsed_only;	    /* --parsed-only */
	enum pipe_input pipe_input; /* --pipe-input output|parsed */
};

/*
 * Parse argv into cfg (defaults filled). Returns 0 to run, 1 when --help
 * or --version was printed (exit 0), -1 on a usage error (one line was
 * printed to stderr, then "Try 'netcollect --help'."; exit 2). Strings
 * point into argv or are owned by cfg. On 1 or -1 cfg is already freed.
 * Not reentrant (getopt state); call once, before any fork().
 */
int options_parse(int argc, char **argv, struct config *cfg);

/* Free what cfg owns; safe to call twice. */
void options_free(struct config *cfg);

#endif
