/*
 * log: stderr diagnostics. Each message is formatted into one buffer and
 * written with a single write(), so lines from the parent, children and
 * threads never interleave mid-line. fatal() leaves a forked child
 * through _exit(): exit() there would run the parent's atexit handlers
 * (OpenSSL's cleanup, sanitizers' leak checks) in the child.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static enum log_level log_level = LOG_WARN;
static const char *log_progname = "netcollect";
static volatile sig_atomic_t log_child;
static int log_partial; /* a progress line is on stderr */

void
log_set_level(enum log_level level)
{
	log_level = level;
}

void
log_set_progname(const char *name)
{
	log_progname = name;
}

static void
log_write(const char *fmt, va_list ap)
{
	char line[2048];
	size_t n;
	int r;

	r = snprintf(line, sizeof(line),
	    "%s%s: ", log_partial ? "\r\033[K" : "", log_progname);
	log_partial = 0;
	n = r < 0 ? 0 : (size_t)r;
	if (n < sizeof(line)) {
		r = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
		if (r > 0)
			n += (size_t)r;
	}
	if (n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	/* Best effort: there is nowhere else to report a failed stderr. */
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	log_write(fmt, ap);
	va_end(ap);
}

void
log_partial_line(void)
{
	log_partial = 1;
}

void
log_forked(void)
{
	log_child = 1;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write(fmt, ap);
	va_end(ap);
	if (log_child)
		_exit(2);
	exit(2);
}
