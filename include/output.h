/*
 * output: the sinks. stdout carries results only (text, json or jsonl),
 * each written whole; stderr gets trace lines, the live progress line on
 * a terminal, and the final summary. Results are emitted in input order
 * (each once every earlier one is out, like map()) or as they complete.
 * --output-dir streams each command's output to a temp file, renamed into
 * place only when the device succeeded.
 */
#ifndef NC_OUTPUT_H
#define NC_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

#include "inventory.h"
#include "options.h"
#include "result.h"

struct output;

/* Start the run's sinks. cfg and inv must outlive the output. */
struct output *output_new(
    const struct config *cfg, const struct inventory *inv);

/* A worker was launched for device index ("===>" trace line). */
void output_start(struct output *o, size_t index);

/* A chunk of command output (only with --output-dir). */
void output_chunk(struct output *o, size_t index, uint32_t cmd, uint16_t flags,
    const unsigned char *data, size_t len);

/* A device finished; takes ownership of r. */
void output_result(struct output *o, struct result *r);

/* Redraw the progress line (terminal only, at most every 100 ms). */
void output_tick(struct output *o);

/*
 * Flush everything still held, print the summary and failures on stderr.
 * sig is the interrupting signal or 0. Returns the exit status: 0 all ok,
 * 1 some device failed.
 */
int output_finish(struct output *o, int sig);

void output_free(struct output *o);

/*
 * Escape a device's bytes for a terminal: control characters other than
 * \n and \t (C0, DEL, and C1 both as UTF-8 and as stray bytes) become
 * \xNN so output cannot rewrite the user's screen. Appends to dst.
 */
void output_escape_tty(struct buf *dst, const char *s, size_t n);

/*
 * Copy s into dst as valid UTF-8: each invalid byte becomes U+FFFD.
 * NUL bytes are kept (JSON escapes them as \u0000).
 */
void output_utf8_sanitize(struct buf *dst, const char *s, size_t n);

#endif
