/*
 * ns_exec: what a Linux host running bash answers to an exec request
 * ("ssh host 'uname -a'"): sshd runs "bash -c LINE", so the answer is
 * bash's stdout, stderr and exit status. A small subset of bash is
 * simulated (see ns_exec.c and netsim(1)); the rest says so on stderr
 * with status 2 instead of pretending. Pure: no I/O.
 */
#ifndef NS_EXEC_H
#define NS_EXEC_H

#include <stddef.h>

#include "ns_device.h"

/* Everything the command line printed, and how it ended. */
struct ns_exec_out {
	char *out; /* stdout (malloc'ed, may be NULL when empty) */
	size_t outlen;
	char *err; /* stderr */
	size_t errlen;
	int status; /* the exit status, 0..255 */
};

/*
 * Run line as "bash -c line" on dev would. Fills *r (free it with
 * ns_exec_out_free()); 0, or -1 on memory exhaustion.
 */
int ns_exec_run(
    const struct ns_device *dev, const char *line, struct ns_exec_out *r);
void ns_exec_out_free(struct ns_exec_out *r);

#endif
