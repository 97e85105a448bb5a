/*
 * ns_clirun: finding and running the command a simulated shell read.
 * A line is matched against the table of the current mode (exec, the
 * configuration modes, the Junos shell); a line a sub-mode does not know
 * is tried at the top of configuration mode, as IOS does. Each action
 * either prints an acknowledgement or output (ns_cli_start_text,
 * ns_cli_show: the state machine then produces it) or a prompt or a
 * question. Configuration edits go where the platform's commit model
 * says (ns_config lists of the device, the XR session's candidate, the
 * Junos shared candidate) so every session of a device sees them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_cli_impl.h"
#include "ns_config.h"
#include "ns_jconfig.h"

#define LAST_CHANGED "## Last changed: 2017-08-28 05:01:23 UTC"

static int
is_submode(enum ns_mode mode)
{
	return mode >= NS_MODE_IF && mode <= NS_MODE_VLAN;
}

/*
 * Find the command of c->line from column base in the current mode (with
 * partial, a prefix as "no" takes). A line a sub-mode does not know is
 * tried at the top of configuration mode, as IOS does, and runs there
 * (*mode says where). Sets c->cmd and c->m; -1 after reporting the error.
 */
static int
resolve(struct ns_cli *c, size_t base, int partial, enum ns_mode *mode)
{
	const struct ns_platform *p = c->plat;
	struct ns_match sub;

	*mode = c->mode;
	ns_match(p->modes[c->mode], p->abbrev, c->line + base, c->priv, partial,
	    &c->m);
	if (c->m.status != NS_MATCH_OK && is_submode(c->mode)) {
		sub = c->m;
		ns_match(p->modes[NS_MODE_CONFIG], p->abbrev, c->line + base,
		    c->priv, partial, &c->m);
		if (c->m.status == NS_MATCH_OK)
			*mode = NS_MODE_CONFIG;
		else if (sub.col >= c->m.col)
			c->m = sub;
	}
	if (c->m.status != NS_MATCH_OK) {
		ns_cli_match_error(c, &c->m, base);
		return -1;
	}
	c->cmd = c->m.cmd;
	return 0;
}

/* "terminal length N" and "terminal width N", and their platform texts. */
static void
set_terminal(struct ns_cli *c, enum ns_action action)
{
	const char *fmt;
	char msg[128] = "", w[LINE_CAP];

	if (c->m.num < 0 || c->m.num > 512) {
		ns_cli_last_word(c, w, sizeof(w));
		ns_cli_report(
		    c, &c->plat->invalid, strlen(c->line) - strlen(w), w);
		ns_cli_put_prompt(c);
		return;
	}
	if (action == NS_A_TERM_LENGTH) {
		c->length = (int)c->m.num;
		fmt =
		    c->m.num == 0 ? c->plat->length_zero : c->plat->length_set;
	} else {
		c->width = (int)c->m.num;
		fmt = c->plat->width_set;
	}
	if (fmt != NULL)
		snprintf(msg, sizeof(msg), fmt, c->m.num);
	ns_cli_start_text(c, msg);
}

/* ---- configuration -------------------------------------------------- */

/* Where this session's configuration edits go. */
static struct ns_config *
edits(const struct ns_cli *c)
{
	switch (c->plat->commit) {
	case NS_COMMIT_NONE:
		return c->dev->config;
	case NS_COMMIT_SESSION:
		return c->cand;
	case NS_COMMIT_SHARED:
		return c->dev->candidate;
	}
	return c->dev->config;
}

static void
set_mode(struct ns_cli *c, enum ns_mode mode, const char *section)
{
	c->mode = mode;
	snprintf(c->section, sizeof(c->section), "%s",
	    section != NULL ? section : "");
}

static void
commit(struct ns_cli *c)
{
	struct ns_config *e = edits(c);

	if (e == c->dev->config)
		return;
	ns_config_append(c->dev->config, e);
	ns_config_clear(e);
}

