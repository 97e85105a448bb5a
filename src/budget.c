/*
 * budget: a device's time limits in one place, so that the worker's own
 * deadlines and the pool's kill deadline (the worker's plus a margin, for
 * every retry) are computed from the same figures.
 */
#include "budget.h"
#include "retry.h"
#include "worker.h"

int64_t
budget_read_ms(const struct config *cfg, const struct device *d)
{
	return d->read_timeout_ms > 0 ? d->read_timeout_ms
				      : cfg->read_timeout_ms;
}

int64_t
budget_stage_ms(int64_t own, int64_t dflt)
{
	return own > 0 ? own : dflt;
}

int64_t
budget_device_ms(const struct config *cfg, const struct device *d)
{
	size_t n;

	if (d->timeout_ms > 0)
		return d->timeout_ms;
	if (cfg->timeout_ms > 0)
		return cfg->timeout_ms;
	device_commands(d, cfg->commands, cfg->ncommands, &n);
	/*
	 * Login reads (prompt, paging off, enable) count as reads too, and
	 * so does each line of a configuration push (with its enter,
	 * commit and end).
	 */
	if (worker_config_steps(cfg, d) > 0 && cfg->nconfig > 0)
		n += cfg->nconfig + 3;
	return budget_stage_ms(d->connect_timeout_ms, cfg->connect_timeout_ms) +
	    budget_stage_ms(d->auth_timeout_ms, cfg->auth_timeout_ms) +
	    budget_read_ms(cfg, d) * (int64_t)(n + 3) +
	    (cfg->pipe_cmd ? (int64_t)n * cfg->pipe_timeout_ms : 0);
}

const char *
budget_name(const struct config *cfg, const struct device *d)
{
	if (d->timeout_ms > 0)
		return "timeout";
	if (cfg->timeout_ms > 0)
		return "--timeout";
	return "time budget";
}

int64_t
budget_kill_ms(const struct config *cfg, const struct device *d)
{
	/* Each try has the whole budget; the waits between come on top. */
	return budget_device_ms(cfg, d) * (int64_t)(cfg->retries + 1) +
	    retry_total_wait_ms(cfg->retry_wait_ms, cfg->retries) +
	    BUDGET_KILL_MARGIN_MS;
}
