/*
 * ns_log: one diagnostic line, formatted into a bounded buffer first so
 * it reaches stderr in one write(). Safe to call anywhere but a signal
 * handler.
 */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "ns_log.h"

void
ns_log(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n, m;

	n = snprintf(line, sizeof(line), "netsim: ");
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n += m;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	(void)!write(2, line, (size_t)n);
}
