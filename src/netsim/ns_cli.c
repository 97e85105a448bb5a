/*
 * ns_cli: the simulated shell of one session, as a state machine. Input
 * is queued and consumed only when the shell is ready for it (at a
 * prompt, a Password: prompt or a --More-- pause), the way a device reads
 * type-ahead, so a transcript is the same however the client's writes are
 * split. Commands come from the platform's table of keyword sequences,
 * matched by unique prefix as IOS does (exactly on Linux). Output is
 * pulled line by line from a generator into a bounded buffer, which lets
 * paging, faults and huge outputs share one path. Lines end in "\r\n";
 * typed Enter may be "\r", "\n" or "\r\n". Everything a platform does
 * differently (texts, prompts, tables) is read from its ns_platform.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_cli.h"
#include "ns_gen.h"
#include "ns_match.h"
#include "ns_platform.h"

#define OUT_HIGH (64 * 1024) /* stop generating above this much output */
#define IN_MAX (256 * 1024)  /* type-ahead bound */
#define LINE_CAP 1024

enum cli_state {
	CS_DELAY,   /* login_delay before the first prompt */
	CS_HANG,    /* a fault: nothing more is ever sent */
	CS_LINE,    /* reading a command line */
	CS_SECRET,  /* reading the enable secret, no echo */
	CS_LATENCY, /* command read, output held back */
	CS_OUTPUT,  /* generating output */
	CS_MORE,    /* paused at --More-- */
	CS_DONE,    /* ended; see cli->end */
};

struct ns_cli {
	const struct ns_device *dev;
	const struct ns_platform *plat;
	struct ns_stats *stats;
	enum cli_state st;
	enum ns_cli_end end;
	int priv;
	int exec;
	int eof;
	int last_cr;
	int tries;
	int length; /* 0 = no paging */
	int width;
	int64_t deadline;
	char line[LINE_CAP];
	size_t llen;
	char *in;
	size_t inlen, inoff, incap;
	char *out;
	size_t olen, ooff, ocap;
	/* the command being run */
	const struct ns_command *cmd;
	long num;
	struct ns_gen gen;
	size_t emitted, total, page;
	size_t inject_at, stop_at;
	int inject_kind; /* 1 garbage, 2 prompt */
	char text[256];
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
	return c;
}

void
ns_cli_free(struct ns_cli *c)
{
	if (c == NULL)
		return;
	free(c->in);
	free(c->out);
	free(c);
}

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

/* Text with "\n" line ends, sent with "\r\n". */
static void
put_text(struct ns_cli *c, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		put(c, s, (size_t)(nl - s));
		puts_(c, "\r\n");
		s = nl + 1;
	}
	puts_(c, s);
}

/* A platform text; its "%s" (if any) is replaced by arg, sent as is. */
static void
put_fmt(struct ns_cli *c, const char *fmt, const char *arg)
{
	const char *s = arg != NULL ? strstr(fmt, "%s") : NULL;
	char head[256];

	if (s == NULL) {
		put_text(c, fmt);
		return;
	}
	snprintf(head, sizeof(head), "%.*s", (int)(s - fmt), fmt);
	put_text(c, head);
	puts_(c, arg);
	put_text(c, s + 2);
}

static int
prompt(const struct ns_cli *c, char *buf, size_t cap)
{
	return ns_platform_prompt(c->dev, c->priv, buf, cap);
}

static void
put_prompt(struct ns_cli *c)
{
	char p[256];

	if (c->exec) {
		c->st = CS_DONE;
		c->end = NS_CLI_EXIT;
		return;
	}
	prompt(c, p, sizeof(p));
	puts_(c, p);
	c->st = CS_LINE;
}

void
ns_cli_start(struct ns_cli *c, int64_t now)
{
	c->st = CS_DELAY;
	c->deadline = now + c->dev->login_delay_ms;
}

