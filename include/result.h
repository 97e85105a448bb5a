/*
 * result: what one device produced, and the closed set of ways it can fail.
 * A result is a plain record: the collector builds it from a worker's
 * frames and hands it, owned, to the sinks.
 */
#ifndef NC_RESULT_H
#define NC_RESULT_H

#include <stddef.h>
#include <stdint.h>

/* Every failure maps to exactly one kind. Names are in err_kind_name(). */
enum err_kind {
	ERR_NONE = 0,	     /* "ok" */
	ERR_DNS,	     /* "dns": host name did not resolve */
	ERR_REFUSED,	     /* "refused": TCP connection refused */
	ERR_UNREACHABLE,     /* "unreachable": no route / host down */
	ERR_CONNECT_TIMEOUT, /* "connect-timeout" */
	ERR_JUMP,	     /* "jump": a jump host or ProxyCommand failed */
	ERR_SSH,	     /* "ssh": banner, key exchange, algorithms */
	ERR_HOSTKEY_UNKNOWN, /* "hostkey-unknown": strict mode, not known */
	ERR_HOSTKEY_CHANGED, /* "hostkey-changed": key differs from known */
	ERR_AUTH,	     /* "auth": rejected, no common method, bad key */
	ERR_ENABLE,	     /* "enable": wrong or missing enable secret */
	ERR_PROMPT,	     /* "prompt": no prompt found after login */
	ERR_READ_TIMEOUT,    /* "read-timeout": no prompt after a command */
	ERR_CLOSED,	     /* "closed": device closed the session */
	ERR_OUTPUT_LIMIT,    /* "output-limit": --max-output exceeded */
	ERR_DEVICE_ERROR,    /* "device-error": a command was refused */
	ERR_TIMEOUT,	     /* "timeout": overall device deadline, killed */
	ERR_CRASHED,	     /* "crashed": worker died without its result */
	ERR_PIPE,	     /* "pipe": --pipe command failed */
	ERR_WRITE,	     /* "write": its files could not be saved */
	ERR_PROTOCOL,	     /* "protocol": malformed frames from a worker */
	ERR_INTERRUPTED,     /* "interrupted": run stopped by a signal */
	ERR_PARSE,    /* "parse": a TextFSM template failed on an output */
	ERR_MISSING,  /* "missing": merge found no record of it */
	ERR_INTERNAL, /* "internal": our bug or resource exhaustion */
};
#define ERR_KIND_COUNT (ERR_INTERNAL + 1)

/* Stable lowercase name ("ok", "auth", "read-timeout", ...). */
const char *err_kind_name(enum err_kind kind);

/*
 * One failure on the way through a device: its kind and one line of
 * text without the device name (the sinks add it). What the connector,
 * the transport and the dialogue fill in and the worker reports.
 */
struct failure {
	enum err_kind kind;
	char msg[512];
	int timed_out; /* a wait ran into its deadline */
};

/* Set f's kind and message (printf format, truncated to fit). */
void failure_set(struct failure *f, enum err_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same for a wait that ran into its deadline (sets timed_out). */
void failure_timeout(struct failure *f, enum err_kind kind, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/*
 * The kind named name (err_kind_name()'s inverse, "ok" included): 0 with
 * *kind set, or -1 when no kind has that name.
 */
int err_kind_parse(const char *name, enum err_kind *kind);

/* Durations in nanoseconds; 0 when the stage was not reached. */
struct timings {
	int64_t connect;  /* TCP + SSH handshake + host key */
	int64_t auth;	  /* user authentication */
	int64_t enable;	  /* shell, prompt, paging off, enable */
	int64_t commands; /* all commands */
	int64_t total;	  /* whole device, as seen by the worker */
};

struct cmd_output {
	char *output; /* cleaned output (or --pipe result), NUL-terminated */
	size_t len;
	char *raw; /* device output before --pipe, or NULL */
	size_t raw_len;
	char *err; /* the command's stderr (exec), or NULL */
	size_t err_len;
	int exit_status;     /* its exit status (exec), -1 for none ... */
	int has_exit_status; /* ... when this is set */
	int complete;	     /* nonzero when the command finished */
	char *parsed;	     /* its TextFSM rows as JSON text, or NULL */
	size_t parsed_len;
	char *parse_error; /* why the template failed on it, or NULL */
	size_t parse_error_len;
};

struct result {
	size_t index;		    /* device index in the inventory */
	enum err_kind kind;	    /* ERR_NONE when ok */
	char *message;		    /* one line, no device name; NULL when ok */
	struct cmd_output *outputs; /* one per command run (or started) */
	size_t noutputs;
	struct timings t;
	int64_t started;   /* CLOCK_REALTIME ns */
	int64_t finished;  /* CLOCK_REALTIME ns */
	unsigned attempts; /* connections tried (--retries); 0: never started */
};

/* New zeroed result for a device. */
struct result *result_new(size_t index);

/* Output slot for command cmd, growing the array as needed. */
struct cmd_output *result_output(struct result *r, size_t cmd);

/* Set kind and message (copied); the first failure recorded wins. */
void result_fail(struct result *r, enum err_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void result_free(struct result *r);

#endif
