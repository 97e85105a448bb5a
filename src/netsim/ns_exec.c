/*
 * ns_exec: a small bash, enough for the commands people send to a Linux
 * box with "ssh host CMD". The line is parsed twice, as bash parses a
 * "-c" string before running it: once to find syntax errors (nothing
 * runs then), once to run it, expanding as each simple command starts so
 * "$?" is the status of the one before.
 *
 * Simulated: words with '...', "...", backslashes; $? and $USER, $LOGNAME,
 * $HOME, $HOSTNAME, $SHELL (other variables are unset); lists with ;, &&
 * and ||; the redirections >&2, 1>&2, 2>&1, >/dev/null, 1>/dev/null,
 * 2>/dev/null (applied left to right, as dup2 would); the commands are
 * ns_progs'. Anything else on a command line (pipes, substitutions, other
 * redirections) is reported as not simulated, status 2. The texts are
 * bash 5.2's (checked against "bash -c").
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_exec.h"
#include "ns_progs.h"

#define WORD_CAP 4096

enum tok {
	T_END,
	T_WORD,
	T_SEMI,
	T_AND,
	T_OR,
	T_REDIR,
	T_UNSUPPORTED,
	T_UNTERMINATED,
};

enum redir {
	R_OUT_TO_ERR, /* >&2, 1>&2 */
	R_ERR_TO_OUT, /* 2>&1 */
	R_OUT_NULL,   /* >/dev/null, 1>/dev/null */
	R_ERR_NULL,   /* 2>/dev/null */
};

struct shell {
	const struct ns_device *dev;
	const char *line;
	size_t pos;
	int expand;	  /* the run pass: expand $ and execute */
	struct ns_bash b; /* what the programs see */
	/* the current token */
	char word[WORD_CAP];
	size_t wlen;
	int keep; /* a word even if empty ("" or '') */
	enum redir redir;
	char what[8]; /* T_UNSUPPORTED, T_UNTERMINATED: the offending text */
};

/* ---- words and tokens -------------------------------------------- */

static void
word_add(struct shell *sh, const char *s, size_t n)
{
	if (sh->wlen + n >= sizeof(sh->word))
		n = sizeof(sh->word) - 1 - sh->wlen;
	memcpy(sh->word + sh->wlen, s, n);
	sh->wlen += n;
	sh->word[sh->wlen] = '\0';
}

static const char *
variable(const struct shell *sh, const char *name, char *tmp, size_t cap)
{
	const struct ns_device *d = sh->b.dev;

	if (strcmp(name, "USER") == 0 || strcmp(name, "LOGNAME") == 0)
		return d->username;
	if (strcmp(name, "HOME") == 0) {
		snprintf(tmp, cap, "/home/%s", d->username);
		return tmp;
	}
	if (strcmp(name, "HOSTNAME") == 0)
		return d->hostname;
	if (strcmp(name, "SHELL") == 0)
		return "/bin/bash";
	return "";
}

/* At '$': expand $? or $NAME into the word; 0, or -1 if unsupported. */
static int
dollar(struct shell *sh)
{
	const char *l = sh->line, *v;
	char name[64], tmp[256];
	size_t n = 0;

	sh->pos++;
	if (l[sh->pos] == '?') {
		sh->pos++;
		snprintf(tmp, sizeof(tmp), "%d", sh->b.status);
		word_add(sh, tmp, strlen(tmp));
		return 0;
	}
	if (l[sh->pos] == '{' || l[sh->pos] == '(') {
		snprintf(sh->what, sizeof(sh->what), "$%c", l[sh->pos]);
		return -1;
	}
	if (!isalpha((unsigned char)l[sh->pos]) && l[sh->pos] != '_') {
		word_add(sh, "$", 1);
		return 0;
	}
	while ((isalnum((unsigned char)l[sh->pos]) || l[sh->pos] == '_') &&
	    n + 1 < sizeof(name))
		name[n++] = l[sh->pos++];
	name[n] = '\0';
	if (!sh->expand) {
		sh->keep = 1; /* may expand to nothing; a word all the same */
		return 0;
	}
	v = variable(sh, name, tmp, sizeof(tmp));
	word_add(sh, v, strlen(v));
	return 0;
}

/*
 * The character at sh->pos in a word, or inside "..." (quoted), where a
 * backslash keeps its meaning only before $ ` " \: added to the word, or
 * ` or $ expanded. T_WORD, or why it cannot be.
 */
