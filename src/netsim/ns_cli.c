/*
 * cli: the simulated shell of one session. Input is queued and consumed
 * only when the shell is ready for it (at a prompt, a Password: prompt or
 * a --More-- pause), the way a device reads type-ahead, so a transcript
 * is the same however the client's writes are split. Commands come from
 * a per-platform table of keyword sequences matched by unique prefix, as
 * IOS does. Output is pulled line by line from a generator into a
 * bounded buffer, which lets paging, faults and huge outputs share one
 * path. Lines end in "\r\n"; typed Enter may be "\r", "\n" or "\r\n".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_cli.h"
#include "ns_gen.h"

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

enum action {
	A_NONE = 0,
	A_ENABLE,
	A_DISABLE,
	A_EXIT,
	A_TERM_LENGTH,
	A_TERM_WIDTH,
	A_NO_PAGE,
	A_SHOW,
	A_TEXT,
};

struct command {
	const char *words;
	enum action action;
	enum out_kind kind;
	int priv; /* needs enable mode */
	const char *text;
};

/*
 * The IOS family (IOS, NX-OS, EOS, ASA, ProCurve) shares these commands;
 * each platform's table is its own few commands followed by them, joined
 * once by family_table().
 */
static const struct command ios_common[] = {
    {"enable", A_ENABLE, OUT_NONE, 0, NULL},
    {"disable", A_DISABLE, OUT_NONE, 0, NULL},
    {"exit", A_EXIT, OUT_NONE, 0, NULL},
    {"logout", A_EXIT, OUT_NONE, 0, NULL},
    {"quit", A_EXIT, OUT_NONE, 0, NULL},
    {"terminal width <N>", A_TERM_WIDTH, OUT_NONE, 0, NULL},
    {"show clock", A_SHOW, OUT_CLOCK, 0, NULL},
    {"show version", A_SHOW, OUT_VERSION, 0, NULL},
    {"show ip interface brief", A_SHOW, OUT_IP_INT_BRIEF, 0, NULL},
    {"show running-config", A_SHOW, OUT_RUN, 1, NULL},
    {"show tech-support", A_SHOW, OUT_TECH, 1, NULL},
    {"show interfaces", A_SHOW, OUT_INTERFACES, 0, NULL},
    {"show inventory", A_SHOW, OUT_INVENTORY, 0, NULL},
    {"show privilege", A_SHOW, OUT_NONE, 0, NULL},
    {NULL, A_NONE, OUT_NONE, 0, NULL},
};

static const struct command ios_own[] = {
    {"terminal length <N>", A_TERM_LENGTH, OUT_NONE, 0, NULL},
    {NULL, A_NONE, OUT_NONE, 0, NULL},
};

static const struct command asa_own[] = {
    {"terminal pager <N>", A_TERM_LENGTH, OUT_NONE, 0, NULL},
    {"show curpriv", A_SHOW, OUT_NONE, 0, NULL},
    {NULL, A_NONE, OUT_NONE, 0, NULL},
};

static const struct command procurve_own[] = {
    {"no page", A_NO_PAGE, OUT_NONE, 0, NULL},
    {NULL, A_NONE, OUT_NONE, 0, NULL},
};

static const struct command junos_cmds[] = {
    {"exit", A_EXIT, OUT_NONE, 0, NULL},
    {"quit", A_EXIT, OUT_NONE, 0, NULL},
    {"set cli screen-length <N>", A_TERM_LENGTH, OUT_NONE, 0, NULL},
    {"set cli screen-width <N>", A_TERM_WIDTH, OUT_NONE, 0, NULL},
    {"set cli complete-on-space off", A_TEXT, OUT_NONE, 0,
	"Disabling complete-on-space\n"},
    {"show version", A_SHOW, OUT_JUNOS_VERSION, 0, NULL},
    {"show interfaces terse", A_SHOW, OUT_JUNOS_TERSE, 0, NULL},
    {"show configuration", A_SHOW, OUT_JUNOS_CONFIG, 0, NULL},
    {NULL, A_NONE, OUT_NONE, 0, NULL},
};

