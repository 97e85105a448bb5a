/*
 * sig: the self-pipe. The handlers are the only code that runs
 * asynchronously, so they touch nothing but sig_atomic_t counters and the
 * pipe, and preserve errno. The loop compares counters with what it saw
 * last to learn which signals came (several of one kind may merge into one
 * byte; the counter keeps the number). Installed dispositions are restored
 * by sig_uninstall() so that the caller can re-raise a signal and die of it.
 * A SIGHUP ignored when we start (nohup) stays ignored.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sig.h"

static const int handled[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD};
#define NHANDLED (sizeof(handled) / sizeof(handled[0]))

static volatile sig_atomic_t counts[NHANDLED];
static int pipefd[2] = {-1, -1};
static struct sigaction saved[NHANDLED];
static int installed;

static void
handler(int signo)
{
	int save = errno;
	size_t i;
	char c = 0;

	for (i = 0; i < NHANDLED; i++)
		if (handled[i] == signo)
			counts[i]++;
	if (pipefd[1] != -1)
		(void)!write(pipefd[1], &c, 1);
	errno = save;
}

int
sig_install(void)
{
	struct sigaction sa;
	size_t i;

	if (installed)
		return 0;
	if (pipe2(pipefd, O_CLOEXEC | O_NONBLOCK) == -1)
		return -1;
	for (i = 0; i < NHANDLED; i++)
		counts[i] = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NHANDLED; i++) {
		sigaction(handled[i], NULL, &saved[i]);
		if (handled[i] == SIGHUP && saved[i].sa_handler == SIG_IGN)
			continue;
		sa.sa_flags = SA_RESTART;
		if (handled[i] == SIGCHLD)
			sa.sa_flags |= SA_NOCLDSTOP;
		sigaction(handled[i], &sa, NULL);
	}
	installed = 1;
	return 0;
}

void
sig_uninstall(void)
{
	size_t i;

	if (!installed)
		return;
	for (i = 0; i < NHANDLED; i++)
		sigaction(handled[i], &saved[i], NULL);
	close(pipefd[0]);
	close(pipefd[1]);
	pipefd[0] = pipefd[1] = -1;
	installed = 0;
}

int
sig_fd(void)
{
	return pipefd[0];
}

void
sig_drain(void)
{
	char b[64];

	if (pipefd[0] == -1)
		return;
	while (read(pipefd[0], b, sizeof(b)) > 0)
		;
}

unsigned long
sig_count(int signo)
{
	size_t i;

	for (i = 0; i < NHANDLED; i++)
		if (handled[i] == signo)
			return (unsigned long)counts[i];
	return 0;
}

const char *
sig_name(int signo)
{
	switch (signo) {
	case SIGINT:
		return "SIGINT";
	case SIGTERM:
		return "SIGTERM";
	case SIGHUP:
		return "SIGHUP";
	case SIGQUIT:
		return "SIGQUIT";
	case SIGPIPE:
		return "SIGPIPE";
	}
	return "signal";
}

void
sig_block_all(sigset_t *old)
{
	sigset_t all;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, old);
}

void
sig_restore_mask(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

void
sig_child_reset(const sigset_t *old)
{
	size_t i;

	for (i = 0; i < NHANDLED; i++)
		signal(handled[i], SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	if (pipefd[0] != -1) {
		close(pipefd[0]);
		close(pipefd[1]);
		pipefd[0] = pipefd[1] = -1;
	}
	sigprocmask(SIG_SETMASK, old, NULL);
}
