/*
 * main: netcollect's entry point. Parse options, load and select the
 * inventory, start the sinks, run the collector with the worker, append any
 * host keys learnt (the parent is the only writer of known_hosts), print
 * the summary and exit: 0 all ok, 1 some device failed, 2 usage or
 * inventory error, 3 stdout failed; after SIGINT, SIGTERM, SIGHUP or
 * SIGQUIT the signal is re-raised (128+N; no core: dumps are off).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "collect.h"
#include "dialogue.h"
#include "hostlist.h"
#include "inventory.h"
#include "knownhosts.h"
#include "liveparse.h"
#include "log.h"
#include "merge.h"
#include "options.h"
#include "output.h"
#include "parse.h"
#include "proc.h"
#include "rerun.h"
#include "rundiff.h"
#include "sshroute.h"
#include "tpool.h"
#include "transport.h"
#include "worker.h"

struct run {
	const struct config *cfg;
	struct inventory *inv;
	struct output *out;
	struct knownhosts_writer *known_hosts;
	const struct sshroute_set *routes;
	struct liveparse *lp; /* --textfsm, --template; or NULL */
};

static void
on_start(void *ctx, size_t index)
{
	struct run *r = ctx;

	output_start(r->out, index);
}

/* A worker's notice (a retry): a warning line, which -q hides. */
static void
on_notice(void *ctx, size_t index, const char *line)
{
	(void)ctx;
	(void)index;
	log_warn("%s", line);
}

/* Append a learnt host key (knownhosts: once per run, one write()). */
static void
on_hostkey(void *ctx, size_t index, const char *key)
{
	struct run *r = ctx;

	switch (knownhosts_append(r->known_hosts, key)) {
	case -1:
		log_error("%s: cannot record host key of %s: %s",
		    r->cfg->known_hosts, r->inv->devices[index].name,
		    strerror(errno));
		break;
	case 1:
		log_info("%s: new host key recorded in %s",
		    r->inv->devices[index].name, r->cfg->known_hosts);
		break;
	}
}

/*
 * A device's result is in: its password, secret and passphrase are not
 * needed any more, so they are wiped now rather than at exit. Not while
 * its worker may still be running (a thread given up on): it may still
 * be inside the session, reading them.
 */
static void
on_result(void *ctx, struct result *res, int worker_busy)
{
	struct run *r = ctx;
	struct device *d;

	if (res->index < r->inv->ndevices && !worker_busy) {
		d = &r->inv->devices[res->index];
		free_secret(d->password);
		free_secret(d->secret);
		free_secret(d->passphrase);
		d->password = d->secret = d->passphrase = NULL;
	}
	/* A failed stdout: must_stop() then ends the run. */
	(void)output_result(r->out, res);
}

static int
must_stop(void *ctx)
{
	struct run *r = ctx;

	return output_failed(r->out);
}

static void
on_tick(void *ctx)
{
	struct run *r = ctx;

	output_tick(r->out);
}

/*
 * Read one line from the terminal with echo off. Echo goes off before the
 * prompt is shown and nothing typed is discarded (TCSANOW, not
 * TCSAFLUSH), so an answer typed as soon as the prompt appears is kept.
 */
static char *
ask(const char *opt, const char *prompt)
{
	struct termios old, quiet;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *tty;
	int restore = 0;

	tty = fopen("/dev/tty", "r+e");
	if (tty == NULL)
		fatal("%s needs a terminal: %s", opt, strerror(errno));
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		restore = tcsetattr(fileno(tty), TCSANOW, &quiet) == 0;
	}
	fputs(prompt, tty);
	fflush(tty);
	n = getline(&line, &cap, tty);
	if (restore)
		tcsetattr(fileno(tty), TCSANOW, &old);
	fputs("\n", tty);
	fclose(tty);
	if (n < 0) {
		free(line);
		fatal("%s: no answer", opt);
	}
	line[strcspn(line, "\r\n")] = '\0';
	return line;
}

