/*
 * postproc: the --pipe step. Runs a user command through /bin/sh -c with
 * a device's output on stdin and the device's fields in the environment
 * (never in the command string, so device data cannot inject shell code),
 * and returns what the command printed. Safe in worker threads and forked
 * children (posix_spawn, no global state, waits only for its own pid).
 */
#ifndef NC_POSTPROC_H
#define NC_POSTPROC_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/*
 * Run cmd with in[0..inlen) on stdin and env_extra ("NAME=value" strings,
 * NULL-terminated) added to the environment, until it exits or the
 * absolute monotonic deadline passes (then it is killed). Its stdout is
 * appended to out. Returns 0 when it exited 0; otherwise -1 with one line
 * in why (its stderr's last line, or "exited 3", "killed by signal 9",
 * "timed out after 1.5s").
 */
int postproc_run(const char *cmd, char *const *env_extra, const char *in,
    size_t inlen, int64_t deadline, size_t max_out, struct buf *out, char *why,
    size_t whylen);

#endif