static const struct command linux_cmds[] = {
    {"exit", A_EXIT, OUT_NONE, 0, NULL},
    {"logout", A_EXIT, OUT_NONE, 0, NULL},
    {"uname -a", A_SHOW, OUT_UNAME, 0, NULL},
    {"hostname", A_SHOW, OUT_HOSTNAME, 0, NULL},
    {"ip -br addr", A_SHOW, OUT_IP_INT_BRIEF, 0, NULL},
    {NULL, A_NONE, OUT_NONE, 0, NULL},
};

struct cli {
	const struct device *dev;
	enum cli_state st;
	enum cli_end end;
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
	const struct command *cmd;
	long num;
	struct gen gen;
	size_t emitted, total, page;
	size_t inject_at, stop_at;
	int inject_kind; /* 1 garbage, 2 prompt */
	char text[256];
};

struct cli *
cli_new(const struct device *dev)
{
	struct cli *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->dev = dev;
	c->st = CS_DELAY;
	c->length = dev->platform == PLAT_LINUX ? 0 : 24;
	c->width = 80;
	c->priv = dev->platform == PLAT_NXOS || dev->platform == PLAT_JUNOS ||
	    dev->platform == PLAT_LINUX;
	return c;
}

void
cli_free(struct cli *c)
{
	if (c == NULL)
		return;
	free(c->in);
	free(c->out);
	free(c);
}

static void
put(struct cli *c, const char *p, size_t n)
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
puts_(struct cli *c, const char *s)
{
	put(c, s, strlen(s));
}

/* Text with "\n" line ends, sent with "\r\n". */
static void
put_text(struct cli *c, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		put(c, s, (size_t)(nl - s));
		puts_(c, "\r\n");
		s = nl + 1;
	}
	puts_(c, s);
}

static int
prompt(const struct cli *c, char *buf, size_t cap)
{
	const struct device *d = c->dev;

	switch (d->platform) {
	case PLAT_IOS:
	case PLAT_NXOS:
	case PLAT_EOS:
	case PLAT_ASA:
	case PLAT_PROCURVE:
		return snprintf(
		    buf, cap, "%s%c", d->hostname, c->priv ? '#' : '>');
	case PLAT_JUNOS:
		return snprintf(buf, cap, "%s@%s> ", d->username, d->hostname);
	case PLAT_LINUX:
		return snprintf(
		    buf, cap, "%s@%s:~$ ", d->username, d->hostname);
	}
	return 0;
}

static void
put_prompt(struct cli *c)
{
	char p[256];

	if (c->exec) {
		c->st = CS_DONE;
		c->end = CLI_EXIT;
		return;
	}
	prompt(c, p, sizeof(p));
	puts_(c, p);
	c->st = CS_LINE;
}

static const char *
more_string(const struct cli *c)
{
	return c->dev->platform == PLAT_JUNOS ? "---(more)---" : " --More-- ";
}

#define FAMILY_MAX 32

/* own + ios_common in buf (FAMILY_MAX entries), built on first use. */
static const struct command *
family_table(const struct command *own, struct command *buf)
{
	size_t n = 0;

	if (buf[0].words != NULL)
		return buf;
	for (; own->words != NULL && n + 1 < FAMILY_MAX; own++)
		buf[n++] = *own;
	for (own = ios_common; own->words != NULL && n + 1 < FAMILY_MAX; own++)
		buf[n++] = *own;
	buf[n] = (struct command){NULL, A_NONE, OUT_NONE, 0, NULL};
	return buf;
}

static const struct command *
table(const struct cli *c)
{
	static struct command ios[FAMILY_MAX], asa[FAMILY_MAX],
	    procurve[FAMILY_MAX];

	switch (c->dev->platform) {
	case PLAT_IOS:
	case PLAT_NXOS:
	case PLAT_EOS:
		return family_table(ios_own, ios);
	case PLAT_ASA:
		return family_table(asa_own, asa);
	case PLAT_PROCURVE:
		return family_table(procurve_own, procurve);
	case PLAT_JUNOS:
		return junos_cmds;
	case PLAT_LINUX:
		return linux_cmds;
	}
	return family_table(ios_own, ios);
}

