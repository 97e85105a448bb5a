/*
 * netsim main: command line, device generation, files for the tests
 * (inventory, pid, ready, stats) and the event loop. Signals only write a
 * byte to a self-pipe that the loop polls like any other fd; all work
 * (stats on SIGUSR1, shutdown on SIGTERM/SIGINT) happens in the loop.
 * The loop's poll timeout is the nearest timer deadline, so delays,
 * latency and trickle never sleep.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <libssh/libssh.h>

#include "ns_device.h"
#include "ns_server.h"

struct stats stats;

static int sigpipe_fds[2] = {-1, -1};
static volatile sig_atomic_t got_term, got_usr1;

static const char usage[] =
    "usage: netsim [--devices N --base ADDR:PORT [--per-port] | --lab FILE]\n"
    "              [--write-inventory FILE] [--ready-fd N] [--ready-file "
    "FILE]\n"
    "              [--pid-file FILE] [--stats-file FILE] [--host-key "
    "FILE]\n"
    "              [--platform P] [--username U] [--password P] [--secret "
    "S]\n"
    "              [--auth METHODS] [--banner TEXT] [--interfaces K]\n"
    "              [--config-size BYTES] [--latency MS] [--login-delay MS]\n"
    "              [--banner-delay MS] [--trickle BYTES_PER_MS] [--legacy]\n"
    "              [--fault NAME[=VALUE][:RANGE]]... [--set "
    "[RANGE:]KEY=VALUE]...\n"
    "\n"
    "  --devices N        generate R1..RN (default 1)\n"
    "  --base ADDR:PORT   first address (127.0.0.0/8 only); consecutive\n"
    "                     addresses share PORT; PORT 0 = a free port each\n"
    "  --per-port         consecutive ports on ADDR instead\n"
    "  --lab FILE         devices from a lab file (see netsim(1))\n"
    "  --fault SPEC       NAME[=VALUE][:RANGE], e.g. auth_fail:1-10,15 or\n"
    "                     huge_output=20:3. Faults: auth_fail "
    "hang_after_auth\n"
    "                     hang_mid_output disconnect_mid_output "
    "drop_on_connect\n"
    "                     no_pty garbage prompt_in_output huge_output=MB\n"
    "  --set SPEC         [RANGE:]KEY=VALUE for any lab-file key, e.g.\n"
    "                     --set 1-10:latency=200 --set 5:platform=linux\n"
    "  RANGE              all, N, N-M, or a comma list (1-based index)\n"
    "  Signals: SIGUSR1 writes the stats file, SIGTERM/SIGINT exit 0.\n";

static void
die(const char *msg)
{
	char line[1024];
	int n = snprintf(line, sizeof(line), "netsim: %s\n", msg);

	if (n > 0)
		(void)!write(2, line,
		    (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
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

/* Write path atomically: a temp file in the same directory, then rename. */
static int
write_atomic(const char *path, const char *data, size_t len)
{
	char tmp[4096];
	int fd, rc = -1;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) ==
	    -1)
		return -1;
	if (write(fd, data, len) == (ssize_t)len && close(fd) == 0) {
		fd = -1;
		rc = rename(tmp, path);
	}
	if (fd != -1)
		close(fd);
	if (rc == -1)
		unlink(tmp);
	return rc;
}

static void
write_stats(const char *path)
{
	char buf[512];
	int n;

	n = snprintf(buf, sizeof(buf),
	    "connections=%lu\nauth_failures=%lu\nsessions=%lu\n"
	    "max_sessions=%lu\ncommands=%lu\n",
	    stats.connections, stats.auth_failures, stats.sessions,
	    stats.max_sessions, stats.commands);
	if (path != NULL && write_atomic(path, buf, (size_t)n) == -1)
		fprintf(stderr, "netsim: %s: %s\n", path, strerror(errno));
}

/* A YAML double-quoted scalar. */
static void
yq(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static int
write_inventory(const char *path, struct device *devs, size_t n)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;
	int rc;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return -1;
	fprintf(f, "# netsim inventory\nrouters:\n");
	for (i = 0; i < n; i++) {
		fprintf(f, "  - name: ");
		yq(f, devs[i].hostname);
		fprintf(f, "\n    device_type: %s\n    ip: ",
		    platform_name(devs[i].platform));
		yq(f, devs[i].address);
		fprintf(f, "\n    port: %u\n    username: ", devs[i].port);
		yq(f, devs[i].username);
		fprintf(f, "\n    password: ");
		yq(f, devs[i].password);
		fprintf(f, "\n    secret: ");
		yq(f, devs[i].secret);
		fprintf(f, "\n");
	}
	fclose(f);
	rc = write_atomic(path, buf, len);
	free(buf);
	return rc;
}

static int
loopback(const char *addr)
{
	struct in_addr a;

	if (inet_pton(AF_INET, addr, &a) != 1)
		return 0;
	return (ntohl(a.s_addr) >> 24) == 127;
}