static enum tok
word_char(struct shell *sh, int quoted)
{
	const char *l = sh->line;
	char next = l[sh->pos + 1];

	switch (l[sh->pos]) {
	case '\\':
		if (next != '\0' && (!quoted || strchr("$`\"\\", next) != NULL))
			sh->pos++;
		break;
	case '`':
		snprintf(sh->what, sizeof(sh->what), "`");
		return T_UNSUPPORTED;
	case '$':
		return dollar(sh) == -1 ? T_UNSUPPORTED : T_WORD;
	}
	sh->keep = 1;
	word_add(sh, &l[sh->pos++], 1);
	return T_WORD;
}

/* Inside "...", up to the closing quote. */
static enum tok
double_quoted(struct shell *sh)
{
	enum tok t;

	sh->pos++;
	sh->keep = 1;
	for (;;) {
		switch (sh->line[sh->pos]) {
		case '\0':
			snprintf(sh->what, sizeof(sh->what), "\"");
			return T_UNTERMINATED;
		case '"':
			sh->pos++;
			return T_WORD;
		}
		if ((t = word_char(sh, 1)) != T_WORD)
			return t;
	}
}

static enum tok
single_quoted(struct shell *sh)
{
	const char *l = sh->line, *end = strchr(l + sh->pos + 1, '\'');

	if (end == NULL) {
		snprintf(sh->what, sizeof(sh->what), "'");
		return T_UNTERMINATED;
	}
	word_add(sh, l + sh->pos + 1, (size_t)(end - (l + sh->pos + 1)));
	sh->pos = (size_t)(end - l) + 1;
	sh->keep = 1;
	return T_WORD;
}

static int
word_end(char c)
{
	return c == '\0' || strchr(" \t\n;&|<>()", c) != NULL;
}

static enum tok
word(struct shell *sh)
{
	enum tok t;

	while (!word_end(sh->line[sh->pos])) {
		switch (sh->line[sh->pos]) {
		case '\'':
			t = single_quoted(sh);
			break;
		case '"':
			t = double_quoted(sh);
			break;
		default:
			t = word_char(sh, 0);
			break;
		}
		if (t != T_WORD)
			return t;
	}
	return T_WORD;
}

/* A redirection we simulate at sh->pos: its length, or 0. */
static size_t
redirection(struct shell *sh)
{
	static const struct {
		const char *text;
		enum redir r;
	} forms[] = {
	    {"1>&2", R_OUT_TO_ERR},
	    {">&2", R_OUT_TO_ERR},
	    {"2>&1", R_ERR_TO_OUT},
	    {"1>/dev/null", R_OUT_NULL},
	    {">/dev/null", R_OUT_NULL},
	    {"2>/dev/null", R_ERR_NULL},
	};
	const char *p = sh->line + sh->pos;
	size_t i, n;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		n = strlen(forms[i].text);
		if (strncmp(p, forms[i].text, n) == 0 && word_end(p[n]) &&
		    p[n] != '>' && p[n] != '<') {
			sh->redir = forms[i].r;
			return n;
		}
	}
	return 0;
}

static enum tok
token(struct shell *sh)
{
	const char *l = sh->line;
	size_t n;

	sh->wlen = 0;
	sh->word[0] = '\0';
	sh->keep = 0;
	while (l[sh->pos] == ' ' || l[sh->pos] == '\t')
		sh->pos++;
	if (l[sh->pos] == '\0' || l[sh->pos] == '#')
		return T_END;
	if ((n = redirection(sh)) > 0) {
		sh->pos += n;
		return T_REDIR;
	}
	if (strncmp(l + sh->pos, "&&", 2) == 0 ||
	    strncmp(l + sh->pos, "||", 2) == 0) {
		sh->pos += 2;
		return l[sh->pos - 1] == '&' ? T_AND : T_OR;
	}
	if (l[sh->pos] == ';' || l[sh->pos] == '\n') {
		sh->pos++;
		return T_SEMI;
	}
	if (strchr("&|<>()", l[sh->pos]) != NULL) {
		snprintf(sh->what, sizeof(sh->what), "%c", l[sh->pos]);
		return T_UNSUPPORTED;
	}
	return word(sh);
}

/* ---- the command line ---------------------------------------------- */

static void
redirect(struct ns_cmd *c, enum redir r)
{
	switch (r) {
	case R_OUT_TO_ERR:
		c->fd1 = c->fd2;
		return;
	case R_ERR_TO_OUT:
		c->fd2 = c->fd1;
		return;
	case R_OUT_NULL:
		c->fd1 = NS_SINK_NULL;
		return;
	case R_ERR_NULL:
		c->fd2 = NS_SINK_NULL;
		return;
	}
}

