/*
 * ns_cli: the simulated shell of one session, as a state machine. Input
 * is queued and consumed only when the shell is ready for it (at a
 * prompt, a question or a --More-- pause), the way a device reads
 * type-ahead, so a transcript is the same however the client's writes are
 * split (the early_echo knob adds the echo a busy device gives at once).
 * A line is matched against the table of the current mode: exec, the
 * configuration modes, the Junos shell. Output is pulled line by line
 * from a generator into a bounded buffer, which lets paging, faults and
 * huge outputs share one path. Lines end in the device's line ending;
 * typed Enter may be "\r", "\n" or "\r\n". Everything a platform does
 * differently (texts, prompts, tables) is read from its ns_platform;
 * configuration edits go to the device's ns_config lists (or the XR
 * session's candidate), so every session of a device sees them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_cli.h"
#include "ns_config.h"
#include "ns_gen.h"
#include "ns_jconfig.h"
#include "ns_match.h"
#include "ns_platform.h"

#define OUT_HIGH (64 * 1024) /* stop generating above this much output */
#define IN_MAX (256 * 1024)  /* type-ahead bound */
#define LINE_CAP NS_LINE_MAX

#define ANY_KEY "Press any key to continue"
#define COLOUR_ON "\x1b[01;32m"
#define COLOUR_OFF "\x1b[00m"
#define LAST_COMMIT "## Last commit: 2017-08-28 05:01:23 UTC by admin"
#define LAST_CHANGED "## Last changed: 2017-08-28 05:01:23 UTC"

enum cli_state {
	CS_DELAY,   /* login_delay before the first prompt */
	CS_HANG,    /* a fault: nothing more is ever sent */
	CS_LINE,    /* reading a command line */
	CS_ASK,	    /* reading the answer to a question (cli->ask) */
	CS_LATENCY, /* command read, output held back */
	CS_OUTPUT,  /* generating output */
	CS_MORE,    /* paused at --More-- */
	CS_DONE,    /* ended; see cli->end */
};

/* The questions; see takes_key() for which read a line. */
enum cli_ask {
	ASK_SECRET,	 /* enable's Password:, not echoed */
	ASK_USER,	 /* ASA login's Username: */
	ASK_PASSWORD,	 /* ASA login's Password:, not echoed */
	ASK_COPY_DEST,	 /* copy run start's Destination filename */
	ASK_UNCOMMITTED, /* leaving configuration mode with a candidate */
	ASK_LOGOUT,	 /* logout_confirm: y or n */
	ASK_SAVE,	 /* then, with unsaved changes: y or n */
	ASK_ANY_KEY,	 /* press_any_key */
};

struct ns_cli {
	const struct ns_device *dev;
	const struct ns_platform *plat;
	struct ns_stats *stats;
	enum cli_state st;
	enum ns_cli_end end;
	enum cli_ask ask;
	enum ns_mode mode;
	int priv;
	int exec;
	int eof;
	int last_cr;
	int early_cr;
	int tries;
	int length; /* 0 = no paging */
	int width;
	int64_t deadline;
	char line[LINE_CAP];
	size_t llen;
	char section[LINE_CAP]; /* the line that opened the sub-mode */
	char user[LINE_CAP];	/* ASA login: the name typed */
	struct ns_config *cand; /* XR: this session's candidate */
	char *in;
	size_t inlen, inoff, incap;
	size_t echoed; /* input before this index was echoed early */
	char *out;
	size_t olen, ooff, ocap;
	/* the command being run */
	const struct ns_command *cmd;
	enum ns_mode cmd_mode; /* the mode it was found in */
	struct ns_match m;
	struct ns_gen gen;
	size_t emitted, total, page;
	size_t inject_at, stop_at;
	int inject_kind; /* 1 garbage, 2 prompt */
	char text[512];
	char *heap; /* a rendered configuration being shown */
};

struct ns_cli *
ns_cli_new(const struct ns_device *dev, struct ns_stats *stats)
{
	struct ns_cli *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->dev = dev;
	c->plat = ns_platform_get(dev->platform);
	c->stats = stats;
	c->st = CS_DELAY;
	c->length = c->plat->page_length;
	c->width = 80;
	c->priv = c->plat->start_priv;
	c->mode = dev->login_shell && c->plat->modes[NS_MODE_SHELL] != NULL
	    ? NS_MODE_SHELL
	    : NS_MODE_EXEC;
	c->cand = ns_config_new();
	return c;
}