/*
 * Who an --ask-pass or --ask-secret answer is for: the user@group (user
 * alone for a device of no group) of the devices that lack one, each
 * once, in inventory order ("admin@routers", "admin@core, ops@edge";
 * past three, "and others"), or NULL when no device lacks it.
 */
static char *
ask_for(const struct inventory *inv, int is_secret)
{
	char *seen[3], *label;
	size_t i, j, n = 0;
	struct buf b;
	int others = 0;

	for (i = 0; i < inv->ndevices && !others; i++) {
		const struct device *d = &inv->devices[i];

		if ((is_secret ? d->secret : d->password) != NULL)
			continue;
		label = xasprintf("%s%s%s", d->username ? d->username : "",
		    d->group ? "@" : "", d->group ? d->group : "");
		for (j = 0; j < n && strcmp(seen[j], label) != 0; j++)
			;
		if (j < n)
			free(label);
		else if (n < 3)
			seen[n++] = label;
		else {
			free(label);
			others = 1;
		}
	}
	if (n == 0)
		return NULL;
	buf_init(&b);
	for (j = 0; j < n; j++) {
		buf_appendf(&b, "%s%s", j ? ", " : "", seen[j]);
		free(seen[j]);
	}
	if (others)
		buf_appendf(&b, " and others");
	return buf_steal(&b, NULL);
}

/*
 * --ask-pass (or --ask-secret): one answer for every device that has no
 * password (secret) in the inventory, asked naming who it is for
 * ("Password for admin@routers: "); nothing is asked when none lacks it.
 */
static void
ask_secret(
    struct inventory *inv, int is_secret, const char *opt, const char *what)
{
	char *who = ask_for(inv, is_secret), *prompt, *value;
	size_t i;

	if (who == NULL) {
		log_warn("%s: every device has its %s in the inventory", opt,
		    is_secret ? "secret" : "password");
		return;
	}
	prompt = xasprintf("%s for %s: ", what, who);
	value = ask(opt, prompt);
	for (i = 0; i < inv->ndevices; i++) {
		char **slot = is_secret ? &inv->devices[i].secret
					: &inv->devices[i].password;

		if (*slot == NULL)
			*slot = xstrdup(value);
	}
	free_secret(value);
	free(prompt);
	free(who);
}

/* Create the directory that will hold path (~/.ssh), mode 0700. */
static void
make_parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL || slash == path)
		return;
	dir = xstrndup(path, (size_t)(slash - path));
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		log_warn("%s: %s", dir, strerror(errno));
	free(dir);
}