size_t
ns_cli_input(struct ns_cli *c, const char *data, size_t len)
{
	char *ni;

	if (c->inoff > 0 && c->inoff == c->inlen)
		c->inoff = c->inlen = 0;
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

/* The platform's error for input it cannot parse, ^ under column col. */
static void
invalid(struct ns_cli *c, size_t col)
{
	char p[256], w[LINE_CAP];
	size_t plen, i;

	if (!c->plat->caret) {
		w[0] = '\0';
		sscanf(c->line, "%1023s", w);
		put_fmt(c, c->plat->invalid, w);
		return;
	}
	plen = c->exec ? 0 : (size_t)prompt(c, p, sizeof(p));
	for (i = 0; i < plen + col; i++)
		put(c, " ", 1);
	puts_(c, "^\r\n");
	put_fmt(c, c->plat->invalid, NULL);
}

/*
 * Match c->line against the platform table. Sets c->cmd and c->num, or
 * prints the platform's error and returns -1.
 */
static int
parse(struct ns_cli *c)
{
	struct ns_match m;

	ns_match(c->plat, c->line, c->priv, &m);
	switch (m.status) {
	case NS_MATCH_OK:
		c->cmd = m.cmd;
		c->num = m.num;
		return 0;
	case NS_MATCH_INVALID:
		invalid(c, m.col);
		return -1;
	case NS_MATCH_AMBIGUOUS:
		if (c->plat->ambiguous == NULL)
			invalid(c, m.col);
		else
			put_fmt(c, c->plat->ambiguous, c->line);
		return -1;
	case NS_MATCH_INCOMPLETE:
		if (c->plat->incomplete == NULL)
			invalid(c, 0);
		else
			put_fmt(c, c->plat->incomplete, NULL);
		return -1;
	}
	return -1;
}

/* ---- running a command ---------------------------------------------- */

static void
start_output(struct ns_cli *c)
{
	const struct ns_device *d = c->dev;

	c->emitted = c->page = 0;
	c->total = c->gen.total;
	c->st = CS_OUTPUT;
	c->inject_at = c->stop_at = (size_t)-1;
	c->inject_kind = 0;
	/* Faults hit command output, not one-line acknowledgements. */
	if (c->gen.kind == NS_OUT_TEXT)
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

/* Print text (copied) as the output of the command. */
static void
start_text(struct ns_cli *c, const char *text)
{
	snprintf(c->text, sizeof(c->text), "%s", text);
	ns_gen_init_text(&c->gen, c->text);
	start_output(c);
}

/* "terminal length N" and "terminal width N", and their platform texts. */
static void
set_terminal(struct ns_cli *c, enum ns_action action)
{
	const char *fmt;
	char msg[128] = "";

	if (c->num < 0 || c->num > 512) {
		invalid(c, strlen(c->line) - 1);
		put_prompt(c);
		return;
	}
	if (action == NS_A_TERM_LENGTH) {
		c->length = (int)c->num;
		fmt = c->num == 0 ? c->plat->length_zero : c->plat->length_set;
	} else {
		c->width = (int)c->num;
		fmt = c->plat->width_set;
	}
	if (fmt != NULL)
		snprintf(msg, sizeof(msg), fmt, c->num);
	start_text(c, msg);
}

static void
run(struct ns_cli *c)
{
	const struct ns_command *t = c->cmd;
	const struct ns_device *d = c->dev;

	switch (t->action) {
	case NS_A_NONE:
		put_prompt(c);
		return;
	case NS_A_ENABLE:
		if (c->priv || d->secret == NULL || d->secret[0] == '\0') {
			c->priv = 1;
			put_prompt(c);
			return;
		}
		c->tries = 0;
		puts_(c, "Password: ");
		c->st = CS_SECRET;
		return;
	case NS_A_NO_PAGE:
		c->length = 0;
		put_prompt(c);
		return;
	case NS_A_DISABLE:
		c->priv = 0;
		put_prompt(c);
		return;
	case NS_A_EXIT:
		c->st = CS_DONE;
		c->end = NS_CLI_EXIT;
		return;
	case NS_A_TERM_LENGTH:
	case NS_A_TERM_WIDTH:
		set_terminal(c, t->action);
		return;
	case NS_A_TEXT:
		start_text(c, t->text);
		return;
	case NS_A_SHOW:
		if (t->kind == NS_OUT_NONE) {
			snprintf(c->text, sizeof(c->text),
			    "Current privilege level is %d\n",
			    c->priv ? 15 : 1);
			ns_gen_init_text(&c->gen, c->text);
		} else {
			ns_gen_init(&c->gen, d, t->kind);
		}
		start_output(c);
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
	if (parse(c) == -1) {
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
	snprintf(c->line, sizeof(c->line), "%s", cmd);
	command(c, now);
}

/* ---- typing --------------------------------------------------------- */

static void
secret_entered(struct ns_cli *c)
{
	const char *s = c->dev->secret;

	puts_(c, "\r\n");
	if (strcmp(c->line, s) == 0) {
		c->priv = 1;
		put_prompt(c);
		return;
	}
	if (++c->tries >= 3) {
		puts_(c, "% Bad secrets\r\n\r\n");
		put_prompt(c);
		return;
	}
	puts_(c, "Password: ");
}

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

/* Handle one typed byte in CS_LINE, CS_SECRET or CS_MORE. */
static void
key(struct ns_cli *c, unsigned char ch, int64_t now)
{
	int enter = 0;

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
	if (enter) {
		c->line[c->llen] = '\0';
		c->llen = 0;
		if (c->st == CS_SECRET) {
			secret_entered(c);
		} else {
			puts_(c, "\r\n");
			command(c, now);
		}
		return;
	}
	if (ch == 0x7f || ch == 0x08) {
		if (c->llen > 0) {
			c->llen--;
			if (c->st == CS_LINE)
				puts_(c, "\b \b");
		}
		return;
	}
	if (ch == 0x15) { /* ^U */
		while (c->llen > 0) {
			c->llen--;
			if (c->st == CS_LINE)
				puts_(c, "\b \b");
		}
		return;
	}
	if (ch < 0x20 || c->llen + 1 >= sizeof(c->line))
		return;
	c->line[c->llen++] = (char)ch;
	if (c->st == CS_LINE)
		put(c, (const char *)&ch, 1);
}

/* ---- output --------------------------------------------------------- */

static const char garbage[] =
    "\x00\x01\x02\xff\xfe\x1b[2J\x1b[1;31mGARBAGE\x1b[0m\x07\x1b]0;title\x07"
    "\x1b[6n\x80\x9b";

/* One line of output (or the injected fault line), with its "\r\n". */
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
	puts_(c, "\r\n");
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
	puts_(c, "\r\n");
	if (c->dev->banner != NULL) {
		put_text(c, c->dev->banner);
		if (c->dev->banner[strlen(c->dev->banner) - 1] != '\n')
			puts_(c, "\r\n");
		puts_(c, "\r\n");
	}
	put_prompt(c);
}

int64_t
ns_cli_step(struct ns_cli *c, int64_t now)
{
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
			c->inoff = c->inlen = 0;
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
		case CS_SECRET:
		case CS_MORE:
			if (c->olen - c->ooff >= OUT_HIGH)
				return 0;
			if (c->inoff < c->inlen) {
				key(c, (unsigned char)c->in[c->inoff++], now);
				break;
			}
			if (c->eof) {
				c->st = CS_DONE;
				c->end = NS_CLI_EXIT;
			}
			return 0;
		case CS_DONE:
			return 0;
		}
	}
}
