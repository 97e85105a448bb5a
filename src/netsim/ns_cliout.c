/*
 * ns_cliout: what a simulated shell prints. Everything is appended to
 * the session's output buffer (c->out), drained by ns_chan through
 * ns_cli_output(); lines end in the device's line ending. The error
 * texts, prompts and context lines are the platform's (ns_platform);
 * the output of a show command is started here and produced line by
 * line by ns_cli.c from c->gen, so paging and faults apply to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_cli_impl.h"
#include "ns_config.h"
#include "ns_jconfig.h"

#define COLOUR_ON "\x1b[01;32m"
#define COLOUR_OFF "\x1b[00m"
#define LAST_COMMIT "## Last commit: 2017-08-28 05:01:23 UTC by admin"

void
ns_cli_put(struct ns_cli *c, const char *p, size_t n)
{
	if (c->ooff > 0 && c->ooff == c->out.len)
		c->ooff = c->out.len = 0;
	ns_text_add(&c->out, p, n);
}

void
ns_cli_puts(struct ns_cli *c, const char *s)
{
	ns_cli_put(c, s, strlen(s));
}

void
ns_cli_newline(struct ns_cli *c)
{
	ns_cli_puts(c, c->dev->eol);
}

/* Text with "\n" line ends, sent with the device's. */
void
ns_cli_put_text(struct ns_cli *c, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		ns_cli_put(c, s, (size_t)(nl - s));
		ns_cli_newline(c);
		s = nl + 1;
	}
	ns_cli_puts(c, s);
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
			ns_cli_puts(c, word);
			p++;
		} else if (p[0] == '%' && p[1] == 'f') {
			ns_cli_puts(c, first);
			p++;
		} else if (p[0] == '%' && p[1] == 'l') {
			ns_cli_puts(c, c->line);
			p++;
		} else if (*p == '\n') {
			ns_cli_newline(c);
		} else {
			ns_cli_put(c, p, 1);
		}
	}
}

int
ns_cli_prompt(const struct ns_cli *c, char *buf, size_t cap)
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
		ns_cli_newline(c);
	if (chassis != NULL) {
		ns_cli_puts(c, "{");
		ns_cli_puts(c, chassis);
		ns_cli_puts(c, "}");
	}
	if (edit)
		ns_cli_puts(c, c->plat->edit_line);
	ns_cli_newline(c);
}

void
ns_cli_finish(struct ns_cli *c)
{
	c->st = CS_DONE;
	c->end = NS_CLI_EXIT;
}

void
ns_cli_put_prompt(struct ns_cli *c)
{
	char p[256];

	if (c->exec) {
		ns_cli_finish(c);
		return;
	}
	put_context(c);
	ns_cli_prompt(c, p, sizeof(p));
	if (c->dev->ansi_prompt)
		ns_cli_puts(c, COLOUR_ON);
	ns_cli_puts(c, p);
	if (c->dev->ansi_prompt)
		ns_cli_puts(c, COLOUR_OFF);
	c->st = CS_LINE;
}

void
ns_cli_ask(struct ns_cli *c, enum ns_cli_question a, const char *question)
{
	c->ask = a;
	c->llen = 0;
	ns_cli_put_text(c, question);
	c->st = CS_ASK;
}

/* ---- errors --------------------------------------------------------- */

/* The word of c->line at col, in w. */
void
ns_cli_word_at(const struct ns_cli *c, size_t col, char *w, size_t cap)
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
void
ns_cli_last_word(const struct ns_cli *c, char *w, size_t cap)
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
void
ns_cli_report(
    struct ns_cli *c, const struct ns_error *e, size_t col, const char *word)
{
	char p[256];
	size_t plen, i;

	if (e->text == NULL)
		e = &c->plat->invalid;
	if (e->caret) {
		plen = c->exec ? 0 : (size_t)ns_cli_prompt(c, p, sizeof(p));
		for (i = 0; i < plen + col; i++)
			ns_cli_put(c, " ", 1);
		ns_cli_puts(c, "^");
		ns_cli_newline(c);
	}
	put_fmt(c, e->text, word);
}

/* Report m, a failed match of c->line from column base. */
void
ns_cli_match_error(struct ns_cli *c, const struct ns_match *m, size_t base)
{
	const struct ns_platform *p = c->plat;
	size_t col = base + m->col;
	char w[LINE_CAP];

	ns_cli_word_at(c, col, w, sizeof(w));
	switch (m->status) {
	case NS_MATCH_OK:
		return;
	case NS_MATCH_INVALID:
		if (c->mode == NS_MODE_SHELL)
			ns_cli_report(c, &p->shell_invalid, col, w);
		else if (col == strspn(c->line, " \t"))
			ns_cli_report(c, &p->unknown, col, w);
		else if (c->mode != NS_MODE_EXEC)
			ns_cli_report(c, &p->cfg_invalid, col, w);
		else
			ns_cli_report(c, &p->invalid, col, w);
		return;
	case NS_MATCH_AMBIGUOUS:
		ns_cli_report(c, &p->ambiguous, col, w);
		return;
	case NS_MATCH_INCOMPLETE:
		ns_cli_last_word(c, w, sizeof(w));
		ns_cli_report(c, &p->incomplete, col + 1, w);
		return;
	case NS_MATCH_PRIVILEGED:
		ns_cli_report(c, &p->privileged, col, w);
		return;
	}
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
void
ns_cli_start_text(struct ns_cli *c, const char *text)
{
	snprintf(c->text, sizeof(c->text), "%s", text != NULL ? text : "");
	ns_gen_init_text(&c->gen, c->text);
	start_output(c, 0);
}

/* Print a rendered text (taken over) as the output of the command. */
void
ns_cli_start_heap(struct ns_cli *c, char *text)
{
	free(c->heap);
	c->heap = text;
	ns_gen_init_text(&c->gen, c->heap);
	start_output(c, 1);
}

void
ns_cli_show(struct ns_cli *c, enum ns_out_kind kind)
{
	const struct ns_device *d = c->dev;
	struct ns_gen base;
	char ts[64];

	if (c->plat->timestamp) {
		ns_gen_timestamp(d, ts, sizeof(ts));
		ns_cli_puts(c, ts);
		ns_cli_newline(c);
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
		ns_cli_start_heap(c, ns_config_render(d->config, &base));
		return;
	case NS_OUT_JUNOS_CONFIG:
		if (strchr(c->cmd->words, '<') != NULL)
			ns_cli_start_heap(c,
			    ns_jconfig_render(
				d, d->config, NULL, c->line + c->m.arg, NULL));
		else
			ns_cli_start_heap(c,
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