/* Create dir (one level) unless it is already a directory. */
static int
make_dir(const char *opt, const char *dir, mode_t mode)
{
	struct stat st;

	if (dir == NULL)
		return 0;
	if (mkdir(dir, mode) == -1 && errno != EEXIST) {
		log_error("%s %s: %s", opt, dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		log_error("%s %s: not a directory", opt, dir);
		return -1;
	}
	return 0;
}

/*
 * A configuration push (--config, --config-command, --save) puts its
 * steps first in each device's command list: "config" (the whole
 * configuration session, one output), then the platform's save command
 * with --save, then the commands of the command line only (a device's
 * own list is for collecting, not for a push). 0, or -1 when a device
 * cannot take the push (said on stderr).
 */
static int
plan_config(const struct config *cfg, struct inventory *inv)
{
	if (cfg->nconfig == 0 && !cfg->save)
		return 0;
	for (size_t i = 0; i < inv->ndevices; i++) {
		struct device *d = &inv->devices[i];
		const struct platform *pf = d->platform;
		size_t k = 0, n = worker_config_steps(cfg, d) + cfg->ncommands;
		char **cmds;

		if (pf == NULL || pf->config_cmd == NULL) {
			log_error("%s: %s has no configuration mode", d->name,
			    d->device_type);
			return -1;
		}
		cmds = xcalloc(n ? n : 1, sizeof(*cmds));
		if (cfg->nconfig > 0)
			cmds[k++] = xstrdup("config");
		if (k < worker_config_steps(cfg, d))
			cmds[k++] = xstrdup(pf->save_cmd);
		for (size_t j = 0; j < cfg->ncommands; j++)
			cmds[k++] = xstrdup(cfg->commands[j]);
		for (size_t j = 0; j < d->ncommands; j++)
			free(d->commands[j]);
		free(d->commands);
		d->commands = cmds;
		d->ncommands = n;
	}
	return 0;
}

/*
 * --dry-run: what each device would be sent after login (its
 * configuration session, then its commands), on stdout; nobody is
 * contacted. The exit status.
 */
static int
dry_run(const struct config *cfg, const struct inventory *inv)
{
	struct buf b;
	int rc = 0;

	buf_init(&b);
	for (size_t i = 0; i < inv->ndevices && rc == 0; i++) {
		const struct device *d = &inv->devices[i];
		size_t n, nconf = worker_config_steps(cfg, d);
		char *const *cmds =
		    device_commands(d, cfg->commands, cfg->ncommands, &n);

		buf_reset(&b);
		buf_appendf(&b, "=== %s %s %s:%u (dry run)\n", d->name,
		    d->device_type, d->host, d->port ? d->port : 22);
		if (cfg->nconfig > 0 || cfg->save)
			dialogue_config_plan(d->platform, cfg->config_lines,
			    cfg->nconfig, cfg->save, &b);
		for (size_t j = nconf; j < n; j++)
			buf_appendf(&b, "%s\n", cmds[j]);
		if (write_all(STDOUT_FILENO, b.data, b.len) == -1) {
			log_error("stdout: %s", strerror(errno));
			rc = OUTPUT_EXIT_STDOUT;
		}
	}
	buf_free(&b);
	return rc;
}

/* Every device needs at least one command, from argv or its own list. */
static int
check_commands(const struct config *cfg, const struct inventory *inv)
{
	size_t n;

	for (size_t i = 0; i < inv->ndevices; i++) {
		device_commands(
		    &inv->devices[i], cfg->commands, cfg->ncommands, &n);
		if (n == 0) {
			log_error("no command given for %s: name one, e.g. "
				  "netcollect \"show version\"",
			    inv->devices[i].name);
			return -1;
		}
	}
	return 0;
}

/* One warning for all the devices whose host key is not checked. */
static void
warn_hostkey_off(const struct config *cfg, const struct inventory *inv)
{
	size_t i, n = 0;

	for (i = 0; i < inv->ndevices; i++)
		if (inv->devices[i].host_key_check == HOSTKEY_OFF ||
		    (inv->devices[i].host_key_check == HOSTKEY_DEFAULT &&
			cfg->host_key_check == HOSTKEY_OFF))
			n++;
	if (n > 0)
		log_warn("host key checking is off for %zu of %zu devices: "
			 "their identity is not verified",
		    n, inv->ndevices);
}

/* -v and -vv; -q keeps only errors. */
static void
set_log_level(const struct config *cfg)
{
	log_set_level(cfg->verbose >= 2 ? LOG_DEBUG
		: cfg->verbose == 1	? LOG_INFO
		: cfg->quiet		? LOG_ERROR
					: LOG_WARN);
}

/* Keep the devices --limit selects: 0, or -1 when none is left. */
static int
select_devices(const struct config *cfg, struct inventory *inv)
{
	struct hostlist *sel;
	struct buf err;
	size_t kept;

	buf_init(&err);
	sel = hostlist_compile(
	    (const char *const *)cfg->limits, cfg->nlimits, &err);
	if (sel == NULL) {
		log_error("--limit: %s", err.data);
		buf_free(&err);
		return -1;
	}
	buf_free(&err);
	kept = inventory_select(inv, sel);
	hostlist_free(sel);
	if (kept == 0) {
		log_error("no device matches --limit");
		return -1;
	}
	return 0;
}

struct shard_pick {
	unsigned i, n;
};

static int
in_shard(const struct device *d, void *arg)
{
	const struct shard_pick *sp = arg;

	return hostlist_shard(d->name, sp->n) == sp->i;
}

/*
 * Load the inventory and keep the devices --limit selects, then those
 * that failed in --rerun-failed's run (its file read, and checked against
 * the whole inventory, before --limit), then those of --shard: 0, or -1
 * when nothing can run (said on stderr). A shard, or a rerun of a run
 * without failures, may be empty: that is not an error.
 */
static int
load_inventory(const struct config *cfg, struct inventory *inv)
{
	struct rerun *rr = NULL;
	struct buf err;
	struct stat st;
	int rc;

	/* A newcomer without -i learns where the inventory was looked for. */
	if (!cfg->inventory_given && access(cfg->inventory, F_OK) == -1 &&
	    errno == ENOENT) {
		log_error("no inventory: %s not found in this directory (name "
			  "one with -i FILE)",
		    cfg->inventory);
		return -1;
	}
	buf_init(&err);
	rc = inventory_load(cfg->inventory, inv, &err);
	if (rc == -1 && err.len > 0)
		(void)write_all(STDERR_FILENO, err.data, err.len);
	buf_free(&err);
	if (rc == -1)
		return -1;
	if (inv->notice != NULL)
		log_warn("%s", inv->notice);
	if (inv->has_passwords && strcmp(cfg->inventory, "-") != 0 &&
	    stat(cfg->inventory, &st) == 0 && (st.st_mode & S_IROTH))
		log_warn("%s holds passwords and is readable by others "
			 "(chmod 600 %s)",
		    cfg->inventory, cfg->inventory);
	if (inv->ndevices == 0) {
		log_error("%s: no devices", cfg->inventory);
		return -1;
	}
	if (cfg->rerun_failed != NULL &&
	    (rr = rerun_open(cfg->rerun_failed, inv)) == NULL)
		return -1;
	if (cfg->nlimits > 0 && select_devices(cfg, inv) == -1) {
		rerun_free(rr);
		return -1;
	}
	if (rr != NULL)
		rerun_select(rr, inv);
	rerun_free(rr);
	if (cfg->shard_n > 0) {
		struct shard_pick sp = {cfg->shard_i, cfg->shard_n};
		size_t all = inv->ndevices;

		inventory_filter(inv, in_shard, &sp);
		log_info("shard %u/%u: %zu of %zu devices", sp.i, sp.n,
		    inv->ndevices, all);
	}
	return 0;
}

/*
 * NC_DATA_<NAME> variables are what --pipe gets from a device's data:;
 * one inherited from our own environment would reach the pipes of the
 * devices that have no such name, so they go (after the inventory, which
 * may have read them as ${NAME}).
 */
static void
drop_data_vars(void)
{
	extern char **environ;
	char *name;
	size_t i = 0;

	while (environ[i] != NULL) {
		if (strncmp(environ[i], "NC_DATA_", 8) != 0) {
			i++;
			continue;
		}
		name = xstrndup(environ[i], strcspn(environ[i], "="));
		unsetenv(name);
		free(name);
	}
}

/*
 * The variables that ${NAME} secrets came from go too, wiped first (the
 * inventory holds copies): a --pipe command, or anything it starts,
 * must not find the passwords in its environment.
 */
static void
drop_secret_vars(const struct inventory *inv)
{
	char *v;
	size_t i;

	for (i = 0; i < inv->nsecret_vars; i++) {
		if ((v = getenv(inv->secret_vars[i])) != NULL)
			secure_zero(v, strlen(v));
		unsetenv(inv->secret_vars[i]);
	}
}

/*
 * What the devices need before any runs: a command each, the passwords
 * asked for. 0, or -1 when the run cannot start (said on stderr).
 */
static int
prepare_devices(const struct config *cfg, struct inventory *inv)
{
	if (plan_config(cfg, inv) == -1 || check_commands(cfg, inv) == -1)
		return -1;
	drop_data_vars();
	drop_secret_vars(inv);
	warn_hostkey_off(cfg, inv);
	if (cfg->dry_run)
		return 0; /* nobody to log in to */
	if (cfg->ask_pass)
		ask_secret(inv, 0, "--ask-pass", "Password");
	if (cfg->ask_secret)
		ask_secret(inv, 1, "--ask-secret", "Enable secret");
	return 0;
}

/* Die by the signal that ended the run, so the shell sees how we ended. */
static int
exit_by_signal(int sig)
{
	sigset_t set;

	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	return 128 + sig;
}

/* The runner --mode asks for; -j never above the number of devices. */
static struct runner *
new_runner(const struct config *cfg, size_t ndevices, struct worker_ctx *w)
{
	size_t jobs = cfg->jobs < ndevices ? cfg->jobs : ndevices;

	switch (cfg->mode) {
	case MODE_PROCESS:
		return proc_new(jobs, cfg->process_reuse, worker_run, w);
	case MODE_THREAD:
		return tpool_new(jobs, worker_run, w);
	case MODE_SERIAL:
		return tpool_new_serial(worker_run, w);
	}
	return NULL;
}

/* Each line of what fn appends, as a warning: liveparse's notes. */
static void
warn_lines(const struct liveparse *lp,
    void (*fn)(const struct liveparse *, struct buf *))
{
	struct buf b;
	char *line, *nl;

	buf_init(&b);
	fn(lp, &b);
	for (line = b.data; line != NULL && *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		log_warn("%s", line);
	}
	buf_free(&b);
}

/*
 * --textfsm, --use-textfsm, --template: the templates compiled and every
 * (device_type, command) pair looked up now, before any fork() or
 * thread. 0 (*lp NULL when nothing is parsed), or -1 after saying why.
 */
static int
open_parsers(const struct config *cfg, const struct inventory *inv,
    struct liveparse **lp)
{
	char err[1024], *dir = NULL;

	*lp = NULL;
	if (cfg->textfsm_dir == NULL && !cfg->use_textfsm &&
	    cfg->ntemplates == 0)
		return 0;
	if (cfg->textfsm_dir != NULL || cfg->use_textfsm)
		dir = liveparse_dir(cfg->textfsm_dir);
	*lp = liveparse_new(
	    dir, cfg->templates, cfg->ntemplates, err, sizeof(err));
	free(dir);
	if (*lp == NULL) {
		log_error("%s", err);
		return -1;
	}
	liveparse_plan(*lp, inv, cfg->commands, cfg->ncommands);
	warn_lines(*lp, liveparse_unused);
	return 0;
}

/* The collector over every device, the results into the sinks: the status. */
static int
collect(struct run *run)
{
	const struct config *cfg = run->cfg;
	struct worker_ctx wctx = {
	    .cfg = cfg, .inv = run->inv, .routes = run->routes, .lp = run->lp};
	struct collect_callbacks cb = {
	    .ctx = run,
	    .on_start = on_start,
	    .on_hostkey = on_hostkey,
	    .on_notice = on_notice,
	    .on_output = NULL,
	    .on_result = on_result,
	    .must_stop = must_stop,
	    .on_tick = on_tick,
	};
	struct collect_config cc = {
	    .ndevices = run->inv->ndevices,
	    .device_timeout_ms = worker_timeout_ms,
	    .timeout_arg = &wctx,
	    .kill_grace_ms = 1000,
	    .max_output = cfg->max_output,
	    .cb = &cb,
	};
	struct runner *rn;
	int sig, status;

	/* An empty shard: nothing to start, the sinks still report. */
	sig = 0;
	if (run->inv->ndevices > 0) {
		if ((rn = new_runner(cfg, run->inv->ndevices, &wctx)) == NULL)
			return 2;
		sig = collect_run(&cc, rn, NULL);
		rn->ops->free(rn->self);
	}
	if (sig == -1)
		return 2;
	if (run->lp != NULL)
		output_no_template(run->out, liveparse_notes_json(run->lp));
	status = output_finish(run->out, sig);
	/* After the summary: each command some device had no template for. */
	if (run->lp != NULL && !cfg->quiet)
		warn_lines(run->lp, liveparse_notes);
	if (status == OUTPUT_EXIT_STDOUT)
		return status;
	return sig > 0 ? exit_by_signal(sig) : status;
}

/* The run's ssh_config files, read once: NULL when one is bad (said). */
static struct sshroute_set *
load_routes(const struct config *cfg, const struct inventory *inv)
{
	struct sshroute_set *set;
	struct buf err;

	buf_init(&err);
	set = sshroute_load(cfg, inv, &err);
	if (set == NULL && err.len > 0)
		(void)write_all(STDERR_FILENO, err.data, err.len);
	buf_free(&err);
	return set;
}

/* Run the devices: the exit status. */
static int
run_devices(const struct config *cfg, struct inventory *inv)
{
	struct run run = {.cfg = cfg, .inv = inv};
	struct sshroute_set *routes;
	int status;

	if ((routes = load_routes(cfg, inv)) == NULL)
		return 2;
	run.routes = routes;

	/* SSH's global state, once, before any fork or thread. */
	if (transport_global_init(cfg->mode == MODE_PROCESS) == -1) {
		log_error("libssh2_init failed");
		sshroute_free(routes);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	run.known_hosts = knownhosts_writer_new(cfg->known_hosts);
	make_parent_dir(cfg->known_hosts);
	/* Directories we write into must exist before any device runs. */
	status = 2;
	if (make_dir("--session-log", cfg->session_log_dir, 0700) == 0 &&
	    open_parsers(cfg, inv, &run.lp) == 0 &&
	    (run.out = output_new(cfg, inv)) != NULL)
		status = collect(&run);
	output_free(run.out);
	liveparse_free(run.lp);
	knownhosts_writer_free(run.known_hosts);
	transport_global_exit();
	sshroute_free(routes);
	return status;
}

/*
 * From the inventory's load to exit the process holds passwords: no core
 * dump may write them to disk and no other process of the user may read
 * our memory (ptrace, /proc/PID/mem; the kernel then also hands /proc/PID
 * to root). Forked workers inherit both; a --pipe command gets dumpable
 * back at its exec, and never held a secret.
 */
static void
protect_secrets(void)
{
	const struct rlimit none = {0, 0};

	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == -1)
		log_warn("prctl(PR_SET_DUMPABLE): %s", strerror(errno));
	if (setrlimit(RLIMIT_CORE, &none) == -1)
		log_warn("setrlimit(RLIMIT_CORE): %s", strerror(errno));
}

int
main(int argc, char **argv)
{
	struct config cfg;
	struct inventory inv = {0};
	int rc, status = 2;

	log_set_progname("netcollect");
	if (output_stdio_check() == -1)
		return OUTPUT_EXIT_STDOUT;
	if (argc > 1 && strcmp(argv[1], "diff") == 0)
		return rundiff_main(argc - 1, argv + 1);
	/* "netcollect parse ..." is a sub-command; "-- parse" a command. */
	if (argc > 1 && strcmp(argv[1], "parse") == 0)
		return parse_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "merge") == 0)
		return merge_main(argc - 1, argv + 1);
	rc = options_parse(argc, argv, &cfg);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	set_log_level(&cfg);
	protect_secrets();
	if (load_inventory(&cfg, &inv) == 0) {
		if (cfg.list_hosts)
			status = output_list(&cfg, &inv);
		else if (prepare_devices(&cfg, &inv) == 0)
			status = cfg.dry_run ? dry_run(&cfg, &inv)
					     : run_devices(&cfg, &inv);
	}
	inventory_free(&inv);
	options_free(&cfg);
	return status;
}
