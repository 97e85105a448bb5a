/*
 * postproc: run one --pipe command. Three pipes (stdin, stdout, stderr)
 * are pumped with one poll() loop so a command that writes before reading
 * all its input cannot deadlock us. The child gets the device fields only
 * through its environment, and starts like any process we start
 * (shcmd.h: default signals, an empty mask, no fds of ours). We wait for our own pid only, so this
 * never steals another child's exit status. SIGPIPE is blocked in the
 * calling thread while we write (a command may stop reading early) and
 * any pending one is consumed, so no caller needs to ignore it
 * process-wide.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "postproc.h"
#include "shcmd.h"
#include "util.h"

#define CHUNK 65536
#define ERR_KEEP 4096 /* of stderr, for the last line */

/* A command in flight: its pid and our ends of its three pipes. */
struct child {
	pid_t pid;
	int in, out, err; /* -1 once closed */
};

enum pump_end {
	PUMP_EXITED,   /* both outputs reached EOF */
	PUMP_TIMEOUT,  /* killed at the deadline */
	PUMP_TOO_MUCH, /* killed past max_out */
	PUMP_FAILED,   /* poll() failed */
};

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

static void
close_fd(int *fd)
{
	if (*fd != -1)
		close(*fd);
	*fd = -1;
}

/* Start /bin/sh -c cmd on three pipes. Returns 0, or -1 with why. */
static int
start(const char *cmd, char *const *env_extra, struct child *ch, char *why,
    size_t whylen)
{
	int pin[2] = {-1, -1}, pout[2] = {-1, -1}, perr[2] = {-1, -1};
	int fds[3], ret = -1;

	if (pipe2(pin, O_CLOEXEC) == -1 || pipe2(pout, O_CLOEXEC) == -1 ||
	    pipe2(perr, O_CLOEXEC) == -1) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		goto out;
	}
	fds[0] = pin[0];
	fds[1] = pout[1];
	fds[2] = perr[1];
	if (shcmd_spawn(cmd, env_extra, fds, &ch->pid, why, whylen) == -1)
		goto out;
	ch->in = pin[1];
	ch->out = pout[0];
	ch->err = perr[0];
	pin[1] = pout[0] = perr[0] = -1;
	fd_set_nonblock(ch->in);
	ret = 0;
out:
	for (int i = 0; i < 2; i++) {
		close_fd(&pin[i]);
		close_fd(&pout[i]);
		close_fd(&perr[i]);
	}
	return ret;
}

/* Feed stdin what it takes; closed when all is written or it quit. */
static void
pump_in(struct child *ch, const char *in, size_t inlen, size_t *off)
{
	ssize_t w = write(ch->in, in + *off, inlen - *off);

	if (w > 0)
		*off += (size_t)w;
	/* EPIPE: the command stopped reading. */
	if ((w == -1 && errno != EAGAIN && errno != EINTR) || *off == inlen)
		close_fd(&ch->in);
}

/* One read from stdout or stderr into dst; closed at EOF or error. */
static void
pump_out(int *fd, struct buf *dst)
{
	ssize_t r = read(*fd, buf_reserve(dst, CHUNK), CHUNK);

	if (r > 0) {
		dst->len += (size_t)r;
		dst->data[dst->len] = '\0';
	} else if (r == 0 || errno != EAGAIN)
		close_fd(fd);
}

/* The poll() loop: until both outputs end, the deadline, or max_out. */
static enum pump_end
pump(struct child *ch, const char *in, size_t inlen, int64_t deadline,
    size_t max_out, struct buf *out, struct buf *err)
{
	struct pollfd pfd[3];
	size_t off = 0;
	int n, t;

	if (inlen == 0)
		close_fd(&ch->in);
	while (ch->out != -1 || ch->err != -1) {
		pfd[0] = (struct pollfd){.fd = ch->in, .events = POLLOUT};
		pfd[1] = (struct pollfd){.fd = ch->out, .events = POLLIN};
		pfd[2] = (struct pollfd){.fd = ch->err, .events = POLLIN};
		if ((t = deadline_poll_ms(deadline)) == 0)
			return PUMP_TIMEOUT;
		n = poll(pfd, 3, t);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return PUMP_FAILED;
		if (pfd[0].revents & (POLLOUT | POLLERR | POLLHUP))
			pump_in(ch, in, inlen, &off);
		if (pfd[1].revents & (POLLIN | POLLHUP | POLLERR))
			pump_out(&ch->out, out);
		if (pfd[2].revents & (POLLIN | POLLHUP | POLLERR)) {
			pump_out(&ch->err, err);
			if (err->len > CHUNK)
				buf_consume(err, err->len - ERR_KEEP);
		}
		if (max_out && out->len > max_out)
			return PUMP_TOO_MUCH;
	}
	return PUMP_EXITED;
}

/* What the exit status and stderr's last line say. 0 when it exited 0. */
static int
verdict(int status, const struct buf *err, char *why, size_t whylen)
{
	char tail[256];
	const char *sep;

	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	last_line(err->data ? err->data : "", err->len, tail, sizeof(tail));
	sep = tail[0] ? ": " : "";
	if (WIFSIGNALED(status))
		snprintf(why, whylen, "killed by signal %d%s%s",
		    WTERMSIG(status), sep, tail);
	else
		snprintf(why, whylen, "exited %d%s%s", WEXITSTATUS(status), sep,
		    tail);
	return -1;
}

int
postproc_run(const char *cmd, char *const *env_extra, const char *in,
    size_t inlen, int64_t deadline, size_t max_out, struct buf *out, char *why,
    size_t whylen)
{
	struct child ch = {.pid = -1, .in = -1, .out = -1, .err = -1};
	struct timespec zero = {0, 0};
	sigset_t pipeset, oldmask;
	int status, ret = -1, was_pending, perr;
	enum pump_end end;
	struct buf err;

	sigemptyset(&pipeset);
	sigaddset(&pipeset, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipeset, &oldmask);
	was_pending = sigpipe_pending();
	buf_init(&err);
	why[0] = '\0';
	if (start(cmd, env_extra, &ch, why, whylen) == -1)
		goto out;
	end = pump(&ch, in, inlen, deadline, max_out, out, &err);
	perr = errno;
	if (end != PUMP_EXITED)
		kill(ch.pid, SIGKILL);
	while (waitpid(ch.pid, &status, 0) == -1 && errno == EINTR)
		;
	switch (end) {
	case PUMP_EXITED:
		ret = verdict(status, &err, why, whylen);
		break;
	case PUMP_TIMEOUT:
		snprintf(why, whylen, "--pipe command timed out");
		break;
	case PUMP_TOO_MUCH:
		snprintf(why, whylen, "output larger than %zu bytes", max_out);
		break;
	case PUMP_FAILED:
		snprintf(why, whylen, "poll: %s", strerror(perr));
		break;
	}
out:
	close_fd(&ch.in);
	close_fd(&ch.out);
	close_fd(&ch.err);
	buf_free(&err);
	if (!was_pending && sigpipe_pending())
		sigtimedwait(&pipeset, NULL, &zero);
	pthread_sigmask(SIG_SETMASK, &oldmask, NULL);
	return ret;
}
