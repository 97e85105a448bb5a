/*
 * shard: --shard I/N as written, or from an engine's variables. Every
 * check that can fail says which variable held what, so a Job that was
 * set up wrong fails with one line naming the fix, before any device is
 * contacted.
 */
#include <stdlib.h>
#include <string.h>

#include "hostlist.h"
#include "shard.h"

#define ENV_MAX 1000000000UL /* bound on any number read from a variable */

/*
 * The decimal number in variable name: 0, 1 when it is not set, or -1
 * (said in err) when it is not a number.
 */
static int
env_number(
    shard_getenv_fn get, const char *name, unsigned long *v, struct buf *err)
{
	const char *s = get(name);
	unsigned long n = 0;

	if (s == NULL)
		return 1;
	if (s[0] == '\0')
		goto bad;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		n = n * 10 + (unsigned long)(*p - '0');
		if (n > ENV_MAX)
			goto bad;
	}
	*v = n;
	return 0;
bad:
	buf_appendf(err, "%s='%.40s' is not a number", name, s);
	return -1;
}

/*
 * A variable that must come with the one that named the engine (by): 0,
 * or -1 (said, with hint).
 */
static int
env_required(shard_getenv_fn get, const char *name, unsigned long *v,
    const char *by, const char *hint, struct buf *err)
{
	int rc = env_number(get, name, v, err);

	if (rc == 1)
		buf_appendf(
		    err, "%s is set but %s is not (%s)", by, name, hint);
	return rc == 0 ? 0 : -1;
}

static int
check_count(unsigned long n, const char *name, struct buf *err)
{
	if (n >= 1 && n <= HOSTLIST_MAX_SHARDS)
		return 0;
	buf_appendf(err, "%s=%lu is not a number of shards (1 to %u)", name, n,
	    HOSTLIST_MAX_SHARDS);
	return -1;
}

static int
from_kubernetes(shard_getenv_fn get, unsigned *i, unsigned *n, struct buf *err)
{
	static const char by[] = "JOB_COMPLETION_INDEX";
	static const char hint[] = "Kubernetes Indexed Job: set NC_SHARDS "
				   "to the Job's completions";
	unsigned long idx, count;

	if (env_number(get, "JOB_COMPLETION_INDEX", &idx, err) == -1 ||
	    env_required(get, "NC_SHARDS", &count, by, hint, err) == -1 ||
	    check_count(count, "NC_SHARDS", err) == -1)
		return -1;
	if (idx >= count) {
		buf_appendf(err,
		    "JOB_COMPLETION_INDEX=%lu is not below "
		    "NC_SHARDS=%lu (the index is 0-based: NC_SHARDS must be "
		    "the Job's completions)",
		    idx, count);
		return -1;
	}
	*i = (unsigned)idx + 1;
	*n = (unsigned)count;
	return 0;
}

static int
from_slurm(shard_getenv_fn get, unsigned *i, unsigned *n, struct buf *err)
{
	static const char by[] = "SLURM_ARRAY_TASK_ID";
	static const char hint[] = "a Slurm job array sets it";
	unsigned long id, count, min, max, step = 1;
	int rc;

	if (env_number(get, "SLURM_ARRAY_TASK_ID", &id, err) == -1 ||
	    env_required(
		get, "SLURM_ARRAY_TASK_COUNT", &count, by, hint, err) == -1 ||
	    check_count(count, "SLURM_ARRAY_TASK_COUNT", err) == -1 ||
	    env_required(get, "SLURM_ARRAY_TASK_MIN", &min, by, hint, err) ==
		-1)
		return -1;
	if (env_number(get, "SLURM_ARRAY_TASK_STEP", &step, err) == -1)
		return -1;
	if (step == 0) {
		buf_appendf(err, "SLURM_ARRAY_TASK_STEP=0");
		return -1;
	}
	if ((rc = env_number(get, "SLURM_ARRAY_TASK_MAX", &max, err)) == -1)
		return -1;
	if (rc == 0 && min + (count - 1) * step != max) {
		buf_appendf(err,
		    "the Slurm array is not one range (MIN=%lu "
		    "MAX=%lu STEP=%lu COUNT=%lu): submit it as --array=1-N "
		    "or give --shard I/N",
		    min, max, step, count);
		return -1;
	}
	if (id < min || (id - min) % step != 0 || (id - min) / step >= count) {
		buf_appendf(err,
		    "SLURM_ARRAY_TASK_ID=%lu is not in the array "
		    "%lu-%lu:%lu of %lu tasks",
		    id, min, min + (count - 1) * step, step, count);
		return -1;
	}
	*i = (unsigned)((id - min) / step) + 1;
	*n = (unsigned)count;
	return 0;
}

int
shard_resolve(const char *spec, shard_getenv_fn get, unsigned *i, unsigned *n,
    struct buf *err)
{
	int k8s, slurm;

	if (strcmp(spec, "auto") != 0)
		return hostlist_shard_parse(spec, i, n, err);
	k8s = get("JOB_COMPLETION_INDEX") != NULL;
	slurm = get("SLURM_ARRAY_TASK_ID") != NULL;
	if (k8s && slurm) {
		buf_appendf(err,
		    "both JOB_COMPLETION_INDEX "
		    "(Kubernetes) and SLURM_ARRAY_TASK_ID (Slurm) "
		    "are set: give --shard I/N");
		return -1;
	}
	if (k8s)
		return from_kubernetes(get, i, n, err);
	if (slurm)
		return from_slurm(get, i, n, err);
	buf_appendf(err,
	    "no shard in the environment (Kubernetes: "
	    "JOB_COMPLETION_INDEX and NC_SHARDS; Slurm: "
	    "SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT); give "
	    "--shard I/N");
	return -1;
}

const char *
shard_getenv(const char *name)
{
	return getenv(name);
}