void
ns_cli_free(struct ns_cli *c)
{
	if (c == NULL)
		return;
	ns_config_free(c->cand);
	free(c->heap);
	free(c->in);
	free(c->out);
	free(c);
}

/* ---- output primitives ---------------------------------------------- */

static void
put(struct ns_cli *c, const char *p, size_t n)
{
	size_t need = c->olen + n;
	char *no;

	if (c->ooff > 0 && c->ooff == c->olen) {
		c->ooff = c->olen = 0;
		need = n;
	}
	if (need > c->ocap) {
		size_t cap = c->ocap ? c->ocap : 256;

		while (cap < need)
			cap *= 2;
		if ((no = realloc(c->out, cap)) == NULL)
			abort();
		c->out = no;
		c->ocap = cap;
	}
	memcpy(c->out + c->olen, p, n);
	c->olen += n;
}

static void
puts_(struct ns_cli *c, const char *s)
{
	put(c, s, strlen(s));
}

static void
newline(struct ns_cli *c)
{
	puts_(c, c->dev->eol);
}

/* Text with "\n" line ends, sent with the device's. */
static void
put_text(struct ns_cli *c, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		put(c, s, (size_t)(nl - s));
		newline(c);
		s = nl + 1;
	}
	puts_(c, s);
}

/*
 * A platform text whose "%w" is word, "%f" the first word typed and "%l"
 * the line typed.
 */
static void
put_fmt(struct ns_cli *c, const char *fmt, const char *word)
{
	char first[LINE_CAP];
	const char *p;

	first[0] = '\0';
	sscanf(c->line, "%1023s", first);
	for (p = fmt; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 'w') {
			puts_(c, word);
			p++;
		} else if (p[0] == '%' && p[1] == 'f') {
			puts_(c, first);
			p++;
		} else if (p[0] == '%' && p[1] == 'l') {
			puts_(c, c->line);
			p++;
		} else if (*p == '\n') {
			newline(c);
		} else {
			put(c, p, 1);
		}
	}
}

static int
prompt(const struct ns_cli *c, char *buf, size_t cap)
{
	return ns_platform_prompt(c->dev, c->priv, c->mode, buf, cap);
}

/*
 * The line a prompt stands under: Junos's [edit] after a blank line in
 * configuration mode, the chassis ({master:0}) in exec mode too.
 */
static void
put_context(struct ns_cli *c)
{
	const char *chassis = c->dev->chassis;
	int edit = c->mode == NS_MODE_CONFIG && c->plat->edit_line != NULL;

	if (c->mode == NS_MODE_SHELL || (chassis == NULL && !edit))
		return;
	if (edit)
		newline(c);
	if (chassis != NULL) {
		puts_(c, "{");
		puts_(c, chassis);
		puts_(c, "}");
	}
	if (edit)
		puts_(c, c->plat->edit_line);
	newline(c);
}

static void
finish(struct ns_cli *c)
{
	c->st = CS_DONE;
	c->end = NS_CLI_EXIT;
}

static void
put_prompt(struct ns_cli *c)
{
	char p[256];

	if (c->exec) {
		finish(c);
		return;
	}
	put_context(c);
	prompt(c, p, sizeof(p));
	if (c->dev->ansi_prompt)
		puts_(c, COLOUR_ON);
	puts_(c, p);
	if (c->dev->ansi_prompt)
		puts_(c, COLOUR_OFF);
	c->st = CS_LINE;
}

static void
ask(struct ns_cli *c, enum cli_ask a, const char *question)
{
	c->ask = a;
	c->llen = 0;
	put_text(c, question);
	c->st = CS_ASK;
}

/* ---- the public interface ------------------------------------------- */

void
ns_cli_start(struct ns_cli *c, int64_t now)
{
	c->st = CS_DELAY;
	c->deadline = now + c->dev->login_delay_ms;
}

/* Not reading input now: a pty would echo what is typed at once. */
static int
busy(const struct ns_cli *c)
{
	return c->st == CS_DELAY || c->st == CS_LATENCY || c->st == CS_OUTPUT;
}

