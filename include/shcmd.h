/*
 * shcmd: start /bin/sh -c CMD the way every process netcollect starts:
 * every signal at its default disposition and none blocked, whatever
 * the calling thread has ignored or blocked (netcollect ignores SIGPIPE,
 * worker threads block everything); no fd of ours but the three given as
 * its stdin, stdout and stderr (every other one is closed in the child,
 * O_CLOEXEC or not); our environment with extra variables over it.
 * posix_spawn, no global state: safe in worker threads and forked
 * children. Used by --pipe (postproc) and ProxyCommand (connector).
 */
#ifndef NC_SHCMD_H
#define NC_SHCMD_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Start cmd with fds[0..2] as its fds 0..2 (they stay open here) and
 * env_extra ("NAME=value", NULL-terminated, or NULL) added to the
 * environment, replacing inherited variables of the same names. Returns
 * 0 with *pid set, or -1 with one line in why.
 */
int shcmd_spawn(const char *cmd, char *const *env_extra, const int fds[3],
    pid_t *pid, char *why, size_t whylen);

#endif
