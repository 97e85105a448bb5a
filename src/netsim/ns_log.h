/*
 * ns_log: netsim's diagnostics, one line on stderr per call, written
 * with a single write() so lines from a busy loop never interleave.
 */
#ifndef NS_LOG_H
#define NS_LOG_H

/* printf-style; "netsim: " and the newline are added, long lines cut. */
void ns_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