static void
configure(struct ns_cli *c)
{
	const struct ns_platform *p = c->plat;
	char msg[256];

	set_mode(c, NS_MODE_CONFIG, NULL);
	if (p->commit == NS_COMMIT_SESSION)
		ns_config_clear(c->cand);
	snprintf(msg, sizeof(msg), "%s%s",
	    p->config_enter != NULL ? p->config_enter : "",
	    p->config_pending != NULL && ns_config_count(edits(c)) > 0
		? p->config_pending
		: "");
	ns_cli_start_text(c, msg);
}

static void
exit_config(struct ns_cli *c)
{
	set_mode(c, NS_MODE_EXEC, NULL);
	ns_cli_start_text(c, c->plat->config_leave);
}

static void
leave_config(struct ns_cli *c)
{
	const struct ns_platform *p = c->plat;

	if (p->commit != NS_COMMIT_NONE && p->uncommitted_ask != NULL &&
	    ns_config_count(edits(c)) > 0) {
		ns_cli_ask(c, ASK_UNCOMMITTED, p->uncommitted_ask);
		return;
	}
	exit_config(c);
}

/* The answer to "Uncommitted changes found" / "Exit with uncommitted". */
void
ns_cli_uncommitted(struct ns_cli *c)
{
	const char *a = c->line;
	int yes = strncmp(a, "yes", strlen(a)) == 0 && a[0] != '\0';
	int no = strncmp(a, "no", strlen(a)) == 0 && a[0] != '\0';

	if (c->plat->commit == NS_COMMIT_SHARED) {
		if (yes || a[0] == '\0')
			exit_config(c);
		else
			ns_cli_put_prompt(c);
		return;
	}
	if (yes)
		commit(c);
	else if (no)
		ns_config_clear(c->cand);
	if (yes || no)
		exit_config(c);
	else
		ns_cli_put_prompt(c);
}

/* A configuration line of c->m: under the current section, or opening one. */
static void
cfg_line(struct ns_cli *c, int remove)
{
	struct ns_cfg_edit e = {0};

	e.remove = remove;
	e.line = c->m.line;
	e.key = c->cmd->key;
	if (c->cmd->action == NS_A_CFG_SECTION && !remove) {
		e.opens = 1;
		ns_config_add(edits(c), &e);
		set_mode(c, c->cmd->mode, c->m.line);
	} else {
		e.section = c->mode == NS_MODE_CONFIG ? NULL : c->section;
		ns_config_add(edits(c), &e);
	}
	ns_cli_put_prompt(c);
}

/* "no LINE": what LINE names goes. */
static void
cfg_no(struct ns_cli *c)
{
	size_t base = c->m.arg;
	enum ns_mode mode;

	if (resolve(c, base, 1, &mode) == -1) {
		ns_cli_put_prompt(c);
		return;
	}
	if (c->cmd->action != NS_A_CFG_LINE &&
	    c->cmd->action != NS_A_CFG_SECTION) {
		ns_cli_report(c, &c->plat->invalid, base, "no");
		ns_cli_put_prompt(c);
		return;
	}
	if (mode != c->mode)
		set_mode(c, mode, NULL);
	cfg_line(c, 1);
}

/* "do COMMAND", Junos "run COMMAND": an exec command, modes unchanged. */
static void
run_exec(struct ns_cli *c)
{
	const struct ns_platform *p = c->plat;
	size_t base = c->m.arg;

	ns_match(
	    p->modes[NS_MODE_EXEC], p->abbrev, c->line + base, 1, 0, &c->m);
	if (c->m.status != NS_MATCH_OK) {
		ns_cli_match_error(c, &c->m, base);
		ns_cli_put_prompt(c);
		return;
	}
	c->cmd = c->m.cmd;
	c->cmd_mode = c->mode;
	if (c->cmd->action == NS_A_CONFIGURE) {
		ns_cli_report(c, &p->invalid, base, "configure");
		ns_cli_put_prompt(c);
		return;
	}
	ns_cli_run(c);
}