static void
echo_early(struct ns_cli *c, const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)data[i];

		if (ch == '\n' && c->early_cr) {
			c->early_cr = 0;
			continue;
		}
		c->early_cr = ch == '\r';
		if (ch == '\r' || ch == '\n')
			newline(c);
		else if (ch >= 0x20 && ch != 0x7f)
			put(c, (const char *)&ch, 1);
	}
}

size_t
ns_cli_input(struct ns_cli *c, const char *data, size_t len)
{
	char *ni;

	if (c->inoff > 0 && c->inoff == c->inlen)
		c->inoff = c->inlen = c->echoed = 0;
	if (c->inlen + len > IN_MAX)
		len = c->inlen < IN_MAX ? IN_MAX - c->inlen : 0;
	if (len == 0)
		return 0;
	if (c->inlen + len > c->incap) {
		size_t cap = c->incap ? c->incap : 256;

		while (cap < c->inlen + len)
			cap *= 2;
		if ((ni = realloc(c->in, cap)) == NULL)
			return 0;
		c->in = ni;
		c->incap = cap;
	}
	memcpy(c->in + c->inlen, data, len);
	c->inlen += len;
	if (c->dev->early_echo && busy(c)) {
		echo_early(c, data, len);
		c->echoed = c->inlen;
	}
	return len;
}

void
ns_cli_eof(struct ns_cli *c)
{
	c->eof = 1;
}

const char *
ns_cli_output(struct ns_cli *c, size_t *len)
{
	*len = c->olen - c->ooff;
	return c->out + c->ooff;
}

void
ns_cli_consumed(struct ns_cli *c, size_t n)
{
	c->ooff += n;
	if (c->ooff == c->olen) {
		c->ooff = c->olen = 0;
		if (c->ocap > 4096) {
			free(c->out);
			c->out = NULL;
			c->ocap = 0;
		}
	}
}

enum ns_cli_end
ns_cli_ended(const struct ns_cli *c)
{
	return c->st == CS_DONE ? c->end : NS_CLI_RUNNING;
}

/* ---- errors --------------------------------------------------------- */

/* The word of c->line at col, in w. */
static void
word_at(const struct ns_cli *c, size_t col, char *w, size_t cap)
{
	size_t n;

	if (col > strlen(c->line))
		col = strlen(c->line);
	n = strcspn(c->line + col, " \t");
	if (n >= cap)
		n = cap - 1;
	memcpy(w, c->line + col, n);
	w[n] = '\0';
}

/* The last word of c->line, in w. */
static void
last_word(const struct ns_cli *c, char *w, size_t cap)
{
	size_t n = strlen(c->line), e;

	while (n > 0 && (c->line[n - 1] == ' ' || c->line[n - 1] == '\t'))
		n--;
	e = n;
	while (n > 0 && c->line[n - 1] != ' ' && c->line[n - 1] != '\t')
		n--;
	snprintf(w, cap, "%.*s", (int)(e - n), c->line + n);
}

/* Error e (the invalid one when e has no text), ^ under column col. */
static void
report(struct ns_cli *c, const struct ns_error *e, size_t col, const char *word)
{
	char p[256];
	size_t plen, i;

	if (e->text == NULL)
		e = &c->plat->invalid;
	if (e->caret) {
		plen = c->exec ? 0 : (size_t)prompt(c, p, sizeof(p));
		for (i = 0; i < plen + col; i++)
			put(c, " ", 1);
		puts_(c, "^");
		newline(c);
	}
	put_fmt(c, e->text, word);
}

/* Report m, a failed match of c->line from column base. */
static void
match_error(struct ns_cli *c, const struct ns_match *m, size_t base)
{
	const struct ns_platform *p = c->plat;
	size_t col = base + m->col;
	char w[LINE_CAP];

	word_at(c, col, w, sizeof(w));
	switch (m->status) {
	case NS_MATCH_OK:
		return;
	case NS_MATCH_INVALID:
		if (c->mode == NS_MODE_SHELL)
			report(c, &p->shell_invalid, col, w);
		else if (col == strspn(c->line, " \t"))
			report(c, &p->unknown, col, w);
		else if (c->mode != NS_MODE_EXEC)
			report(c, &p->cfg_invalid, col, w);
		else
			report(c, &p->invalid, col, w);
		return;
	case NS_MATCH_AMBIGUOUS:
		report(c, &p->ambiguous, col, w);
		return;
	case NS_MATCH_INCOMPLETE:
		last_word(c, w, sizeof(w));
		report(c, &p->incomplete, col + 1, w);
		return;
	case NS_MATCH_PRIVILEGED:
		report(c, &p->privileged, col, w);
		return;
	}
}

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
		match_error(c, &c->m, base);
		return -1;
	}
	c->cmd = c->m.cmd;
	return 0;
}

