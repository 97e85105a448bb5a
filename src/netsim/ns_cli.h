/*
 * ns_cli: one simulated device shell (line discipline, prompts, enable,
 * paging, command table). It knows nothing of SSH: the session feeds it
 * bytes, asks it to run until a deadline, and drains its output buffer.
 * What differs between platforms comes from ns_platform.
 */
#ifndef NS_CLI_H
#define NS_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "ns_device.h"

struct ns_cli;

enum ns_cli_end {
	NS_CLI_RUNNING = 0,
	NS_CLI_EXIT, /* closed by the user: flush, EOF, close */
	NS_CLI_DROP, /* disconnect_mid_output: flush, then drop the connection */
};

/*
 * New shell for dev, counting the commands it reads in stats->commands
 * (dev and stats are not copied and must outlive it). NULL on memory
 * exhaustion. Free with ns_cli_free().
 */
struct ns_cli *ns_cli_new(const struct ns_device *dev, struct ns_stats *stats);
void ns_cli_free(struct ns_cli *c);
/* Start an interactive shell (banner, prompt after login_delay). */
void ns_cli_start(struct ns_cli *c, int64_t now);
/* Run one command without a prompt or paging, then end (ssh host cmd). */
void ns_cli_exec(struct ns_cli *c, const char *cmd, int64_t now);
/* Queue bytes typed by the client; returns how many were taken. */
size_t ns_cli_input(struct ns_cli *c, const char *data, size_t len);
/* The client sent EOF: end once queued input has been handled. */
void ns_cli_eof(struct ns_cli *c);
/* Work until output is plentiful or a wait starts; next deadline or 0. */
int64_t ns_cli_step(struct ns_cli *c, int64_t now);
/* Pending output bytes (owned by c, valid until the next call). */
const char *ns_cli_output(struct ns_cli *c, size_t *len);
/* n bytes of the pending output were sent. */
void ns_cli_consumed(struct ns_cli *c, size_t n);
enum ns_cli_end ns_cli_ended(const struct ns_cli *c);

#endif
