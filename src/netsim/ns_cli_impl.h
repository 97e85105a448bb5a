/*
 * ns_cli_impl: the state of one simulated shell, shared by its three
 * files only: ns_cli.c (the state machine: input, typing, questions,
 * paging, the public interface), ns_clirun.c (finding and running a
 * command: exec, terminal settings, configuration mode, the Junos
 * candidate) and ns_cliout.c (what the shell prints: the output buffer,
 * prompts, error texts, the output of show commands). Users of the shell
 * include ns_cli.h. All output goes through ns_cli_put() into c->out;
 * nothing here blocks or does I/O.
 */
#ifndef NS_CLI_IMPL_H
#define NS_CLI_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "ns_cli.h"
#include "ns_gen.h"
#include "ns_match.h"
#include "ns_platform.h"
#include "ns_text.h"

#define LINE_CAP NS_LINE_MAX

enum ns_cli_state {
	CS_DELAY,   /* login_delay before the first prompt */
	CS_HANG,    /* a fault: nothing more is ever sent */
	CS_LINE,    /* reading a command line */
	CS_ASK,	    /* reading the answer to a question (cli->ask) */
	CS_LATENCY, /* command read, output held back */
	CS_OUTPUT,  /* generating output */
	CS_MORE,    /* paused at --More-- */
	CS_DONE,    /* ended; see cli->end */
};

/* The questions; a few take one key, the others a line (see ns_cli.c). */
enum ns_cli_question {
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
	enum ns_cli_state st;
	enum ns_cli_end end;
	enum ns_cli_question ask;
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
	size_t echoed;	    /* input before this index was echoed early */
	struct ns_text out; /* out.p[ooff..out.len) waits for ns_chan */
	size_t ooff;
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

/* ns_cliout.c: output. */

/* Append n bytes (or a string) to the output buffer; abort()s on ENOMEM. */
void ns_cli_put(struct ns_cli *c, const char *p, size_t n);
void ns_cli_puts(struct ns_cli *c, const char *s);
/* The device's line end. */
void ns_cli_newline(struct ns_cli *c);
/* Text with "\n" line ends, sent with the device's. */
void ns_cli_put_text(struct ns_cli *c, const char *s);
/* The prompt of the current mode into buf; returns its length. */
int ns_cli_prompt(const struct ns_cli *c, char *buf, size_t cap);
/* The prompt (with its context line), then read a line; exec: the end. */
void ns_cli_put_prompt(struct ns_cli *c);
/* Print question and read its answer (a line, or one key). */
void ns_cli_ask(struct ns_cli *c, enum ns_cli_question a, const char *question);
/* The session ends normally. */
void ns_cli_finish(struct ns_cli *c);
/* The word of c->line at col, and its last word, in w. */
void ns_cli_word_at(const struct ns_cli *c, size_t col, char *w, size_t cap);
void ns_cli_last_word(const struct ns_cli *c, char *w, size_t cap);
/*
 * Error e (the platform's invalid-input text when e has none), a caret
 * under column col of the line when the platform draws one; word fills
 * its "%w".
 */
void ns_cli_report(
    struct ns_cli *c, const struct ns_error *e, size_t col, const char *word);
/* Report m, a failed match of c->line from column base. */
void ns_cli_match_error(
    struct ns_cli *c, const struct ns_match *m, size_t base);
/* Print text (copied) as the acknowledgement of the command. */
void ns_cli_start_text(struct ns_cli *c, const char *text);
/* Print a rendered text (taken over, freed by c) as the command's output. */
void ns_cli_start_heap(struct ns_cli *c, char *text);
/* The output of the show command c->cmd (c->m its match), of kind. */
void ns_cli_show(struct ns_cli *c, enum ns_out_kind kind);

/* ns_clirun.c: commands. */

/* A complete line was typed (its Enter echoed): find it, then run it. */
void ns_cli_command(struct ns_cli *c, int64_t now);
/* Run c->cmd, found in mode c->cmd_mode. */
void ns_cli_run(struct ns_cli *c);
/* The answer to a question about uncommitted changes, in c->line. */
void ns_cli_uncommitted(struct ns_cli *c);
/* Save the configuration (write memory, copy run start). */
void ns_cli_save(struct ns_cli *c);

#endif