/* ---- output of a command -------------------------------------------- */

/* Output from c->gen; faults hit real output, not acknowledgements. */
static void
start_output(struct ns_cli *c, int faults)
{
	const struct ns_device *d = c->dev;

	c->emitted = c->page = 0;
	c->total = c->gen.total;
	c->st = CS_OUTPUT;
	c->inject_at = c->stop_at = (size_t)-1;
	c->inject_kind = 0;
	if (!faults)
		return;
	if (c->total > 0 && (d->faults & NS_FAULT_GARBAGE)) {
		c->inject_kind = 1;
		c->inject_at = c->total / 2;
		c->total++;
	} else if (c->total > 0 && (d->faults & NS_FAULT_PROMPT_IN_OUTPUT)) {
		c->inject_kind = 2;
		c->inject_at = c->total / 2;
		c->total++;
	}
	if (c->total > 0 &&
	    (d->faults &
		(NS_FAULT_HANG_MID_OUTPUT | NS_FAULT_DISCONNECT_MID_OUTPUT)))
		c->stop_at = c->total / 2 ? c->total / 2 : 1;
}

/* Print text (copied) as the acknowledgement of the command. */
static void
start_text(struct ns_cli *c, const char *text)
{
	snprintf(c->text, sizeof(c->text), "%s", text != NULL ? text : "");
	ns_gen_init_text(&c->gen, c->text);
	start_output(c, 0);
}

/* Print a rendered text (taken over) as the output of the command. */
static void
start_heap(struct ns_cli *c, char *text)
{
	free(c->heap);
	c->heap = text;
	ns_gen_init_text(&c->gen, c->heap);
	start_output(c, 1);
}

static void
show(struct ns_cli *c, enum ns_out_kind kind)
{
	const struct ns_device *d = c->dev;
	struct ns_gen base;
	char ts[64];

	if (c->plat->timestamp) {
		ns_gen_timestamp(d, ts, sizeof(ts));
		puts_(c, ts);
		newline(c);
	}
	switch (kind) {
	case NS_OUT_NONE:
		snprintf(c->text, sizeof(c->text),
		    "Current privilege level is %d\n", c->priv ? 15 : 1);
		ns_gen_init_text(&c->gen, c->text);
		start_output(c, 0);
		return;
	case NS_OUT_RUN:
	case NS_OUT_TECH:
		if (ns_config_count(d->config) == 0)
			break;
		ns_gen_init(&base, d, kind);
		start_heap(c, ns_config_render(d->config, &base));
		return;
	case NS_OUT_JUNOS_CONFIG:
		if (strchr(c->cmd->words, '<') != NULL)
			start_heap(c,
			    ns_jconfig_render(
				d, d->config, NULL, c->line + c->m.arg, NULL));
		else
			start_heap(c,
			    ns_jconfig_render(
				d, d->config, NULL, NULL, LAST_COMMIT));
		return;
	case NS_OUT_CLOCK:
	case NS_OUT_VERSION:
	case NS_OUT_XR_VERSION:
	case NS_OUT_IP_INT_BRIEF:
	case NS_OUT_INTERFACES:
	case NS_OUT_INVENTORY:
	case NS_OUT_JUNOS_VERSION:
	case NS_OUT_JUNOS_TERSE:
	case NS_OUT_UNAME:
	case NS_OUT_HOSTNAME:
	case NS_OUT_TEXT:
		break;
	}
	ns_gen_init(&c->gen, d, kind);
	start_output(c, 1);
}

