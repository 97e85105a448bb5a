/*
 * result: error kind names and the result record's small lifecycle.
 * The first failure recorded on a result wins: a later symptom (EOF after
 * a timeout kill, say) never hides the cause.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "util.h"

const char *
err_kind_name(enum err_kind kind)
{
	switch (kind) {
	case ERR_NONE:
		return "ok";
	case ERR_DNS:
		return "dns";
	case ERR_REFUSED:
		return "refused";
	case ERR_UNREACHABLE:
		return "unreachable";
	case ERR_CONNECT_TIMEOUT:
		return "connect-timeout";
	case ERR_JUMP:
		return "jump";
	case ERR_SSH:
		return "ssh";
	case ERR_HOSTKEY_UNKNOWN:
		return "hostkey-unknown";
	case ERR_HOSTKEY_CHANGED:
		return "hostkey-changed";
	case ERR_AUTH:
		return "auth";
	case ERR_ENABLE:
		return "enable";
	case ERR_PROMPT:
		return "prompt";
	case ERR_READ_TIMEOUT:
		return "read-timeout";
	case ERR_CLOSED:
		return "closed";
	case ERR_OUTPUT_LIMIT:
		return "output-limit";
	case ERR_DEVICE_ERROR:
		return "device-error";
	case ERR_TIMEOUT:
		return "timeout";
	case ERR_CRASHED:
		return "crashed";
	case ERR_PIPE:
		return "pipe";
	case ERR_WRITE:
		return "write";
	case ERR_PROTOCOL:
		return "protocol";
	case ERR_INTERRUPTED:
		return "interrupted";
	case ERR_PARSE:
		return "parse";
	case ERR_MISSING:
		return "missing";
	case ERR_INTERNAL:
		return "internal";
	}
	return "internal";
}

static void failure_vset(struct failure *f, enum err_kind kind, int timed_out,
    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

static void
failure_vset(struct failure *f, enum err_kind kind, int timed_out,
    const char *fmt, va_list ap)
{
	f->kind = kind;
	f->timed_out = timed_out;
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
}

void
failure_set(struct failure *f, enum err_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	failure_vset(f, kind, 0, fmt, ap);
	va_end(ap);
}

void
failure_timeout(struct failure *f, enum err_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	failure_vset(f, kind, 1, fmt, ap);
	va_end(ap);
}

int
err_kind_parse(const char *name, enum err_kind *kind)
{
	for (int k = 0; k < ERR_KIND_COUNT; k++) {
		if (strcmp(err_kind_name((enum err_kind)k), name) == 0) {
			*kind = (enum err_kind)k;
			return 0;
		}
	}
	return -1;
}

struct result *
result_new(size_t index)
{
	struct result *r = xcalloc(1, sizeof(*r));

	r->index = index;
	return r;
}

struct cmd_output *
result_output(struct result *r, size_t cmd)
{
	if (cmd >= r->noutputs) {
		r->outputs =
		    xrealloc(r->outputs, (cmd + 1) * sizeof(*r->outputs));
		memset(r->outputs + r->noutputs, 0,
		    (cmd + 1 - r->noutputs) * sizeof(*r->outputs));
		r->noutputs = cmd + 1;
	}
	return &r->outputs[cmd];
}

void
result_fail(struct result *r, enum err_kind kind, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (r->kind != ERR_NONE)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	r->kind = kind;
	r->message = msg;
}

void
result_free(struct result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->noutputs; i++) {
		free(r->outputs[i].output);
		free(r->outputs[i].raw);
		free(r->outputs[i].err);
		free(r->outputs[i].parsed);
		free(r->outputs[i].parse_error);
	}
	free(r->outputs);
	free(r->message);
	free(r);
}