void
cli_start(struct cli *c, int64_t now)
{
	c->st = CS_DELAY;
	c->deadline = now + c->dev->login_delay_ms;
}

size_t
cli_input(struct cli *c, const char *data, size_t len)
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
cli_eof(struct cli *c)
{
	c->eof = 1;
}

const char *
cli_output(struct cli *c, size_t *len)
{
	*len = c->olen - c->ooff;
	return c->out + c->ooff;
}

void
cli_consumed(struct cli *c, size_t n)
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

enum cli_end
cli_ended(const struct cli *c)
{
	return c->st == CS_DONE ? c->end : CLI_RUNNING;
}

static int
is_number(const char *w)
{
	if (*w == '\0')
		return 0;
	for (; *w != '\0'; w++)
		if (!isdigit((unsigned char)*w))
			return 0;
	return 1;
}

/* Keyword i of a table entry, copied into kw; 0 if there is none. */
static int
keyword(const char *words, size_t i, char *kw, size_t cap)
{
	const char *p = words, *e;

	for (;;) {
		e = strchr(p, ' ');
		if (i == 0) {
			size_t n = e ? (size_t)(e - p) : strlen(p);

			if (n >= cap)
				n = cap - 1;
			memcpy(kw, p, n);
			kw[n] = '\0';
			return 1;
		}
		if (e == NULL)
			return 0;
		p = e + 1;
		i--;
	}
}

static int
word_matches(const char *kw, const char *w, int abbrev)
{
	if (strcmp(kw, "<N>") == 0)
		return is_number(w);
	if (abbrev)
		return strncmp(kw, w, strlen(w)) == 0;
	return strcmp(kw, w) == 0;
}

static void
invalid(struct cli *c, size_t col)
{
	char p[256];
	size_t plen = (size_t)prompt(c, p, sizeof(p)), i;

	if (c->exec)
		plen = 0;
	if (c->dev->platform == PLAT_LINUX) {
		char w[LINE_CAP];

		sscanf(c->line, "%1023s", w);
		put_text(c, "-bash: ");
		puts_(c, w);
		puts_(c, ": command not found\r\n");
		return;
	}
	for (i = 0; i < plen + col; i++)
		put(c, " ", 1);
	if (c->dev->platform == PLAT_JUNOS)
		puts_(c, "^\r\nunknown command.\r\n\r\n");
	else
		puts_(c,
		    "^\r\n% Invalid input detected at '^' marker.\r\n"
		    "\r\n");
}

/*
 * Match c->line against the platform table. Sets c->cmd and c->num, or
 * prints the IOS error and returns -1.
 */