/* "terminal length N" and "terminal width N", and their platform texts. */
static void
set_terminal(struct ns_cli *c, enum ns_action action)
{
	const char *fmt;
	char msg[128] = "", w[LINE_CAP];

	if (c->m.num < 0 || c->m.num > 512) {
		last_word(c, w, sizeof(w));
		report(c, &c->plat->invalid, strlen(c->line) - strlen(w), w);
		put_prompt(c);
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
	start_text(c, msg);
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
	start_text(c, msg);
}

static void
exit_config(struct ns_cli *c)
{
	set_mode(c, NS_MODE_EXEC, NULL);
	start_text(c, c->plat->config_leave);
}

static void
leave_config(struct ns_cli *c)
{
	const struct ns_platform *p = c->plat;

	if (p->commit != NS_COMMIT_NONE && p->uncommitted_ask != NULL &&
	    ns_config_count(edits(c)) > 0) {
		ask(c, ASK_UNCOMMITTED, p->uncommitted_ask);
		return;
	}
	exit_config(c);
}

/* The answer to "Uncommitted changes found" / "Exit with uncommitted". */
static void
uncommitted(struct ns_cli *c)
{
	const char *a = c->line;
	int yes = strncmp(a, "yes", strlen(a)) == 0 && a[0] != '\0';
	int no = strncmp(a, "no", strlen(a)) == 0 && a[0] != '\0';

	if (c->plat->commit == NS_COMMIT_SHARED) {
		if (yes || a[0] == '\0')
			exit_config(c);
		else
			put_prompt(c);
		return;
	}
	if (yes)
		commit(c);
	else if (no)
		ns_config_clear(c->cand);
	if (yes || no)
		exit_config(c);
	else
		put_prompt(c);
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
	put_prompt(c);
}

/* "no LINE": what LINE names goes. */
static void
cfg_no(struct ns_cli *c)
{
	size_t base = c->m.arg;
	enum ns_mode mode;

	if (resolve(c, base, 1, &mode) == -1) {
		put_prompt(c);
		return;
	}
	if (c->cmd->action != NS_A_CFG_LINE &&
	    c->cmd->action != NS_A_CFG_SECTION) {
		report(c, &c->plat->invalid, base, "no");
		put_prompt(c);
		return;
	}
	if (mode != c->mode)
		set_mode(c, mode, NULL);
	cfg_line(c, 1);
}

static void run(struct ns_cli *c);

/* "do COMMAND", Junos "run COMMAND": an exec command, modes unchanged. */
static void
run_exec(struct ns_cli *c)
{
	const struct ns_platform *p = c->plat;
	size_t base = c->m.arg;

	ns_match(
	    p->modes[NS_MODE_EXEC], p->abbrev, c->line + base, 1, 0, &c->m);
	if (c->m.status != NS_MATCH_OK) {
		match_error(c, &c->m, base);
		put_prompt(c);
		return;
	}
	c->cmd = c->m.cmd;
	c->cmd_mode = c->mode;
	if (c->cmd->action == NS_A_CONFIGURE) {
		report(c, &p->invalid, base, "configure");
		put_prompt(c);
		return;
	}
	run(c);
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
		word_at(c, c->m.arg + col, w, sizeof(w));
		report(c, &c->plat->cfg_invalid, c->m.arg + col, w);
		put_prompt(c);
		return;
	}
	e.remove = c->cmd->action == NS_A_JDELETE;
	e.line = stmt + 1;
	if (e.remove && !ns_jconfig_has(d, d->config, d->candidate, e.line)) {
		start_text(c, "warning: statement not found\n");
		return;
	}
	ns_config_add(d->candidate, &e);
	put_prompt(c);
}

/* Junos show in configuration mode: the candidate, or a part of it. */
static void
jshow(struct ns_cli *c)
{
	const struct ns_device *d = c->dev;
	const char *path = NULL;

	if (strchr(c->cmd->words, '<') != NULL)
		path = c->line + c->m.arg;
	start_heap(c,
	    ns_jconfig_render(d, d->config, d->candidate, path,
		path == NULL ? LAST_CHANGED : NULL));
}

static void
save(struct ns_cli *c)
{
	ns_config_saved(c->dev->config);
	start_text(c, c->plat->save);
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
		put_prompt(c);
		return;
	}
	if (c->dev->logout_confirm && p->logout_ask != NULL && !c->exec) {
		ask(c, ASK_LOGOUT, p->logout_ask);
		return;
	}
	finish(c);
}

static void
enable(struct ns_cli *c)
{
	const struct ns_device *d = c->dev;

	if (c->priv || d->secret == NULL || d->secret[0] == '\0') {
		c->priv = 1;
		put_prompt(c);
		return;
	}
	c->tries = 0;
	ask(c, ASK_SECRET, "Password: ");
}

