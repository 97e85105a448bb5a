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
 * session's candidate), so every session of a device sees them. This
 * file is the state machine; running a command is in ns_clirun.c, what
 * the shell prints in ns_cliout.c (their shared state: ns_cli_impl.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_cli_impl.h"
#include "ns_config.h"

#define OUT_HIGH (64 * 1024) /* stop generating above this much output */
#define IN_MAX (256 * 1024)  /* type-ahead bound */
#define ANY_KEY "Press any key to continue"

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
	free(c->out.p);
	free(c);
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
			ns_cli_newline(c);
		else if (ch >= 0x20 && ch != 0x7f)
			ns_cli_put(c, (const char *)&ch, 1);
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
	*len = c->out.len - c->ooff;
	return c->out.p + c->ooff;
}

void
ns_cli_consumed(struct ns_cli *c, size_t n)
{
	c->ooff += n;
	if (c->ooff == c->out.len) {
		c->ooff = c->out.len = 0;
		if (c->out.cap > 4096) {
			free(c->out.p);
			c->out = (struct ns_text){0};
		}
	}
}

enum ns_cli_end
ns_cli_ended(const struct ns_cli *c)
{
	return c->st == CS_DONE ? c->end : NS_CLI_RUNNING;
}

void
ns_cli_exec(struct ns_cli *c, const char *cmd, int64_t now)
{
	c->exec = 1;
	c->length = 0;
	c->priv = 1;
	c->mode = NS_MODE_EXEC;
	snprintf(c->line, sizeof(c->line), "%s", cmd);
	ns_cli_command(c, now);
}

/* ---- questions ------------------------------------------------------ */

static void
secret_entered(struct ns_cli *c)
{
	if (strcmp(c->line, c->dev->secret) == 0) {
		c->priv = 1;
		ns_cli_put_prompt(c);
		return;
	}
	if (++c->tries >= 3) {
		ns_cli_put_text(c, "% Bad secrets\n\n");
		ns_cli_put_prompt(c);
		return;
	}
	ns_cli_ask(c, ASK_SECRET, "Password: ");
}

/* Enter after the answer to a question that reads a line. */
static void
answered(struct ns_cli *c)
{
	const struct ns_device *d = c->dev;

	ns_cli_newline(c);
	switch (c->ask) {
	case ASK_SECRET:
		secret_entered(c);
		return;
	case ASK_USER:
		snprintf(c->user, sizeof(c->user), "%s", c->line);
		ns_cli_ask(c, ASK_PASSWORD, "Password: ");
		return;
	case ASK_PASSWORD:
		if (strcmp(c->user, d->username) == 0 &&
		    strcmp(c->line, d->password) == 0)
			c->priv = 1;
		else
			ns_cli_put_text(c, "Invalid password\n");
		ns_cli_put_prompt(c);
		return;
	case ASK_COPY_DEST:
		ns_cli_save(c);
		return;
	case ASK_UNCOMMITTED:
		ns_cli_uncommitted(c);
		return;
	case ASK_LOGOUT:
	case ASK_SAVE:
	case ASK_ANY_KEY:
		return;
	}
}

/* The question is answered by one key, not a line. */
static int
takes_key(enum ns_cli_question a)
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
			ns_cli_puts(c, p->screen_setup);
		ns_cli_put_prompt(c);
		return;
	}
	if (!yes && !no)
		return;
	ns_cli_put(c, (const char *)&ch, 1);
	ns_cli_newline(c);
	if (c->ask == ASK_LOGOUT && no) {
		ns_cli_put_prompt(c);
	} else if (c->ask == ASK_LOGOUT && p->save_ask != NULL &&
	    ns_config_dirty(c->dev->config)) {
		ns_cli_ask(c, ASK_SAVE, p->save_ask);
	} else {
		if (c->ask == ASK_SAVE && yes)
			ns_config_saved(c->dev->config);
		ns_cli_finish(c);
	}
}

/* ---- typing --------------------------------------------------------- */

static void
erase_more(struct ns_cli *c)
{
	size_t n = strlen(c->plat->more), i;

	for (i = 0; i < n; i++)
		ns_cli_put(c, "\b", 1);
	for (i = 0; i < n; i++)
		ns_cli_put(c, " ", 1);
	for (i = 0; i < n; i++)
		ns_cli_put(c, "\b", 1);
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
		ns_cli_put_prompt(c);
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
				ns_cli_newline(c);
			ns_cli_command(c, now);
		}
		return;
	}
	if (ch == 0x7f || ch == 0x08) {
		if (c->llen > 0) {
			c->llen--;
			if (echo)
				ns_cli_puts(c, "\b \b");
		}
		return;
	}
	if (ch == 0x15) { /* ^U */
		while (c->llen > 0) {
			c->llen--;
			if (echo)
				ns_cli_puts(c, "\b \b");
		}
		return;
	}
	if (ch < 0x20 || c->llen + 1 >= sizeof(c->line))
		return;
	c->line[c->llen++] = (char)ch;
	if (echo)
		ns_cli_put(c, (const char *)&ch, 1);
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
			ns_cli_put(c, garbage, sizeof(garbage) - 1);
		} else {
			ns_cli_prompt(c, p, sizeof(p));
			ns_cli_puts(c, p);
		}
	} else {
		n = ns_gen_line(&c->gen, buf, sizeof(buf));
		if (n < 0) {
			c->total = c->emitted;
			return;
		}
		ns_cli_put(c, buf, (size_t)n);
	}
	ns_cli_newline(c);
	c->emitted++;
	c->page++;
	if (c->length > 0 &&
	    c->page >= (size_t)(c->length > 1 ? c->length - 1 : 1) &&
	    c->emitted < c->total) {
		ns_cli_puts(c, c->plat->more);
		c->st = CS_MORE;
	}
}

/* Produce output lines until the buffer is full, a pause or the end. */
static void
output(struct ns_cli *c)
{
	while (c->st == CS_OUTPUT && c->out.len - c->ooff < OUT_HIGH) {
		if (c->emitted == c->stop_at) {
			c->st = CS_DONE;
			c->end = NS_CLI_DROP;
			if (c->dev->faults & NS_FAULT_HANG_MID_OUTPUT)
				c->st = CS_HANG;
			return;
		}
		if (c->emitted == c->total) {
			ns_cli_put_prompt(c);
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
	ns_cli_newline(c);
	if (banner != NULL) {
		ns_cli_put_text(c, banner);
		if (banner[strlen(banner) - 1] != '\n')
			ns_cli_newline(c);
		ns_cli_newline(c);
	}
	if (c->dev->press_any_key) {
		ns_cli_ask(c, ASK_ANY_KEY, ANY_KEY);
		return;
	}
	ns_cli_put_prompt(c);
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
			ns_cli_run(c);
			break;
		case CS_OUTPUT:
			output(c);
			if (c->st == CS_OUTPUT)
				return 0; /* buffer full: resume when drained */
			break;
		case CS_LINE:
		case CS_ASK:
		case CS_MORE:
			if (c->out.len - c->ooff >= OUT_HIGH)
				return 0;
			if (c->inoff < c->inlen) {
				i = c->inoff++;
				key(c, (unsigned char)c->in[i], i < c->echoed,
				    now);
				break;
			}
			if (c->eof)
				ns_cli_finish(c);
			return 0;
		case CS_DONE:
			return 0;
		}
	}
}