enum opt {
	O_DEVICES = 256,
	O_BASE,
	O_PER_PORT,
	O_LAB,
	O_INVENTORY,
	O_READY_FD,
	O_READY_FILE,
	O_PID_FILE,
	O_STATS_FILE,
	O_HOST_KEY,
	O_FAULT,
	O_SET,
	O_LEGACY,
	O_HELP,
	O_KNOB, /* --platform etc.: a --set for all devices */
};

static const struct option longopts[] = {
    {"devices", required_argument, NULL, O_DEVICES},
    {"base", required_argument, NULL, O_BASE},
    {"per-port", no_argument, NULL, O_PER_PORT},
    {"lab", required_argument, NULL, O_LAB},
    {"write-inventory", required_argument, NULL, O_INVENTORY},
    {"ready-fd", required_argument, NULL, O_READY_FD},
    {"ready-file", required_argument, NULL, O_READY_FILE},
    {"pid-file", required_argument, NULL, O_PID_FILE},
    {"stats-file", required_argument, NULL, O_STATS_FILE},
    {"host-key", required_argument, NULL, O_HOST_KEY},
    {"fault", required_argument, NULL, O_FAULT},
    {"set", required_argument, NULL, O_SET},
    {"legacy", no_argument, NULL, O_LEGACY},
    {"help", no_argument, NULL, O_HELP},
    {"platform", required_argument, NULL, O_KNOB},
    {"username", required_argument, NULL, O_KNOB},
    {"password", required_argument, NULL, O_KNOB},
    {"secret", required_argument, NULL, O_KNOB},
    {"auth", required_argument, NULL, O_KNOB},
    {"banner", required_argument, NULL, O_KNOB},
    {"interfaces", required_argument, NULL, O_KNOB},
    {"config-size", required_argument, NULL, O_KNOB},
    {"latency", required_argument, NULL, O_KNOB},
    {"login-delay", required_argument, NULL, O_KNOB},
    {"banner-delay", required_argument, NULL, O_KNOB},
    {"trickle", required_argument, NULL, O_KNOB},
    {NULL, 0, NULL, 0},
};

struct spec {
	int fault; /* --fault, else --set */
	char *text;
};