static void
run(struct ns_cli *c)
{
	const struct ns_command *t = c->cmd;
	char msg[256];

	if (c->cmd_mode != c->mode)
		set_mode(c, c->cmd_mode, NULL);
	switch (t->action) {
	case NS_A_NONE:
		put_prompt(c);
		return;
	case NS_A_ENABLE:
		enable(c);
		return;
	case NS_A_DISABLE:
		c->priv = 0;
		put_prompt(c);
		return;
	case NS_A_EXIT:
		leave(c);
		return;
	case NS_A_TERM_LENGTH:
	case NS_A_TERM_WIDTH:
		set_terminal(c, t->action);
		return;
	case NS_A_NO_PAGE:
		c->length = 0;
		put_prompt(c);
		return;
	case NS_A_SHOW:
		show(c, t->kind);
		return;
	case NS_A_TEXT:
		start_text(c, t->text);
		return;
	case NS_A_LOGIN:
		ask(c, ASK_USER, "Username: ");
		return;
	case NS_A_CONFIGURE:
		configure(c);
		return;
	case NS_A_CFG_LINE:
	case NS_A_CFG_SECTION:
		cfg_line(c, 0);
		return;
	case NS_A_CFG_NO:
		cfg_no(c);
		return;
	case NS_A_CFG_DO:
	case NS_A_JRUN:
		run_exec(c);
		return;
	case NS_A_CFG_EXIT:
		if (is_submode(c->mode)) {
			set_mode(c, NS_MODE_CONFIG, NULL);
			put_prompt(c);
			return;
		}
		leave_config(c);
		return;
	case NS_A_CFG_END:
		leave_config(c);
		return;
	case NS_A_CFG_ABORT:
		ns_config_clear(c->cand);
		exit_config(c);
		return;
	case NS_A_COMMIT:
		commit(c);
		start_text(c, c->plat->commit_done);
		return;
	case NS_A_COMMIT_QUIT:
		commit(c);
		set_mode(c, NS_MODE_EXEC, NULL);
		snprintf(msg, sizeof(msg), "%s%s",
		    c->plat->commit_done ? c->plat->commit_done : "",
		    c->plat->config_leave ? c->plat->config_leave : "");
		start_text(c, msg);
		return;
	case NS_A_COMMIT_CHECK:
		start_text(c, "configuration check succeeds\n");
		return;
	case NS_A_ROLLBACK:
		ns_config_clear(edits(c));
		start_text(c, "load complete\n");
		return;
	case NS_A_JSET:
	case NS_A_JDELETE:
		jedit(c);
		return;
	case NS_A_JSHOW:
		jshow(c);
		return;
	case NS_A_SAVE:
		save(c);
		return;
	case NS_A_COPY_SAVE:
		if (c->plat->copy_ask != NULL)
			ask(c, ASK_COPY_DEST, c->plat->copy_ask);
		else
			save(c);
		return;
	case NS_A_CLI:
		set_mode(c, NS_MODE_EXEC, NULL);
		put_prompt(c);
		return;
	}
}

/* A complete command line was typed (and its Enter echoed). */
static void
command(struct ns_cli *c, int64_t now)
{
	const char *p = c->line;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0') {
		put_prompt(c);
		return;
	}
	c->stats->commands++;
	if (c->mode != NS_MODE_EXEC && c->mode != NS_MODE_SHELL &&
	    c->plat->comment != '\0' && *p == c->plat->comment) {
		put_prompt(c);
		return;
	}
	if (resolve(c, 0, 0, &c->cmd_mode) == -1) {
		put_prompt(c);
		return;
	}
	if (c->dev->latency_ms > 0) {
		c->st = CS_LATENCY;
		c->deadline = now + c->dev->latency_ms;
		return;
	}
	run(c);
}

void
ns_cli_exec(struct ns_cli *c, const char *cmd, int64_t now)
{
	c->exec = 1;
	c->length = 0;
	c->priv = 1;
	c->mode = NS_MODE_EXEC;
	snprintf(c->line, sizeof(c->line), "%s", cmd);
	command(c, now);
}

/* ---- questions ------------------------------------------------------ */

static void
secret_entered(struct ns_cli *c)
{
	if (strcmp(c->line, c->dev->secret) == 0) {
		c->priv = 1;
		put_prompt(c);
		return;
	}
	if (++c->tries >= 3) {
		put_text(c, "% Bad secrets\n\n");
		put_prompt(c);
		return;
	}
	ask(c, ASK_SECRET, "Password: ");
}

