/*
 * budget: how long a device may take. Its stages' timeouts (the device's
 * own over the command line's), its overall budget (its timeout, or one
 * derived from the stages and its commands) and the pool's deadline, which
 * covers every --retries attempt and the waits between. Pure: safe after
 * fork() and from threads, not in a signal handler.
 */
#ifndef NC_BUDGET_H
#define NC_BUDGET_H

#include <stdint.h>

#include "inventory.h"
#include "options.h"

/* Time the pool waits past the worker's own deadline before killing it. */
#define BUDGET_KILL_MARGIN_MS 2000

/* The per-command read timeout: the device's own, else the command line's. */
int64_t budget_read_ms(const struct config *cfg, const struct device *d);

/* A stage's timeout: own when set (> 0), else dflt. */
int64_t budget_stage_ms(int64_t own, int64_t dflt);

/*
 * The device's overall budget in ms for one attempt: its timeout, or one
 * derived from the stages (options_parse() filled every default).
 */
int64_t budget_device_ms(const struct config *cfg, const struct device *d);

/* What set that budget, for messages: "timeout", "--timeout", "time budget". */
const char *budget_name(const struct config *cfg, const struct device *d);

/*
 * The pool's deadline for the device in ms: every attempt's budget, the
 * waits between (--retries, --retry-wait) and the kill margin.
 */
int64_t budget_kill_ms(const struct config *cfg, const struct device *d);

#endif