static int
parse(struct cli *c)
{
	const struct command *tab = table(c), *t;
	char words[32][LINE_CAP / 2], kw[LINE_CAP], first[LINE_CAP];
	size_t off[32], nw = 0, i, p = 0, nmatch, ncand;
	unsigned char cand[64];
	int abbrev = c->dev->platform != PLAT_LINUX, exact;

	while (nw < 32) {
		while (c->line[p] == ' ' || c->line[p] == '\t')
			p++;
		if (c->line[p] == '\0')
			break;
		off[nw] = p;
		i = 0;
		while (c->line[p] != '\0' && c->line[p] != ' ' &&
		    c->line[p] != '\t') {
			if (i + 1 < sizeof(words[0]))
				words[nw][i++] = c->line[p];
			p++;
		}
		words[nw][i] = '\0';
		nw++;
	}
	ncand = 0;
	for (t = tab; t->words != NULL; t++) {
		cand[t - tab] = !t->priv || c->priv;
		ncand += cand[t - tab];
	}
	for (i = 0; i < nw; i++) {
		/* Is there an exact keyword among the candidates? */
		exact = 0;
		for (t = tab; t->words != NULL; t++)
			if (cand[t - tab] &&
			    keyword(t->words, i, kw, sizeof(kw)) &&
			    strcmp(kw, words[i]) == 0)
				exact = 1;
		nmatch = 0;
		first[0] = '\0';
		for (t = tab; t->words != NULL; t++) {
			if (!cand[t - tab])
				continue;
			if (!keyword(t->words, i, kw, sizeof(kw)) ||
			    !(exact ? strcmp(kw, words[i]) == 0
				    : word_matches(kw, words[i], abbrev))) {
				cand[t - tab] = 0;
				continue;
			}
			if (nmatch == 0) {
				snprintf(first, sizeof(first), "%s", kw);
				nmatch = 1;
			} else if (strcmp(first, kw) != 0) {
				nmatch = 2;
			}
		}
		if (nmatch == 0) {
			invalid(c, off[i]);
			return -1;
		}
		if (nmatch > 1) {
			if (c->dev->platform == PLAT_JUNOS)
				invalid(c, off[i]);
			else
				put_text(c, "% Ambiguous command:  \"");
			if (c->dev->platform != PLAT_JUNOS) {
				puts_(c, c->line);
				puts_(c, "\"\r\n");
			}
			return -1;
		}
		if (strcmp(first, "<N>") == 0)
			c->num = strtol(words[i], NULL, 10);
	}
	for (t = tab; t->words != NULL; t++)
		if (cand[t - tab] && !keyword(t->words, nw, kw, sizeof(kw)))
			break;
	if (t->words == NULL) {
		if (c->dev->platform == PLAT_LINUX)
			invalid(c, 0);
		else
			puts_(c, "% Incomplete command.\r\n\r\n");
		return -1;
	}
	c->cmd = t;
	return 0;
}

static void
start_output(struct cli *c)
{
	const struct device *d = c->dev;

	c->emitted = c->page = 0;
	c->total = c->gen.total;
	c->st = CS_OUTPUT;
	c->inject_at = c->stop_at = (size_t)-1;
	c->inject_kind = 0;
	/* Faults hit command output, not one-line acknowledgements. */
	if (c->gen.kind == OUT_TEXT)
		return;
	if (c->total > 0 && (d->faults & FAULT_GARBAGE)) {
		c->inject_kind = 1;
		c->inject_at = c->total / 2;
		c->total++;
	} else if (c->total > 0 && (d->faults & FAULT_PROMPT_IN_OUTPUT)) {
		c->inject_kind = 2;
		c->inject_at = c->total / 2;
		c->total++;
	}
	if (c->total > 0 &&
	    (d->faults & (FAULT_HANG_MID_OUTPUT | FAULT_DISCONNECT_MID_OUTPUT)))
		c->stop_at = c->total / 2 ? c->total / 2 : 1;
}

static void
run(struct cli *c)
{
	const struct command *t = c->cmd;
	const struct device *d = c->dev;
	char msg[128];

	switch (t->action) {
	case A_NONE:
		put_prompt(c);
		return;
	case A_ENABLE:
		if (c->priv || d->secret == NULL || d->secret[0] == '\0') {
			c->priv = 1;
			put_prompt(c);
			return;
		}
		c->tries = 0;
		puts_(c, "Password: ");
		c->st = CS_SECRET;
		return;
	case A_NO_PAGE:
		c->length = 0;
		put_prompt(c);
		return;
	case A_DISABLE:
		c->priv = 0;
		put_prompt(c);
		return;
	case A_EXIT:
		c->st = CS_DONE;
		c->end = CLI_EXIT;
		return;
	case A_TERM_LENGTH:
	case A_TERM_WIDTH:
		if (c->num < 0 || c->num > 512) {
			invalid(c, strlen(c->line) - 1);
			put_prompt(c);
			return;
		}
		msg[0] = '\0';
		if (t->action == A_TERM_LENGTH) {
			c->length = (int)c->num;
			if (d->platform == PLAT_EOS)
				snprintf(msg, sizeof(msg), "%s\n",
				    c->num == 0 ? "Pagination disabled."
						: "Pagination enabled.");
			else if (d->platform == PLAT_JUNOS)
				snprintf(msg, sizeof(msg),
				    "Screen length set to %ld\n", c->num);
		} else {
			c->width = (int)c->num;
			if (d->platform == PLAT_EOS)
				snprintf(msg, sizeof(msg),
				    "Width set to %ld columns.\n", c->num);
			else if (d->platform == PLAT_JUNOS)
				snprintf(msg, sizeof(msg),
				    "Screen width set to %ld\n", c->num);
		}
		snprintf(c->text, sizeof(c->text), "%s", msg);
		gen_init_text(&c->gen, c->text);
		start_output(c);
		return;
	case A_TEXT:
		snprintf(c->text, sizeof(c->text), "%s", t->text);
		gen_init_text(&c->gen, c->text);
		start_output(c);
		return;
	case A_SHOW:
		if (t->kind == OUT_NONE) {
			snprintf(c->text, sizeof(c->text),
			    "Current privilege level is %d\n",
			    c->priv ? 15 : 1);
			gen_init_text(&c->gen, c->text);
		} else {
			gen_init(&c->gen, d, t->kind);
		}
		start_output(c);
		return;
	}
}