int
main(int argc, char **argv)
{
	struct device *devs = NULL;
	struct spec *specs = NULL;
	size_t ndevs = 0, nspecs = 0, i, ndev_arg = 1;
	const char *base = "127.0.0.1:0", *lab = NULL, *inv = NULL;
	const char *ready_file = NULL, *pid_file = NULL, *stats_file = NULL;
	const char *host_key = NULL;
	char err[512], addr[64], *colon, *end, key[64];
	int ch, idx, per_port = 0, ready_fd = -1, devices_given = 0;
	unsigned long port;
	struct server *srv;
	struct rlimit rl;
	struct sigaction sa;
	struct in_addr a;
	int64_t wake, now;
	int timeout;

	while ((ch = getopt_long(argc, argv, "h", longopts, &idx)) != -1) {
		switch (ch) {
		case O_DEVICES:
			ndev_arg = strtoul(optarg, &end, 10);
			if (*end != '\0' || ndev_arg < 1 || ndev_arg > 60000)
				die("--devices: expected 1..60000");
			devices_given = 1;
			break;
		case O_BASE:
			base = optarg;
			break;
		case O_PER_PORT:
			per_port = 1;
			break;
		case O_LAB:
			lab = optarg;
			break;
		case O_INVENTORY:
			inv = optarg;
			break;
		case O_READY_FD:
			ready_fd = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || ready_fd < 0)
				die("--ready-fd: expected a file descriptor");
			break;
		case O_READY_FILE:
			ready_file = optarg;
			break;
		case O_PID_FILE:
			pid_file = optarg;
			break;
		case O_STATS_FILE:
			stats_file = optarg;
			break;
		case O_HOST_KEY:
			host_key = optarg;
			break;
		case O_FAULT:
		case O_SET:
		case O_LEGACY:
		case O_KNOB:
			specs = realloc(specs, (nspecs + 1) * sizeof(*specs));
			if (specs == NULL)
				die("out of memory");
			specs[nspecs].fault = ch == O_FAULT;
			if (ch == O_LEGACY) {
				specs[nspecs].text = strdup("legacy=1");
			} else if (ch == O_KNOB) {
				size_t k;

				snprintf(
				    key, sizeof(key), "%s", longopts[idx].name);
				for (k = 0; key[k] != '\0'; k++)
					if (key[k] == '-')
						key[k] = '_';
				if (asprintf(&specs[nspecs].text, "all:%s=%s",
					key, optarg) == -1)
					die("out of memory");
			} else {
				specs[nspecs].text = strdup(optarg);
			}
			nspecs++;
			break;
		case O_HELP:
		case 'h':
			fputs(usage, stdout);
			exit(0);
		default:
			fputs(usage, stderr);
			exit(2);
		}
	}
	if (optind != argc) {
		fputs(usage, stderr);
		exit(2);
	}
	if (lab != NULL && devices_given)
		die("--lab and --devices are exclusive");

	if (lab != NULL) {
		if (lab_load(lab, &devs, &ndevs, err, sizeof(err)) == -1)
			die(err);
	} else {
		snprintf(addr, sizeof(addr), "%s", base);
		if ((colon = strrchr(addr, ':')) == NULL)
			die("--base: expected ADDR:PORT");
		*colon++ = '\0';
		port = strtoul(colon, &end, 10);
		if (*end != '\0' || port > 65535)
			die("--base: bad port");
		if (!loopback(addr)) {
			snprintf(err, sizeof(err),
			    "refusing address %s: only 127.0.0.0/8 is allowed",
			    addr);
			die(err);
		}
		if (per_port && port != 0 && port + ndev_arg - 1 > 65535)
			die("--base: port range exceeds 65535");
		inet_pton(AF_INET, addr, &a);
		if (!per_port &&
		    (ntohl(a.s_addr) & 0xffffff) + ndev_arg - 1 > 0xfffffe)
			die("--base: address range leaves 127.0.0.0/8");
		if ((devs = calloc(ndev_arg, sizeof(*devs))) == NULL)
			die("out of memory");
		ndevs = ndev_arg;
		for (i = 0; i < ndevs; i++) {
			struct in_addr ai;
			char abuf[INET_ADDRSTRLEN];

			device_defaults(&devs[i], i + 1);
			ai.s_addr =
			    per_port ? a.s_addr : htonl(ntohl(a.s_addr) + i);
			inet_ntop(AF_INET, &ai, abuf, sizeof(abuf));
			free(devs[i].address);
			devs[i].address = strdup(abuf);
			devs[i].port = (unsigned)(port == 0 ? 0
				: per_port		    ? port + i
							    : port);
		}
	}
	for (i = 0; i < nspecs; i++) {
		if ((specs[i].fault ? device_fault_spec : device_set_spec)(
			devs, ndevs, specs[i].text, err, sizeof(err)) == -1) {
			char msg[700];

			snprintf(msg, sizeof(msg), "%s: %s",
			    specs[i].fault ? "--fault" : "--set", err);
			die(msg);
		}
		free(specs[i].text);
	}
	free(specs);
	for (i = 0; i < ndevs; i++) {
		if (!loopback(devs[i].address)) {
			snprintf(err, sizeof(err),
			    "%s: refusing address %s: only 127.0.0.0/8 is "
			    "allowed",
			    devs[i].hostname, devs[i].address);
			die(err);
		}
		devs[i].seed = hash_str(devs[i].hostname);
		if (device_load_keys(&devs[i], err, sizeof(err)) == -1)
			die(err);
	}

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (pipe2(sigpipe_fds, O_CLOEXEC | O_NONBLOCK) == -1)
		die("pipe2 failed");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((srv = server_new(devs, ndevs, host_key, err, sizeof(err))) == NULL)
		die(err);
	if (server_listen(srv, err, sizeof(err)) == -1)
		die(err);
	if (inv != NULL && write_inventory(inv, devs, ndevs) == -1) {
		snprintf(err, sizeof(err), "%s: %s", inv, strerror(errno));
		die(err);
	}
	if (pid_file != NULL) {
		char pid[32];
		int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());

		if (write_atomic(pid_file, pid, (size_t)n) == -1)
			die("cannot write the pid file");
	}
	write_stats(stats_file);
	if (ready_file != NULL && write_atomic(ready_file, "ready\n", 6) == -1)
		die("cannot write the ready file");
	if (ready_fd >= 0)
		close(ready_fd);
	fprintf(stderr, "netsim: %zu device%s ready\n", ndevs,
	    ndevs == 1 ? "" : "s");

	wake = 0;
	while (!got_term) {
		now = now_ms();
		timeout = 1000;
		if (wake != 0)
			timeout = wake <= now	? 0
			    : wake - now < 1000 ? (int)(wake - now)
						: 1000;
		if (server_poll(srv, sigpipe_fds[0], timeout))
			drain(sigpipe_fds[0]);
		if (got_usr1) {
			got_usr1 = 0;
			write_stats(stats_file);
			fprintf(stderr,
			    "netsim: connections=%lu auth_failures=%lu "
			    "sessions=%lu max_sessions=%lu commands=%lu\n",
			    stats.connections, stats.auth_failures,
			    stats.sessions, stats.max_sessions, stats.commands);
		}
		wake = server_tick(srv, now_ms());
	}
	server_free(srv);
	write_stats(stats_file);
	for (i = 0; i < ndevs; i++)
		device_free(&devs[i]);
	free(devs);
	close(sigpipe_fds[0]);
	close(sigpipe_fds[1]);
	ssh_finalize();
	return 0;
}
