/*
 * dialogue_impl: the state of a dialogue and the steps shared by its
 * three files only: dialogue.c (the shell: prompt, login, enable, paging,
 * a command, logout), dialogue_exec.c (one exec channel per command) and
 * dialogue_config.c (a configuration session and the save). Users of the
 * dialogue include dialogue.h. Internal returns as in dialogue.c: 0 done,
 * -1 the deadline passed (the caller words the failure for its stage), -2
 * the channel is gone (f already says why).
 */
#ifndef NC_DIALOGUE_IMPL_H
#define NC_DIALOGUE_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "dialogue.h"
#include "screen.h"
#include "util.h"

#define READ_MAX (4 * 32768) /* bytes taken per read before looking */

struct dialogue {
	const struct platform *pf;
	struct channel *ch;
	struct screen_re *prompt_re;
	struct screen_re *secret_re;
	struct screen_re *confirm_re; /* a question Enter answers */
	/* the platform's quirks, compiled (NULL where it has none) */
	struct screen_re *any_key_re;
	struct screen_re *shell_re;
	struct screen_re *context_re;
	struct screen_re *logout_re[2];
	struct screen_re *user_re; /* ASA login's questions */
	struct screen_re *pass_re;
	char *prompt;	   /* the exact current prompt line */
	char *base_prompt; /* the prompt without its terminator */
	struct buf in;	   /* bytes read and not yet consumed */
	int64_t deadline;  /* caller's overall deadline, 0 = none */
	int64_t budget_ms; /* its length and name, for messages */
	const char *budget_name;
	int64_t read_ms;
	size_t max_output;
	int ansi;
	int logfd;
	struct screen_mask mask;
	/* Exec mode: a channel per command from src, no shell. */
	const struct channel_source *src;
	struct buf err; /* the last command's stderr */
	int status;	/* its exit status, -1 when none */
	int astray;	/* a command did not end at the prompt: no logout */
};

/* The deadline of one step: the read timeout from now, within the overall. */
int64_t dialogue_step_deadline(const struct dialogue *d);
/*
 * Did the wait that just ran out stop at the device's overall deadline
 * (rather than at the step's own read timeout)?
 */
int dialogue_overall_fired(const struct dialogue *d);
/* "the device's 2 s --timeout", for a timeout message, into out. */
void dialogue_overall_words(const struct dialogue *d, char *out, size_t outlen);
/* n bytes read, to the session log (secrets masked) if there is one. */
void dialogue_log_raw(struct dialogue *d, const char *p, size_t n);
/* Read what the channel has into d->in, waiting until deadline. */
int dialogue_read_some(struct dialogue *d, int64_t deadline, struct failure *f);
/* Send line and a newline. */
int dialogue_send_line(
    struct dialogue *d, const char *line, int64_t deadline, struct failure *f);
/* The last line of d->in matches re. */
int dialogue_last_line_is(const struct dialogue *d, const struct screen_re *re);
/* line (taken over) is the prompt now; its base is without the terminator. */
void dialogue_set_prompt(struct dialogue *d, char *line);
/*
 * Send cmd and read until the prompt ends the buffer, answering pagers
 * (with answer, also a question whose default Enter takes). 0 with the
 * raw bytes (echo .. prompt) in d->in, or -1 with f filled.
 */
int dialogue_exchange_answering(struct dialogue *d, const char *cmd, int answer,
    int64_t deadline, struct failure *f);
int dialogue_exchange(
    struct dialogue *d, const char *cmd, int64_t deadline, struct failure *f);
/*
 * The output of cmd from what d->in holds, cleaned as Netmiko's
 * send_command does (malloc'd, *outlen its length). Consumes d->in.
 */
char *dialogue_clean(struct dialogue *d, const char *cmd, size_t *outlen);
/*
 * To privileged mode: the platform's enable command, answering its
 * secret question with secret (dialogue_login.c). 0 (also when the
 * prompt is privileged already or the platform has no enable), or -1
 * with f filled.
 */
int dialogue_enable(struct dialogue *d, const char *secret, int64_t deadline,
    struct failure *f);
/*
 * The ASA without an enable secret: its login command answered with user
 * and pass until the prompt is privileged. 0, or -1 with f filled.
 */
int dialogue_login(struct dialogue *d, const char *user, const char *pass,
    int64_t deadline, struct failure *f);
/* dialogue_run in exec mode (d->src set): cmd on a channel of its own. */
int dialogue_exec_run(struct dialogue *d, const char *cmd, char **out,
    size_t *outlen, struct failure *f);

#endif