/* A complete command line was typed (and its Enter echoed). */
static void
command(struct cli *c, int64_t now)
{
	const char *p = c->line;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0') {
		put_prompt(c);
		return;
	}
	stats.commands++;
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
cli_exec(struct cli *c, const char *cmd, int64_t now)
{
	c->exec = 1;
	c->length = 0;
	c->priv = 1;
	snprintf(c->line, sizeof(c->line), "%s", cmd);
	command(c, now);
}

static void
secret_entered(struct cli *c)
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
erase_more(struct cli *c)
{
	size_t n = strlen(more_string(c)), i;

	for (i = 0; i < n; i++)
		put(c, "\b", 1);
	for (i = 0; i < n; i++)
		put(c, " ", 1);
	for (i = 0; i < n; i++)
		put(c, "\b", 1);
}

/* Handle one typed byte in CS_LINE, CS_SECRET or CS_MORE. */
static void
key(struct cli *c, unsigned char ch, int64_t now)
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

static const char garbage[] =
    "\x00\x01\x02\xff\xfe\x1b[2J\x1b[1;31mGARBAGE\x1b[0m\x07\x1b]0;title\x07"
    "\x1b[6n\x80\x9b";

/* Produce output lines until the buffer is full, a pause or the end. */
static void
output(struct cli *c)
{
	char buf[1024], p[256];
	int n;

	while (c->st == CS_OUTPUT && c->olen - c->ooff < OUT_HIGH) {
		if (c->emitted == c->stop_at) {
			c->st = CS_DONE;
			c->end = CLI_DROP;
			if (c->dev->faults & FAULT_HANG_MID_OUTPUT)
				c->st = CS_HANG;
			return;
		}
		if (c->emitted == c->total) {
			put_prompt(c);
			return;
		}
		if (c->emitted == c->inject_at) {
			if (c->inject_kind == 1) {
				put(c, garbage, sizeof(garbage) - 1);
			} else {
				prompt(c, p, sizeof(p));
				puts_(c, p);
			}
		} else {
			n = gen_line(&c->gen, buf, sizeof(buf));
			if (n < 0) {
				c->total = c->emitted;
				continue;
			}
			put(c, buf, (size_t)n);
		}
		puts_(c, "\r\n");
		c->emitted++;
		c->page++;
		if (c->length > 0 &&
		    c->page >= (size_t)(c->length > 1 ? c->length - 1 : 1) &&
		    c->emitted < c->total) {
			puts_(c, more_string(c));
			c->st = CS_MORE;
		}
	}
}

static void
banner_and_prompt(struct cli *c)
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
cli_step(struct cli *c, int64_t now)
{
	for (;;) {
		switch (c->st) {
		case CS_DELAY:
			if (now < c->deadline)
				return c->deadline;
			if (c->dev->faults & FAULT_HANG_AFTER_AUTH) {
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
				c->end = CLI_EXIT;
			}
			return 0;
		case CS_DONE:
			return 0;
		}
	}
}
