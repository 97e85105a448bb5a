/*
 * ns_main: netsim's main, as named steps: options, the lab (devices
 * generated or read, then --set/--fault applied), signals, the server
 * and the files the tests wait for (inventory, pid, stats, ready), then
 * the event loop. Signals only write a byte to a self-pipe that the loop
 * polls like any other fd; all work (stats on SIGUSR1, shutdown on
 * SIGTERM/SIGINT) happens in the loop. The loop's poll timeout is the
 * nearest timer deadline, so delays, latency and trickle never sleep.
 * Startup errors end the program with one line and exit status 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <libssh/libssh.h>

#include "ns_device.h"
#include "ns_files.h"
#include "ns_lab.h"
#include "ns_log.h"
#include "ns_options.h"
#include "ns_server.h"
#include "version.h"

static int sigpipe_fds[2] = {-1, -1};
static volatile sig_atomic_t got_term, got_usr1;

static void
die(const char *msg)
{
	ns_log("%s", msg);
	exit(2);
}

static void
on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	if (sig == SIGUSR1)
		got_usr1 = 1;
	else
		got_term = 1;
	(void)!write(sigpipe_fds[1], &c, 1);
	errno = saved;
}

static void
drain(int fd)
{
	char buf[64];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

/* The devices of the lab file or of --devices/--base, knobs applied. */
static void
build_lab(const struct ns_options *o, struct ns_device **devs, size_t *n)
{
	char err[512], msg[700];
	const struct ns_spec *sp;
	size_t i;
	int rc;

	if (o->lab != NULL)
		rc = ns_lab_load(o->lab, devs, n, err, sizeof(err));
	else
		rc = ns_lab_generate(o->base, o->ndevices, o->per_port, devs, n,
		    err, sizeof(err));
	if (rc == -1)
		die(err);
	for (i = 0; i < o->nspecs; i++) {
		sp = &o->specs[i];
		if ((sp->fault ? ns_device_fault_spec : ns_device_set_spec)(
			*devs, *n, sp->text, err, sizeof(err)) == -1) {
			snprintf(msg, sizeof(msg), "%s: %s",
			    sp->fault ? "--fault" : "--set", err);
			die(msg);
		}
	}
	for (i = 0; i < *n; i++)
		if (ns_device_ready(&(*devs)[i], err, sizeof(err)) == -1)
			die(err);
}

/* Every listener and session is an fd: take the hard limit. */
static void
raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void
install_signals(void)
{
	struct sigaction sa;

	if (pipe2(sigpipe_fds, O_CLOEXEC | O_NONBLOCK) == -1)
		die("pipe2 failed");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void
write_stats(const char *path, const struct ns_stats *st)
{
	if (path != NULL && ns_files_stats(path, st) == -1)
		ns_log("%s: %s", path, strerror(errno));
}

/* Bind every device, then tell the world: files, ready fd, log line. */
static struct ns_server *
start_server(const struct ns_options *o, struct ns_device *devs, size_t n)
{
	struct ns_server *srv;
	char err[512], pid[32];
	int len;

	if ((srv = ns_server_new(devs, n, o->host_key, err, sizeof(err))) ==
	    NULL)
		die(err);
	if (ns_server_listen(srv, err, sizeof(err)) == -1)
		die(err);
	if (o->inventory != NULL &&
	    ns_files_inventory(o->inventory, devs, n) == -1) {
		snprintf(
		    err, sizeof(err), "%s: %s", o->inventory, strerror(errno));
		die(err);
	}
	if (o->pid_file != NULL) {
		len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
		if (ns_files_write(o->pid_file, pid, (size_t)len) == -1)
			die("cannot write the pid file");
	}
	write_stats(o->stats_file, ns_server_stats(srv));
	if (o->ready_file != NULL &&
	    ns_files_write(o->ready_file, "ready\n", 6) == -1)
		die("cannot write the ready file");
	if (o->ready_fd >= 0)
		close(o->ready_fd);
	ns_log("%zu device%s ready", n, n == 1 ? "" : "s");
	return srv;
}

/* Poll and tick until SIGTERM or SIGINT. */
static void
run(struct ns_server *srv, const char *stats_file)
{
	char line[256];
	int64_t wake = 0, now;
	int timeout;

	while (!got_term) {
		now = ns_now_ms();
		timeout = 1000;
		if (wake != 0)
			timeout = wake <= now	? 0
			    : wake - now < 1000 ? (int)(wake - now)
						: 1000;
		if (ns_server_poll(srv, sigpipe_fds[0], timeout))
			drain(sigpipe_fds[0]);
		if (got_usr1) {
			got_usr1 = 0;
			write_stats(stats_file, ns_server_stats(srv));
			ns_files_stats_line(
			    ns_server_stats(srv), line, sizeof(line));
			ns_log("%s", line);
		}
		wake = ns_server_tick(srv, ns_now_ms());
	}
}

int
main(int argc, char **argv)
{
	struct ns_options o;
	struct ns_device *devs = NULL;
	struct ns_server *srv;
	char err[512];
	size_t n = 0, i;

	switch (ns_options_parse(argc, argv, &o, err, sizeof(err))) {
	case NS_OPT_RUN:
		break;
	case NS_OPT_HELP:
		ns_options_usage(stdout);
		exit(0);
	case NS_OPT_VERSION:
		puts("netsim " NC_VERSION);
		exit(0);
	case NS_OPT_USAGE:
		ns_options_usage(stderr);
		exit(2);
	case NS_OPT_ERROR:
		die(err);
	}
	build_lab(&o, &devs, &n);
	raise_nofile();
	install_signals();
	srv = start_server(&o, devs, n);
	run(srv, o.stats_file);
	ns_server_end_sessions(srv);
	write_stats(o.stats_file, ns_server_stats(srv));
	ns_server_free(srv);
	for (i = 0; i < n; i++)
		ns_device_free(&devs[i]);
	free(devs);
	ns_options_free(&o);
	close(sigpipe_fds[0]);
	close(sigpipe_fds[1]);
	ssh_finalize();
	return 0;
}
