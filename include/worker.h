/*
 * worker: one device from start to end, the same code in every mode.
 * connect -> login -> enable -> [configuration push, save] -> each
 * command (-> TextFSM -> --pipe) -> close,
 * reported only as frames on fd (never stdout). Every device problem
 * becomes an ERROR frame; the last frame is always DONE.
 */
#ifndef NC_WORKER_H
#define NC_WORKER_H

#include <stddef.h>

#include "inventory.h"
#include "liveparse.h"
#include "options.h"
#include "sshroute.h"

struct worker_ctx {
	const struct config *cfg;
	const struct inventory *inv;
	const struct sshroute_set *routes; /* the run's ssh_config files */
	const struct liveparse *lp; /* TextFSM parsers, planned; or NULL */
};

/* pool_work_fn for struct worker_ctx: runs device index. Returns 0. */
int worker_run(void *ctx, size_t index, int fd);

/* The overall deadline for a device in ms (pool's device_timeout_ms). */
int64_t worker_timeout_ms(void *ctx, size_t index);

/*
 * How many of device d's commands (device_commands()) are steps of a
 * configuration push rather than commands: with cfg's configuration
 * lines the first is "config" (the whole configuration session, one
 * output), then with --save the platform's save command. main names the
 * steps so in d's command list; the worker runs them. 0, 1 or 2.
 */
size_t worker_config_steps(const struct config *cfg, const struct device *d);

#endif
