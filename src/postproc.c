/*
 * postproc: run one --pipe command. Three pipes (stdin, stdout, stderr)
 * are pumped with one poll() loop so a command that writes before reading
 * all its input cannot deadlock us. The child gets the device fields only
 * through its environment. We wait for our own pid only, so this never
 * steals another child's exit status. SIGPIPE is blocked in the calling
 * thread while we write (a command may stop reading early) and any pending
 * one is consumed, so no caller needs to ignore it process-wide.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "postproc.h"
#include "util.h"

extern char **environ;

/* Last non-empty line of s[0..n), copied into why. */
static void
last_line(const char *s, size_t n, char *why, size_t whylen)
{
	size_t end = n, start;

	while (end > 0 && (s[end - 1] == '\n' || s[end - 1] == '\r'))
		end--;
	start = end;
	while (start > 0 && s[start - 1] != '\n')
		start--;
	snprintf(why, whylen, "%.*s", (int)(end - start), s + start);
}

static int
sigpipe_pending(void)
{
	sigset_t set;

	return sigpending(&set) == 0 && sigismember(&set, SIGPIPE) == 1;
}

static char **
build_env(char *const *extra)
{
	size_t n = 0, m = 0, i, j;
	char **env;

	while (environ[n] != NULL)
		n++;
	while (extra != NULL && extra[m] != NULL)
		m++;
	env = xcalloc(n + m + 1, sizeof(*env));
	for (i = 0, j = 0; i < n; i++) {
		size_t k;
		int shadowed = 0;

		/* Our variables replace any inherited ones of the same name. */
		for (k = 0; k < m; k++) {
			const char *eq = strchr(extra[k], '=');
			size_t len = eq ? (size_t)(eq - extra[k]) : 0;

			if (len && strncmp(environ[i], extra[k], len) == 0 &&
			    environ[i][len] == '=')
				shadowed = 1;
		}
		if (!shadowed)
			env[j++] = environ[i];
	}
	for (i = 0; i < m; i++)
		env[j++] = extra[i];
	return env;
}

int
postproc_run(const char *cmd, char *const *env_extra, const char *in,
    size_t inlen, int64_t deadline, size_t max_out, struct buf *out, char *why,
    size_t whylen)
{
	int pin[2] = {-1, -1}, pout[2] = {-1, -1}, perr[2] = {-1, -1};
	posix_spawn_file_actions_t fa;
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	char **env = NULL;
	struct buf err;
	size_t off = 0;
	pid_t pid = -1;
	int status, ret = -1, killed = 0, fa_ok = 0;

	sigset_t pipeset, oldmask;
	int pipe_was_pending;

	sigemptyset(&pipeset);
	sigaddset(&pipeset, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipeset, &oldmask);
	pipe_was_pending = sigpipe_pending();
	buf_init(&err);
	why[0] = '\0';
	if (pipe2(pin, O_CLOEXEC) == -1 || pipe2(pout, O_CLOEXEC) == -1 ||
	    pipe2(perr, O_CLOEXEC) == -1) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		goto out;
	}
	if (posix_spawn_file_actions_init(&fa) != 0) {
		snprintf(why, whylen, "cannot start %s", cmd);
		goto out;
	}
	fa_ok = 1;
	posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
	posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
	posix_spawn_file_actions_adddup2(&fa, perr[1], 2);
	env = build_env(env_extra);
	errno = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, env);
	if (errno != 0) {
		snprintf(why, whylen, "/bin/sh: %s", strerror(errno));
		pid = -1;
		goto out;
	}
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	pin[0] = pout[1] = perr[1] = -1;
	fd_set_nonblock(pin[1]);
	if (inlen == 0) {
		close(pin[1]);
		pin[1] = -1;
	}

	while (pout[0] != -1 || perr[0] != -1) {
		struct pollfd pfd[3];
		int n, t;

		pfd[0] = (struct pollfd){.fd = pin[1], .events = POLLOUT};
		pfd[1] = (struct pollfd){.fd = pout[0], .events = POLLIN};
		pfd[2] = (struct pollfd){.fd = perr[0], .events = POLLIN};
		t = deadline_poll_ms(deadline);
		if (t == 0) {
			kill(pid, SIGKILL);
			killed = 1;
			break;
		}
		n = poll(pfd, 3, t);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			break;
		if (pfd[0].revents & (POLLOUT | POLLERR | POLLHUP)) {
			ssize_t w = write(pin[1], in + off, inlen - off);

			if (w > 0)
				off += (size_t)w;
			if ((w == -1 && errno != EAGAIN && errno != EINTR) ||
			    off == inlen) {
				/* EPIPE: the command stopped reading. */
				close(pin[1]);
				pin[1] = -1;
			}
		}
		for (int i = 1; i < 3; i++) {
			int *fdp = i == 1 ? &pout[0] : &perr[0];
			struct buf *dst = i == 1 ? out : &err;
			ssize_t r;

			if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			r = read(*fdp, buf_reserve(dst, 65536), 65536);
			if (r > 0) {
				dst->len += (size_t)r;
				dst->data[dst->len] = '\0';
				if (i == 2 && err.len > 65536)
					buf_consume(&err, err.len - 4096);
				if (i == 1 && max_out && out->len > max_out) {
					kill(pid, SIGKILL);
					snprintf(why, whylen,
					    "output larger than %zu bytes",
					    max_out);
					killed = 2;
				}
			} else if (r == 0 || errno != EAGAIN) {
				close(*fdp);
				*fdp = -1;
			}
		}
		if (killed == 2)
			break;
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	pid = -1;
	if (killed == 1) {
		snprintf(why, whylen, "--pipe command timed out");
	} else if (killed == 2) {
		/* why already says what happened */
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		ret = 0;
	} else {
		char tail[256];

		last_line(
		    err.data ? err.data : "", err.len, tail, sizeof(tail));
		if (WIFSIGNALED(status))
			snprintf(why, whylen, "killed by signal %d%s%s",
			    WTERMSIG(status), tail[0] ? ": " : "", tail);
		else
			snprintf(why, whylen, "exited %d%s%s",
			    WEXITSTATUS(status), tail[0] ? ": " : "", tail);
	}
out:
	if (pid > 0) {
		kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
	}
	for (int i = 0; i < 2; i++) {
		if (pin[i] != -1)
			close(pin[i]);
		if (pout[i] != -1)
			close(pout[i]);
		if (perr[i] != -1)
			close(perr[i]);
	}
	if (fa_ok)
		posix_spawn_file_actions_destroy(&fa);
	free(env);
	buf_free(&err);
	if (!pipe_was_pending && sigpipe_pending()) {
		struct timespec zero = {0, 0};

		sigtimedwait(&pipeset, NULL, &zero);
	}
	pthread_sigmask(SIG_SETMASK, &oldmask, NULL);
	return ret;
}
