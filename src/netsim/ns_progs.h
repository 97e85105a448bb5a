/*
 * ns_progs: the commands a simulated Linux host runs for ns_exec (the
 * shell), and the buffers their output goes to.
 */
#ifndef NS_PROGS_H
#define NS_PROGS_H

#include <stddef.h>

#include "ns_device.h"
#include "ns_text.h"

#define NS_ARGS_MAX 64

/* Where fd 1 or fd 2 of a command goes. */
enum ns_sink {
	NS_SINK_OUT,
	NS_SINK_ERR,
	NS_SINK_NULL,
};

/* What a running command sees of its shell. */
struct ns_bash {
	const struct ns_device *dev;
	struct ns_text out, err; /* the shell's stdout and stderr */
	int status;		 /* $?: of the command before */
	int exited;		 /* set by exit: run nothing more */
};

/* One simple command: its words (owned by the caller) and redirections. */
struct ns_cmd {
	char *argv[NS_ARGS_MAX];
	int argc; /* at least 1 */
	enum ns_sink fd1, fd2;
};

/* Run c in b; returns its exit status (0..255). */
int ns_progs_run(struct ns_bash *b, const struct ns_cmd *c);

#endif
