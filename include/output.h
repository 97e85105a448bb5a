/*
 * output: the sinks. stdout carries results only (text, json or jsonl),
 * each written whole; stderr gets trace lines, the live progress line on
 * a terminal, and the final summary. Results are emitted in input order
 * (each once every earlier one is out, like map()) or as they complete.
 * --output-dir saves each ok device's outputs as files (see files.h).
 * Every write to stdout is checked: after the first failure nothing more
 * is written, the collector is asked to stop, and the run ends with
 * OUTPUT_EXIT_STDOUT.
 */
#ifndef NC_OUTPUT_H
#define NC_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "inventory.h"
#include "options.h"
#include "result.h"

struct output;

/* The exit statuses the sinks decide (main adds 2 and 128+signal). */
#define OUTPUT_EXIT_OK 0     /* every device ok, every result written */
#define OUTPUT_EXIT_FAILED 1 /* some device failed */
#define OUTPUT_EXIT_STDOUT 3 /* results could not be written to stdout */

/*
 * Start the run's sinks. cfg and inv must outlive the output. Checks the
 * file names of --output-dir and --session-log first (creating the
 * --output-dir directory): returns NULL after logging each problem, before
 * anything was written (exit 2).
 */
struct output *output_new(
    const struct config *cfg, const struct inventory *inv);

/* A worker was launched for device index ("===>" trace line). */
void output_start(struct output *o, size_t index);

/*
 * A device finished; takes ownership of r. Its files are saved first (a
 * failed save fails the device as ERR_WRITE). Returns 0, or -1 once stdout
 * has failed: the caller should stop the run (no later result can be
 * written).
 */
int output_result(struct output *o, struct result *r);

/* Nonzero once a write to stdout failed. */
int output_failed(const struct output *o);

/* Redraw the progress line (terminal only, at most every 100 ms). */
void output_tick(struct output *o);

/*
 * The run's wall time the summary reports, instead of the time since
 * output_new(): netcollect merge gives the span of the records it merged.
 */
void output_set_elapsed(struct output *o, int64_t ns);

/*
 * Live parsing (liveparse_notes_json()): the commands without a template,
 * the "no_template" array of the --format json summary. Takes notes.
 */
void output_no_template(struct output *o, json_t *notes);

/*
 * Flush everything still held, print the summary and failures on stderr,
 * close stdout (checking that too). sig is the interrupting signal or 0.
 * Returns OUTPUT_EXIT_OK, _FAILED, or _STDOUT (one line on stderr says
 * why, instead of the summary).
 */
int output_finish(struct output *o, int sig);

/*
 * --list-hosts: every device of inv on stdout, contacting none: its name
 * a line (--format text, control bytes escaped), or {"device", "host",
 * "port", "group", "device_type"} a line (jsonl) or in one array (json).
 * Returns OUTPUT_EXIT_OK, or OUTPUT_EXIT_STDOUT after one line on stderr.
 */
int output_list(const struct config *cfg, const struct inventory *inv);

/*
 * Call first thing in main: a closed stdin or stderr is opened on
 * /dev/null, so no file we open later lands on fd 0 or 2 and receives
 * diagnostics. Returns -1 when stdout is closed (results would have
 * nowhere to go; one line said so): exit OUTPUT_EXIT_STDOUT.
 */
int output_stdio_check(void);

void output_free(struct output *o);

#endif
