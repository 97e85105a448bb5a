/*
 * ncsession: open one device session from flags and run commands, for the
 * session module's regress tests (until the collector exists) and for
 * poking at a device by hand.
 *
 *   ncsession --host H [--port P] --user U [--password PW] [--secret S]
 *       [--type cisco_ios] [--key FILE [--passphrase PP]] [--agent]
 *       [--known-hosts FILE] [--hostkey-check strict|accept-new|off]
 *       [--session-log FILE] [--read-timeout MS] [--connect-timeout MS]
 *       [--max-output BYTES] [--algorithms SPEC] [--out DIR] CMD...
 *
 * Output on stdout, per command: a line "=== CMD", then the cleaned
 * output bytes exactly, then one '\n' (added by us; the output itself
 * has no trailing newline). With --out DIR, command i's output is also
 * written byte-exact to DIR/i (i from 1). In accept-new mode a new host
 * key line is printed as "new-hostkey: LINE". On failure the last line
 * is "error: KIND: message" and the exit status is 1; usage errors
 * exit 2. Passwords may also come from $NC_PASSWORD / $NC_SECRET.
 *
 * --repeat N (benchmark): open, run the commands and close N times in
 * this process, printing nothing per command; the last line on stderr is
 * "repeat N: wall W ms/session, cpu C ms/session" (getrusage of this
 * process: login, enable and the commands, without process start-up).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <libssh2.h>

#include "inventory.h"
#include "platform.h"
#include "result.h"
#include "session.h"
#include "util.h"

static void
usage(void)
{
	fprintf(stderr,
	    "usage: ncsession --host H [--port P] --user U [--password PW] "
	    "[--secret S]\n"
	    "    [--type T] [--key FILE] [--passphrase PP] [--agent]\n"
	    "    [--known-hosts FILE] [--hostkey-check MODE] "
	    "[--session-log FILE]\n"
	    "    [--read-timeout MS] [--connect-timeout MS] "
	    "[--max-output N]\n"
	    "    [--algorithms SPEC] [--out DIR] CMD...\n");
	exit(2);
}

static int
write_file(const char *dir, int i, const char *p, size_t n)
{
	char path[4096];
	int fd, rc;

	snprintf(path, sizeof(path), "%s/%d", dir, i);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1)
		return -1;
	rc = write_all(fd, p, n);
	close(fd);
	return rc;
}

static int64_t
cpu_ns(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ((int64_t)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * NS_PER_SEC +
	    ((int64_t)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
}

static int
bench(const struct session_opts *o, int n, int ncmd, char **cmds)
{
	struct session_error err;
	struct session *s;
	int64_t w0 = mono_ns(), c0 = cpu_ns();
	char *out;
	size_t outlen;
	int i, j;

	for (i = 0; i < n; i++) {
		if ((s = session_open(o, &err)) == NULL) {
			printf("error: %s: %s\n", err_kind_name(err.kind),
			    err.msg);
			return 1;
		}
		for (j = 0; j < ncmd; j++) {
			if (session_run(s, cmds[j], &out, &outlen, &err) ==
			    -1) {
				printf("error: %s: %s\n",
				    err_kind_name(err.kind), err.msg);
				free(out);
				session_close(s);
				return 1;
			}
			free(out);
		}
		session_close(s);
	}
	fprintf(stderr,
	    "repeat %d: wall %.3f ms/session, cpu %.3f ms/session\n", n,
	    (double)(mono_ns() - w0) / n / 1e6,
	    (double)(cpu_ns() - c0) / n / 1e6);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"host", required_argument, NULL, 'h'},
	    {"port", required_argument, NULL, 'p'},
	    {"user", required_argument, NULL, 'u'},
	    {"password", required_argument, NULL, 'P'},
	    {"secret", required_argument, NULL, 'S'},
	    {"type", required_argument, NULL, 't'},
	    {"key", required_argument, NULL, 'k'},
	    {"passphrase", required_argument, NULL, 'K'},
	    {"agent", no_argument, NULL, 'A'},
	    {"known-hosts", required_argument, NULL, 'f'},
	    {"hostkey-check", required_argument, NULL, 'c'},
	    {"session-log", required_argument, NULL, 'l'},
	    {"read-timeout", required_argument, NULL, 'r'},
	    {"connect-timeout", required_argument, NULL, 'C'},
	    {"max-output", required_argument, NULL, 'm'},
	    {"algorithms", required_argument, NULL, 'a'},
	    {"out", required_argument, NULL, 'o'},
	    {"repeat", required_argument, NULL, 'R'},
	    {NULL, 0, NULL, 0},
	};
	struct session_opts o;
	struct session_error err;
	struct session *s;
	const char *type = "cisco_ios", *outdir = NULL;
	char *out;
	size_t outlen;
	int ch, i, rc = 0, repeat = 0;

	memset(&o, 0, sizeof(o));
	o.hostkey_mode = HOSTKEY_ACCEPT_NEW;
	o.password = getenv("NC_PASSWORD");
	o.secret = getenv("NC_SECRET");
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			o.host = optarg;
			break;
		case 'p':
			o.port = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'u':
			o.username = optarg;
			break;
		case 'P':
			o.password = optarg;
			break;
		case 'S':
			o.secret = optarg;
			break;
		case 't':
			type = optarg;
			break;
		case 'k':
			o.key_file = optarg;
			break;
		case 'K':
			o.passphrase = optarg;
			break;
		case 'A':
			o.use_agent = 1;
			break;
		case 'f':
			o.known_hosts = optarg;
			break;
		case 'c':
			if (strcmp(optarg, "strict") == 0)
				o.hostkey_mode = HOSTKEY_STRICT;
			else if (strcmp(optarg, "accept-new") == 0)
				o.hostkey_mode = HOSTKEY_ACCEPT_NEW;
			else if (strcmp(optarg, "off") == 0)
				o.hostkey_mode = HOSTKEY_OFF;
			else
				usage();
			break;
		case 'l':
			o.session_log = optarg;
			break;
		case 'r':
			o.read_timeout_ms = strtoll(optarg, NULL, 10);
			break;
		case 'C':
			o.connect_timeout_ms = strtoll(optarg, NULL, 10);
			break;
		case 'm':
			o.max_output = (size_t)strtoull(optarg, NULL, 10);
			break;
		case 'a':
			o.algorithms = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'R':
			repeat = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	if (o.host == NULL || o.username == NULL)
		usage();
	if ((o.platform = platform_find(type)) == NULL) {
		struct buf names;

		buf_init(&names);
		platform_names(&names);
		fprintf(stderr, "ncsession: unknown type '%s' (valid: %.*s)\n",
		    type, (int)names.len, names.data);
		buf_free(&names);
		return 2;
	}
	o.name = o.host;
	libssh2_init(0);
	if (repeat > 0)
		return bench(&o, repeat, argc - optind, argv + optind);
	s = session_open(&o, &err);
	if (s == NULL) {
		printf("error: %s: %s\n", err_kind_name(err.kind), err.msg);
		return 1;
	}
	if (session_new_hostkey(s) != NULL)
		printf("new-hostkey: %s", session_new_hostkey(s));
	for (i = optind; i < argc; i++) {
		if (session_run(s, argv[i], &out, &outlen, &err) == -1) {
			printf("error: %s: %s\n", err_kind_name(err.kind),
			    err.msg);
			free(out);
			rc = 1;
			break;
		}
		printf("=== %s\n", argv[i]);
		fwrite(out, 1, outlen, stdout);
		putchar('\n');
		if (outdir != NULL &&
		    write_file(outdir, i - optind + 1, out, outlen) == -1) {
			fprintf(stderr, "ncsession: %s: %s\n", outdir,
			    strerror(errno));
			rc = 1;
		}
		free(out);
	}
	fflush(stdout);
	session_close(s);
	libssh2_exit();
	return rc;
}