/* Junos set and delete, into the shared candidate. */
static void
jedit(struct ns_cli *c)
{
	const struct ns_device *d = c->dev;
	struct ns_cfg_edit e = {0};
	const char *stmt = strchr(c->m.line, ' ');
	size_t col;
	char w[LINE_CAP];

	if (ns_jconfig_check(c->line + c->m.arg, &col) == -1 || stmt == NULL) {
		ns_cli_word_at(c, c->m.arg + col, w, sizeof(w));
		ns_cli_report(c, &c->plat->cfg_invalid, c->m.arg + col, w);
		ns_cli_put_prompt(c);
		return;
	}
	e.remove = c->cmd->action == NS_A_JDELETE;
	e.line = stmt + 1;
	if (e.remove && !ns_jconfig_has(d, d->config, d->candidate, e.line)) {
		ns_cli_start_text(c, "warning: statement not found\n");
		return;
	}
	ns_config_add(d->candidate, &e);
	ns_cli_put_prompt(c);
}

/* Junos show in configuration mode: the candidate, or a part of it. */
static void
jshow(struct ns_cli *c)
{
	const struct ns_device *d = c->dev;
	const char *path = NULL;

	if (strchr(c->cmd->words, '<') != NULL)
		path = c->line + c->m.arg;
	ns_cli_start_heap(c,
	    ns_jconfig_render(d, d->config, d->candidate, path,
		path == NULL ? LAST_CHANGED : NULL));
}

void
ns_cli_save(struct ns_cli *c)
{
	ns_config_saved(c->dev->config);
	ns_cli_start_text(c, c->plat->save);
}

/* ---- running a command ---------------------------------------------- */

/* exit, logout: to the Junos shell, through the questions, or the end. */
static void
leave(struct ns_cli *c)
{
	const struct ns_platform *p = c->plat;

	if (c->mode == NS_MODE_EXEC && c->dev->login_shell &&
	    p->modes[NS_MODE_SHELL] != NULL) {
		set_mode(c, NS_MODE_SHELL, NULL);
		ns_cli_put_prompt(c);
		return;
	}
	if (c->dev->logout_confirm && p->logout_ask != NULL && !c->exec) {
		ns_cli_ask(c, ASK_LOGOUT, p->logout_ask);
		return;
	}
	ns_cli_finish(c);
}

static void
enable(struct ns_cli *c)
{
	const struct ns_device *d = c->dev;

	if (c->priv || d->secret == NULL || d->secret[0] == '\0') {
		c->priv = 1;
		ns_cli_put_prompt(c);
		return;
	}
	c->tries = 0;
	ns_cli_ask(c, ASK_SECRET, "Password: ");
}

static void
disable(struct ns_cli *c)
{
	c->priv = 0;
	ns_cli_put_prompt(c);
}

static void
terminal(struct ns_cli *c)
{
	set_terminal(c, c->cmd->action);
}

static void
no_page(struct ns_cli *c)
{
	c->length = 0;
	ns_cli_put_prompt(c);
}

static void
show(struct ns_cli *c)
{
	ns_cli_show(c, c->cmd->kind);
}

static void
text(struct ns_cli *c)
{
	ns_cli_start_text(c, c->cmd->text);
}

static void
login(struct ns_cli *c)
{
	ns_cli_ask(c, ASK_USER, "Username: ");
}

static void
cfg_set(struct ns_cli *c)
{
	cfg_line(c, 0);
}

/* exit in configuration mode: up from a sub-mode, else out. */
static void
cfg_exit(struct ns_cli *c)
{
	if (!is_submode(c->mode)) {
		leave_config(c);
		return;
	}
	set_mode(c, NS_MODE_CONFIG, NULL);
	ns_cli_put_prompt(c);
}

static void
cfg_abort(struct ns_cli *c)
{
	ns_config_clear(c->cand);
	exit_config(c);
}

static void
commit_text(struct ns_cli *c)
{
	commit(c);
	ns_cli_start_text(c, c->plat->commit_done);
}

