/*
 * retry: the policy of --retries (which kinds, how long between) in one
 * place, so the worker that retries and the pool that bounds a device's
 * time with its retries agree. Waits double from --retry-wait and stop
 * growing at RETRY_MAX_WAIT_MS; a wait is a poll() to a deadline.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "retry.h"
#include "util.h"

int
retry_parse(const char *arg, unsigned *n)
{
	unsigned v = 0;
	size_t i;

	if (arg[0] == '\0' || (arg[0] == '0' && arg[1] != '\0'))
		return -1;
	for (i = 0; arg[i] != '\0'; i++) {
		if (arg[i] < '0' || arg[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(arg[i] - '0');
		if (v > RETRY_MAX)
			return -1;
	}
	*n = v;
	return 0;
}

int
retry_may_help(enum err_kind kind)
{
	switch (kind) {
	case ERR_DNS:
	case ERR_REFUSED:
	case ERR_CONNECT_TIMEOUT:
	case ERR_CLOSED:
	case ERR_TIMEOUT:
		return 1;
	case ERR_NONE:
	case ERR_UNREACHABLE:
	case ERR_JUMP:
	case ERR_SSH:
	case ERR_HOSTKEY_UNKNOWN:
	case ERR_HOSTKEY_CHANGED:
	case ERR_AUTH:
	case ERR_ENABLE:
	case ERR_PROMPT:
	case ERR_READ_TIMEOUT:
	case ERR_OUTPUT_LIMIT:
	case ERR_DEVICE_ERROR:
	case ERR_CRASHED:
	case ERR_PIPE:
	case ERR_WRITE:
	case ERR_PROTOCOL:
	case ERR_INTERRUPTED:
	case ERR_MISSING:
	case ERR_PARSE:
	case ERR_INTERNAL:
		return 0;
	}
	return 0;
}

int64_t
retry_wait_ms(int64_t base_ms, unsigned n)
{
	int64_t ms = base_ms;

	while (n-- > 1 && ms < RETRY_MAX_WAIT_MS)
		ms *= 2;
	return ms < RETRY_MAX_WAIT_MS ? ms : RETRY_MAX_WAIT_MS;
}

int64_t
retry_total_wait_ms(int64_t base_ms, unsigned retries)
{
	int64_t sum = 0;
	unsigned n;

	for (n = 1; n <= retries; n++)
		sum += retry_wait_ms(base_ms, n);
	return sum;
}

void
retry_notice(struct buf *b, const char *device, enum err_kind kind,
    const char *msg, unsigned attempt, unsigned attempts, int64_t wait_ms)
{
	char secs[32];
	int n;

	escape_line(b, device, strlen(device));
	buf_appendf(b, ": %s: ", err_kind_name(kind));
	escape_line(b, msg, strlen(msg));
	/* Milliseconds as seconds: "1.0", "0.25", "1.125". */
	n = snprintf(secs, sizeof(secs), "%lld.%03lld",
	    (long long)(wait_ms / 1000), (long long)(wait_ms % 1000));
	while (n > 0 && secs[n - 1] == '0' && secs[n - 2] != '.')
		secs[--n] = '\0';
	buf_appendf(b, " (attempt %u of %u); retrying in %s s", attempt,
	    attempts, secs);
}

void
retry_pause(int64_t ms)
{
	int64_t deadline = mono_ns() + ms * NS_PER_MS;

	while (!deadline_passed(deadline))
		if (poll(NULL, 0, deadline_poll_ms(deadline)) == -1 &&
		    errno != EINTR)
			return;
}