/* Enter after the answer to a question that reads a line. */
static void
answered(struct ns_cli *c)
{
	const struct ns_device *d = c->dev;

	newline(c);
	switch (c->ask) {
	case ASK_SECRET:
		secret_entered(c);
		return;
	case ASK_USER:
		snprintf(c->user, sizeof(c->user), "%s", c->line);
		ask(c, ASK_PASSWORD, "Password: ");
		return;
	case ASK_PASSWORD:
		if (strcmp(c->user, d->username) == 0 &&
		    strcmp(c->line, d->password) == 0)
			c->priv = 1;
		else
			put_text(c, "Invalid password\n");
		put_prompt(c);
		return;
	case ASK_COPY_DEST:
		save(c);
		return;
	case ASK_UNCOMMITTED:
		uncommitted(c);
		return;
	case ASK_LOGOUT:
	case ASK_SAVE:
	case ASK_ANY_KEY:
		return;
	}
}

/* The question is answered by one key, not a line. */
static int
takes_key(enum cli_ask a)
{
	switch (a) {
	case ASK_SECRET:
	case ASK_USER:
	case ASK_PASSWORD:
	case ASK_COPY_DEST:
	case ASK_UNCOMMITTED:
		return 0;
	case ASK_LOGOUT:
	case ASK_SAVE:
	case ASK_ANY_KEY:
		return 1;
	}
	return 0;
}

/* A key at a question that takes one key. */
static void
answer_key(struct ns_cli *c, unsigned char ch)
{
	const struct ns_platform *p = c->plat;
	int yes = ch == 'y' || ch == 'Y', no = ch == 'n' || ch == 'N';

	if (c->ask == ASK_ANY_KEY) {
		if (p->screen_setup != NULL)
			puts_(c, p->screen_setup);
		put_prompt(c);
		return;
	}
	if (!yes && !no)
		return;
	put(c, (const char *)&ch, 1);
	newline(c);
	if (c->ask == ASK_LOGOUT && no) {
		put_prompt(c);
	} else if (c->ask == ASK_LOGOUT && p->save_ask != NULL &&
	    ns_config_dirty(c->dev->config)) {
		ask(c, ASK_SAVE, p->save_ask);
	} else {
		if (c->ask == ASK_SAVE && yes)
			ns_config_saved(c->dev->config);
		finish(c);
	}
}

/* ---- typing --------------------------------------------------------- */

static void
erase_more(struct ns_cli *c)
{
	size_t n = strlen(c->plat->more), i;

	for (i = 0; i < n; i++)
		put(c, "\b", 1);
	for (i = 0; i < n; i++)
		put(c, " ", 1);
	for (i = 0; i < n; i++)
		put(c, "\b", 1);
}

/* A key typed at --More--: space a page, Enter a line, else stop. */
static void
more_key(struct ns_cli *c, unsigned char ch, int enter)
{
	erase_more(c);
	if (ch == ' ') {
		c->page = 0;
		c->st = CS_OUTPUT;
	} else if (enter) {
		c->page = c->length > 1 ? (size_t)c->length - 2 : 0;
		c->st = CS_OUTPUT;
	} else {
		put_prompt(c);
	}
}

/* The line being typed is shown (not at a password, not echoed early). */
static int
shows_typing(const struct ns_cli *c, int early)
{
	if (early && c->dev->early_echo == 1)
		return 0;
	if (c->st == CS_ASK)
		return c->ask != ASK_SECRET && c->ask != ASK_PASSWORD;
	return 1;
}

/*
 * Handle one typed byte in CS_LINE, CS_ASK or CS_MORE; early when it was
 * echoed on arrival.
 */