static void
commit_quit(struct ns_cli *c)
{
	char msg[256];

	commit(c);
	set_mode(c, NS_MODE_EXEC, NULL);
	snprintf(msg, sizeof(msg), "%s%s",
	    c->plat->commit_done ? c->plat->commit_done : "",
	    c->plat->config_leave ? c->plat->config_leave : "");
	ns_cli_start_text(c, msg);
}

static void
commit_check(struct ns_cli *c)
{
	ns_cli_start_text(c, "configuration check succeeds\n");
}

static void
rollback(struct ns_cli *c)
{
	ns_config_clear(edits(c));
	ns_cli_start_text(c, "load complete\n");
}

static void
copy_save(struct ns_cli *c)
{
	if (c->plat->copy_ask != NULL)
		ns_cli_ask(c, ASK_COPY_DEST, c->plat->copy_ask);
	else
		ns_cli_save(c);
}

static void
cli(struct ns_cli *c)
{
	set_mode(c, NS_MODE_EXEC, NULL);
	ns_cli_put_prompt(c);
}

/* What each action does; every enum ns_action has its entry. */
static void (*const actions[])(struct ns_cli *) = {
    [NS_A_NONE] = ns_cli_put_prompt,
    [NS_A_ENABLE] = enable,
    [NS_A_DISABLE] = disable,
    [NS_A_EXIT] = leave,
    [NS_A_TERM_LENGTH] = terminal,
    [NS_A_TERM_WIDTH] = terminal,
    [NS_A_NO_PAGE] = no_page,
    [NS_A_SHOW] = show,
    [NS_A_TEXT] = text,
    [NS_A_LOGIN] = login,
    [NS_A_CONFIGURE] = configure,
    [NS_A_CFG_LINE] = cfg_set,
    [NS_A_CFG_SECTION] = cfg_set,
    [NS_A_CFG_NO] = cfg_no,
    [NS_A_CFG_DO] = run_exec,
    [NS_A_CFG_EXIT] = cfg_exit,
    [NS_A_CFG_END] = leave_config,
    [NS_A_CFG_ABORT] = cfg_abort,
    [NS_A_COMMIT] = commit_text,
    [NS_A_COMMIT_QUIT] = commit_quit,
    [NS_A_COMMIT_CHECK] = commit_check,
    [NS_A_ROLLBACK] = rollback,
    [NS_A_JSET] = jedit,
    [NS_A_JDELETE] = jedit,
    [NS_A_JSHOW] = jshow,
    [NS_A_JRUN] = run_exec,
    [NS_A_SAVE] = ns_cli_save,
    [NS_A_COPY_SAVE] = copy_save,
    [NS_A_CLI] = cli,
};
_Static_assert(sizeof(actions) / sizeof(actions[0]) == NS_A_CLI + 1,
    "one entry per action, NS_A_CLI last");

void
ns_cli_run(struct ns_cli *c)
{
	if (c->cmd_mode != c->mode)
		set_mode(c, c->cmd_mode, NULL);
	if (actions[c->cmd->action] == NULL)
		abort();
	actions[c->cmd->action](c);
}

/* A complete command line was typed (and its Enter echoed). */
void
ns_cli_command(struct ns_cli *c, int64_t now)
{
	const char *p = c->line;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0') {
		ns_cli_put_prompt(c);
		return;
	}
	c->stats->commands++;
	if (c->mode != NS_MODE_EXEC && c->mode != NS_MODE_SHELL &&
	    c->plat->comment != '\0' && *p == c->plat->comment) {
		ns_cli_put_prompt(c);
		return;
	}
	if (resolve(c, 0, 0, &c->cmd_mode) == -1) {
		ns_cli_put_prompt(c);
		return;
	}
	if (c->dev->latency_ms > 0) {
		c->st = CS_LATENCY;
		c->deadline = now + c->dev->latency_ms;
		return;
	}
	ns_cli_run(c);
}
