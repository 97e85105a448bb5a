/*
 * cli: one simulated device shell (line discipline, prompts, enable,
 * paging, command table). It knows nothing of SSH: the server feeds it
 * bytes, asks it to run until a deadline, and drains its output buffer.
 */
#ifndef NETSIM_CLI_H
#define NETSIM_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "ns_device.h"

struct cli;

enum cli_end {
	CLI_RUNNING = 0,
	CLI_EXIT, /* closed by the user: flush, EOF, close */
	CLI_DROP, /* disconnect_mid_output: flush, then drop the connection */
};

/* New shell for dev; NULL on memory exhaustion. Free with cli_free(). */
struct cli *cli_new(const struct device *dev);
void cli_free(struct cli *c);
/* Start an interactive shell (banner, prompt after login_delay). */
void cli_start(struct cli *c, int64_t now);
/* Run one command without a prompt or paging, then end (ssh host cmd). */
void cli_exec(struct cli *c, const char *cmd, int64_t now);
/* Queue bytes typed by the client; returns how many were taken. */
size_t cli_input(struct cli *c, const char *data, size_t len);
/* The client sent EOF: end once queued input has been handled. */
void cli_eof(struct cli *c);
/* Work until output is plentiful or a wait starts; next deadline or 0. */
int64_t cli_step(struct cli *c, int64_t now);
/* Pending output bytes (owned by c, valid until the next call). */
const char *cli_output(struct cli *c, size_t *len);
void cli_consumed(struct cli *c, size_t n);
enum cli_end cli_ended(const struct cli *c);

#endif
