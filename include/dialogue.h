/*
 * dialogue: driving a device's CLI over channels, the way a network
 * engineer does: on an interactive shell, find the prompt, enable, set
 * the width, turn paging off, then per command send it, read until the
 * prompt ends the buffer (answering pagers) and clean the text so it is
 * byte for byte what Netmiko's send_command returns; log out with the
 * platform's exit command. On an exec dialogue (linux hosts) each command
 * runs on an exec channel of its own instead, as ssh and pdsh do: stdout
 * byte for byte, stderr apart, and the exit status. Every wait is
 * bounded by an absolute
 * CLOCK_MONOTONIC deadline (a read timeout per step, capped by the
 * device's overall deadline).
 *
 * Layering: util, result, platform, screen, channel < dialogue < worker.
 * The dialogue knows a platform and a few settings, not a device and
 * not SSH: it runs over any struct channel_source (transport.c's, or a
 * scripted fake in test/unit/test_dialogue.c). It does not include
 * inventory.h; the worker, above both, maps a device onto its params.
 *
 * A dialogue belongs to one thread; create it after fork().
 */
#ifndef NC_DIALOGUE_H
#define NC_DIALOGUE_H

#include <stddef.h>
#include <stdint.h>

#include "channel.h"
#include "platform.h"
#include "result.h"

/* What a dialogue needs to know; strings are borrowed (see each). */
struct dialogue_params {
	const struct platform *platform; /* NULL: "generic" */
	/* The enable secret, read during dialogue_open() only; or NULL. */
	const char *secret;
	/*
	 * The login's name and password, read during dialogue_open() only
	 * (an ASA without a secret gets to privileged mode with "login"
	 * and them, as Netmiko does); or NULL.
	 */
	const char *username;
	const char *password;
	/* Also masked in the session log (login password, passphrase). */
	const char *hide[2];
	int64_t read_timeout_ms; /* per step; 0 means 30 s */
	int64_t deadline;	 /* the device's overall one, 0 = none */
	/*
	 * How messages name the overall deadline when it is the limit that
	 * fired (then the kind is timeout): "the device's 2 s --timeout".
	 */
	int64_t budget_ms;
	const char *budget_name; /* "--timeout", ...; NULL: "timeout" */
	size_t max_output;	 /* per command; 0 means 256 MiB */
	/* One exec channel per command instead of a shell (linux). */
	int exec;
	/*
	 * The session log: every byte read, as it came, secrets masked
	 * (even split across reads), or -1. The caller owns the fd and
	 * closes it after dialogue_close().
	 */
	int log_fd;
};

struct dialogue;
struct screen_re;

/*
 * Open a shell through src and get the device ready for commands:
 * prompt found, enabled when the platform has enable and the device is
 * in user mode, width set, paging off. Returns NULL with f filled
 * (prompt, enable, read-timeout, closed, ssh; timeout when the overall
 * deadline is what ran out); nothing to free then. Device text quoted
 * in f->msg has its control bytes escaped.
 * src must outlive the dialogue.
 */
struct dialogue *dialogue_open(const struct channel_source *src,
    const struct dialogue_params *p, struct failure *f);

/*
 * Run one command and return its cleaned output (exec: its stdout, byte
 * for byte) in *out (malloc'd, NUL-terminated, caller frees) with its
 * length in *outlen. Device error text, or a non-zero exit status, is
 * output, not failure. Returns 0, or -1 with f filled; *out is set either
 * way (the partial output of a failed command).
 */
int dialogue_run(struct dialogue *d, const char *cmd, char **out,
    size_t *outlen, struct failure *f);

/*
 * The device's prompt as found (the exact line, device bytes: quote them
 * before printing), or NULL on an exec dialogue.
 */
const char *dialogue_prompt(const struct dialogue *d);

/*
 * Push configuration lines[0..n) the way Netmiko's send_config_set()
 * (and commit() where lines wait in a candidate) does: the platform's
 * config command, each line read to its prompt, the commit, the end.
 * *out (malloc'd, caller frees, length in *outlen) is the whole
 * conversation from the echo of the config command to the last prompt,
 * ANSI removed where the platform has it and line ends normalised: what
 * send_config_set() returns. When refusals (NULL: none) finds a line in
 * what the device answered to a line (or to the commit), nothing more is
 * sent but the platform's abort commands (leave, applying nothing more),
 * and *refused points at that line (lines[i] or the commit command; the
 * config command itself when the device refused it or its prompt did
 * not change, and then nothing else is sent),
 * *why at the device's line (malloc'd, caller frees); both are NULL
 * otherwise. Returns 0, or -1 with f filled (*out holds what was said).
 */
int dialogue_configure(struct dialogue *d, char *const *lines, size_t n,
    const struct screen_re *refusals, const char **refused, char **why,
    char **out, size_t *outlen, struct failure *f);

/*
 * Save the running configuration with the platform's save_cmd,
 * answering a confirmation question ("Destination filename
 * [startup-config]? ", "[confirm]") with Enter; *out is the output
 * cleaned as dialogue_run() cleans it (Netmiko's save_config()).
 * Returns 0, or -1 with f filled.
 */
int dialogue_save(
    struct dialogue *d, char **out, size_t *outlen, struct failure *f);

/*
 * What dialogue_configure() (then, with save, dialogue_save()) sends on
 * pf, one line each, appended to out: for --dry-run. Pure.
 */
void dialogue_config_plan(const struct platform *pf, char *const *lines,
    size_t n, int save, struct buf *out);

/* Nonzero for an exec dialogue. */
int dialogue_is_exec(const struct dialogue *d);

/*
 * Move the device's overall deadline (dialogue_params.deadline, when set)
 * ns later: time the worker spent blocked handing output to the collector
 * is not the device's.
 */
void dialogue_postpone(struct dialogue *d, int64_t ns);

/*
 * After dialogue_run() on an exec dialogue: the command's stderr (owned
 * by d, valid until the next call; "" when none) and its exit status (-1
 * when the host gave none, and always on a shell dialogue).
 */
const char *dialogue_stderr(const struct dialogue *d, size_t *len);
int dialogue_exit_status(const struct dialogue *d);

/*
 * Log out (the platform's exit command, then what the device prints
 * until it ends the session; bounded by half a second and the overall
 * deadline), close the channel, flush the session log and free. The
 * exit command is sent only when the last command ended at the prompt
 * (not after one cut at the output limit or timed out). NULL is fine.
 */
void dialogue_close(struct dialogue *d);

#endif