static void
free_cmd(struct ns_cmd *c)
{
	int i;

	for (i = 0; i < c->argc; i++)
		free(c->argv[i]);
	c->argc = 0;
}

/*
 * Read one simple command up to an operator into c (words owned by c).
 * Returns the token that ended it.
 */
static enum tok
simple_command(struct shell *sh, struct ns_cmd *c)
{
	enum tok t;

	c->argc = 0;
	c->fd1 = NS_SINK_OUT;
	c->fd2 = NS_SINK_ERR;
	for (;;) {
		switch ((t = token(sh))) {
		case T_WORD:
			if ((sh->wlen == 0 && !sh->keep) ||
			    c->argc == NS_ARGS_MAX)
				break;
			c->argv[c->argc++] = ns_text_dup(sh->word);
			break;
		case T_REDIR:
			redirect(c, sh->redir);
			break;
		case T_END:
		case T_SEMI:
		case T_AND:
		case T_OR:
		case T_UNSUPPORTED:
		case T_UNTERMINATED:
			return t;
		}
	}
}

static const char *
op_text(enum tok t)
{
	return t == T_AND ? "&&" : t == T_OR ? "||" : ";";
}

/* The syntax pass: bash's message for the first error, or 0. */
static int
check_syntax(struct shell *sh)
{
	struct ns_cmd c;
	enum tok t;
	char msg[128];

	sh->pos = 0;
	sh->expand = 0;
	do {
		t = simple_command(sh, &c);
		free_cmd(&c);
		if (t == T_UNTERMINATED) {
			snprintf(msg, sizeof(msg),
			    "bash: -c: line 1: unexpected EOF while looking "
			    "for matching `%s'\n",
			    sh->what);
			ns_text_str(&sh->b.err, msg);
			return -1;
		}
		if (t == T_UNSUPPORTED) {
			snprintf(msg, sizeof(msg),
			    "netsim: bash syntax not simulated: %s\n",
			    sh->what);
			ns_text_str(&sh->b.err, msg);
			return -1;
		}
	} while (t != T_END);
	return 0;
}

/* A list operator with nothing before it: bash's two-line error. */
static int
check_empty(struct shell *sh)
{
	struct ns_cmd c;
	enum tok t;
	size_t start;

	sh->pos = 0;
	do {
		start = sh->pos;
		t = simple_command(sh, &c);
		if (c.argc == 0 && t != T_END) {
			free_cmd(&c);
			ns_text_str(&sh->b.err,
			    "bash: -c: line 1: syntax error near "
			    "unexpected token `");
			ns_text_str(&sh->b.err, op_text(t));
			ns_text_str(&sh->b.err, "'\nbash: -c: line 1: `");
			ns_text_str(&sh->b.err, sh->line);
			ns_text_str(&sh->b.err, "'\n");
			return -1;
		}
		if (c.argc == 0 && t == T_END && start > 0 &&
		    sh->line[start - 1] != ';') {
			free_cmd(&c);
			ns_text_str(&sh->b.err,
			    "bash: -c: line 2: syntax error: unexpected end "
			    "of file\n");
			return -1;
		}
		free_cmd(&c);
	} while (t != T_END);
	return 0;
}

static void
run_line(struct shell *sh)
{
	struct ns_cmd c;
	enum tok t, op = T_SEMI;

	sh->pos = 0;
	sh->expand = 1;
	do {
		t = simple_command(sh, &c);
		if (c.argc > 0 &&
		    (op == T_SEMI || (op == T_AND) == (sh->b.status == 0)))
			sh->b.status = ns_progs_run(&sh->b, &c);
		free_cmd(&c);
		op = t;
	} while (t != T_END && !sh->b.exited);
}

int
ns_exec_run(
    const struct ns_device *dev, const char *line, struct ns_exec_out *r)
{
	struct shell *sh;

	memset(r, 0, sizeof(*r));
	if ((sh = calloc(1, sizeof(*sh))) == NULL)
		return -1;
	sh->b.dev = dev;
	sh->line = line;
	if (check_syntax(sh) == -1 || check_empty(sh) == -1)
		sh->b.status = 2;
	else
		run_line(sh);
	r->out = sh->b.out.p;
	r->outlen = sh->b.out.len;
	r->err = sh->b.err.p;
	r->errlen = sh->b.err.len;
	r->status = sh->b.status;
	free(sh);
	return 0;
}

void
ns_exec_out_free(struct ns_exec_out *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}
