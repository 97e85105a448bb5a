/*
 * shard: which shard this run is, from --shard. "I/N" (1-based) is taken
 * as written; "auto" reads the variables of the engine that started us:
 *   Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based, set by
 *     Kubernetes) and NC_SHARDS (ours: the Job's completions), giving
 *     shard JOB_COMPLETION_INDEX + 1 of NC_SHARDS;
 *   Slurm job array: SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT,
 *     SLURM_ARRAY_TASK_MIN and, when set, SLURM_ARRAY_TASK_STEP (default
 *     1) and SLURM_ARRAY_TASK_MAX. Task ids need not start at 0 or 1
 *     (--array=5-8 is ids 5..8): the shard is (ID - MIN) / STEP + 1 of
 *     COUNT, so the array must be one arithmetic range (MIN + (COUNT - 1)
 *     * STEP = MAX); a list like --array=1,3,7 is refused.
 * Exactly one engine's variables may be present. Pure but for
 * shard_getenv(): the environment comes through a lookup function; safe from any thread, not in a signal
 * handler.
 */
#ifndef NC_SHARD_H
#define NC_SHARD_H

#include "util.h"

/* The value of an environment variable, or NULL (getenv, in main). */
typedef const char *(*shard_getenv_fn)(const char *name);

/* getenv() as a shard_getenv_fn: the process's own environment. */
const char *shard_getenv(const char *name);

/*
 * Resolve spec ("I/N" or "auto") into shard *i of *n (1 <= i <= n <=
 * HOSTLIST_MAX_SHARDS). Returns 0, or -1 with one line in err (no
 * newline, no "--shard" in front) naming the variables that are missing
 * or do not agree.
 */
int shard_resolve(const char *spec, shard_getenv_fn get, unsigned *i,
    unsigned *n, struct buf *err);

#endif
