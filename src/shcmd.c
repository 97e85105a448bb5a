/*
 * shcmd: posix_spawn with the attributes that reset signals
 * (POSIX_SPAWN_SETSIGDEF over every signal, POSIX_SPAWN_SETSIGMASK to an
 * empty set) and file actions that dup the three fds into place and then
 * close everything from 3 up (glibc's closefrom action), so that an fd
 * some other thread opened without O_CLOEXEC cannot leak into the child.
 */
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shcmd.h"
#include "util.h"

extern char **environ;

static char **
build_env(char *const *extra)
{
	size_t n = 0, m = 0, i, j, k, len;
	const char *eq;
	char **env;
	int shadowed;

	while (environ[n] != NULL)
		n++;
	while (extra != NULL && extra[m] != NULL)
		m++;
	env = xcalloc(n + m + 1, sizeof(*env));
	for (i = 0, j = 0; i < n; i++) {
		/* Our variables replace any inherited ones of the same name. */
		for (k = 0, shadowed = 0; k < m && !shadowed; k++) {
			eq = strchr(extra[k], '=');
			len = eq ? (size_t)(eq - extra[k]) : 0;
			shadowed = len &&
			    strncmp(environ[i], extra[k], len) == 0 &&
			    environ[i][len] == '=';
		}
		if (!shadowed)
			env[j++] = environ[i];
	}
	for (i = 0; i < m; i++)
		env[j++] = extra[i];
	return env;
}

int
shcmd_spawn(const char *cmd, char *const *env_extra, const int fds[3],
    pid_t *pid, char *why, size_t whylen)
{
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t all, none;
	char **env;
	int err, i;

	if (posix_spawn_file_actions_init(&fa) != 0) {
		snprintf(why, whylen, "cannot start /bin/sh");
		return -1;
	}
	if (posix_spawnattr_init(&attr) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		snprintf(why, whylen, "cannot start /bin/sh");
		return -1;
	}
	sigfillset(&all);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(
	    &attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	for (i = 0; i < 3; i++)
		posix_spawn_file_actions_adddup2(&fa, fds[i], i);
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	env = build_env(env_extra);
	err = posix_spawn(pid, "/bin/sh", &fa, &attr, argv, env);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	if (err != 0) {
		snprintf(why, whylen, "/bin/sh: %s", strerror(err));
		return -1;
	}
	return 0;
}