static void
key(struct ns_cli *c, unsigned char ch, int early, int64_t now)
{
	int enter = 0, echo = shows_typing(c, early);

	if (ch == '\n' && c->last_cr) {
		c->last_cr = 0;
		return;
	}
	c->last_cr = ch == '\r';
	if (ch == '\r' || ch == '\n')
		enter = 1;
	if (c->st == CS_MORE) {
		more_key(c, ch, enter);
		return;
	}
	if (c->st == CS_ASK && takes_key(c->ask)) {
		answer_key(c, ch);
		return;
	}
	if (enter) {
		c->line[c->llen] = '\0';
		c->llen = 0;
		if (c->st == CS_ASK) {
			answered(c);
		} else {
			if (echo)
				newline(c);
			command(c, now);
		}
		return;
	}
	if (ch == 0x7f || ch == 0x08) {
		if (c->llen > 0) {
			c->llen--;
			if (echo)
				puts_(c, "\b \b");
		}
		return;
	}
	if (ch == 0x15) { /* ^U */
		while (c->llen > 0) {
			c->llen--;
			if (echo)
				puts_(c, "\b \b");
		}
		return;
	}
	if (ch < 0x20 || c->llen + 1 >= sizeof(c->line))
		return;
	c->line[c->llen++] = (char)ch;
	if (echo)
		put(c, (const char *)&ch, 1);
}

/* ---- output --------------------------------------------------------- */

static const char garbage[] =
    "\x00\x01\x02\xff\xfe\x1b[2J\x1b[1;31mGARBAGE\x1b[0m\x07\x1b]0;title\x07"
    "\x1b[6n\x80\x9b";

/* One line of output (or the injected fault line), with its line end. */
static void
output_line(struct ns_cli *c)
{
	char buf[1024], p[256];
	int n;

	if (c->emitted == c->inject_at) {
		if (c->inject_kind == 1) {
			put(c, garbage, sizeof(garbage) - 1);
		} else {
			prompt(c, p, sizeof(p));
			puts_(c, p);
		}
	} else {
		n = ns_gen_line(&c->gen, buf, sizeof(buf));
		if (n < 0) {
			c->total = c->emitted;
			return;
		}
		put(c, buf, (size_t)n);
	}
	newline(c);
	c->emitted++;
	c->page++;
	if (c->length > 0 &&
	    c->page >= (size_t)(c->length > 1 ? c->length - 1 : 1) &&
	    c->emitted < c->total) {
		puts_(c, c->plat->more);
		c->st = CS_MORE;
	}
}

/* Produce output lines until the buffer is full, a pause or the end. */
static void
output(struct ns_cli *c)
{
	while (c->st == CS_OUTPUT && c->olen - c->ooff < OUT_HIGH) {
		if (c->emitted == c->stop_at) {
			c->st = CS_DONE;
			c->end = NS_CLI_DROP;
			if (c->dev->faults & NS_FAULT_HANG_MID_OUTPUT)
				c->st = CS_HANG;
			return;
		}
		if (c->emitted == c->total) {
			put_prompt(c);
			return;
		}
		output_line(c);
	}
}

static void
banner_and_prompt(struct ns_cli *c)
{
	const char *banner = c->dev->banner;

	if (banner == NULL && c->dev->press_any_key)
		banner = c->plat->banner;
	newline(c);
	if (banner != NULL) {
		put_text(c, banner);
		if (banner[strlen(banner) - 1] != '\n')
			newline(c);
		newline(c);
	}
	if (c->dev->press_any_key) {
		ask(c, ASK_ANY_KEY, ANY_KEY);
		return;
	}
	put_prompt(c);
}

int64_t
ns_cli_step(struct ns_cli *c, int64_t now)
{
	size_t i;

	for (;;) {
		switch (c->st) {
		case CS_DELAY:
			if (now < c->deadline)
				return c->deadline;
			if (c->dev->faults & NS_FAULT_HANG_AFTER_AUTH) {
				c->st = CS_HANG;
				break;
			}
			banner_and_prompt(c);
			break;
		case CS_HANG:
			c->inoff = c->inlen = c->echoed = 0;
			return 0;
		case CS_LATENCY:
			if (now < c->deadline)
				return c->deadline;
			run(c);
			break;
		case CS_OUTPUT:
			output(c);
			if (c->st == CS_OUTPUT)
				return 0; /* buffer full: resume when drained */
			break;
		case CS_LINE:
		case CS_ASK:
		case CS_MORE:
			if (c->olen - c->ooff >= OUT_HIGH)
				return 0;
			if (c->inoff < c->inlen) {
				i = c->inoff++;
				key(c, (unsigned char)c->in[i], i < c->echoed,
				    now);
				break;
			}
			if (c->eof)
				finish(c);
			return 0;
		case CS_DONE:
			return 0;
		}
	}
}
