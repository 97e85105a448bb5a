/*
 * ncsession: log in to one device from flags and run commands, through
 * the same steps as the worker (connector, transport, dialogue), for the
 * t3xxx regress tests and for poking at a device by hand.
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

#include "connector.h"
#include "dialogue.h"
#include "platform.h"
#include "result.h"
#include "transport.h"
#include "util.h"

#define DEF_CONNECT_MS 10000
#define DEF_AUTH_MS 15000

/* The flags: a target, dialogue params and the stage timeouts. */
struct opts {
	struct transport_target tg;
	struct dialogue_params dp;
	int64_t connect_ms;
	const char *session_log;
	char *key_file;
};

/* A logged-in device. */
struct sess {
	struct transport *t;
	struct dialogue *d;
	int logfd;
};

static void
sess_close(struct sess *s)
{
	dialogue_close(s->d);
	transport_close(s->t);
	if (s->logfd != -1)
		close(s->logfd);
}

/* The worker's login steps. Returns 0, or -1 with f filled. */
static int
sess_open(struct opts *o, struct sess *s, struct failure *f)
{
	int64_t ms = o->connect_ms > 0 ? o->connect_ms : DEF_CONNECT_MS;
	int64_t dl = mono_ns() + ms * NS_PER_MS;
	int fd;

	memset(s, 0, sizeof(*s));
	s->logfd = -1;
	if (o->session_log != NULL) {
		s->logfd = open(o->session_log,
		    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (s->logfd == -1) {
			failure_set(f, ERR_INTERNAL, "session log %s: %s",
			    o->session_log, strerror(errno));
			return -1;
		}
	}
	o->dp.log_fd = s->logfd;
	if ((fd = connector_tcp(
		 o->tg.host, o->tg.port ? o->tg.port : 22, dl, f)) == -1 ||
	    (s->t = transport_open(fd, &o->tg, dl, f)) == NULL ||
	    transport_auth(s->t, mono_ns() + DEF_AUTH_MS * NS_PER_MS, f) ==
		-1 ||
	    (s->d = dialogue_open(transport_channels(s->t), &o->dp, f)) ==
		NULL) {
		sess_close(s);
		return -1;
	}
	return 0;
}

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
bench(struct opts *o, int n, int ncmd, char **cmds)
{
	struct failure err;
	struct sess s;
	int64_t w0 = mono_ns(), c0 = cpu_ns();
	char *out;
	size_t outlen;
	int i, j;

	for (i = 0; i < n; i++) {
		if (sess_open(o, &s, &err) == -1) {
			printf("error: %s: %s\n", err_kind_name(err.kind),
			    err.msg);
			return 1;
		}
		for (j = 0; j < ncmd; j++) {
			if (dialogue_run(s.d, cmds[j], &out, &outlen, &err) ==
			    -1) {
				printf("error: %s: %s\n",
				    err_kind_name(err.kind), err.msg);
				free(out);
				sess_close(&s);
				return 1;
			}
			free(out);
		}
		sess_close(&s);
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
	struct opts o;
	struct failure err;
	struct sess s;
	const char *type = "cisco_ios", *outdir = NULL;
	char *out;
	size_t outlen;
	int ch, i, rc = 0, repeat = 0;

	memset(&o, 0, sizeof(o));
	o.tg.hostkey_mode = HOSTKEY_ACCEPT_NEW;
	o.tg.password = getenv("NC_PASSWORD");
	o.dp.secret = getenv("NC_SECRET");
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			o.tg.host = optarg;
			break;
		case 'p':
			o.tg.port = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'u':
			o.tg.username = optarg;
			break;
		case 'P':
			o.tg.password = optarg;
			break;
		case 'S':
			o.dp.secret = optarg;
			break;
		case 't':
			type = optarg;
			break;
		case 'k':
			o.key_file = optarg;
			o.tg.key_files = (const char *const *)&o.key_file;
			o.tg.nkey_files = 1;
			break;
		case 'K':
			o.tg.passphrase = optarg;
			break;
		case 'A':
			o.tg.use_agent = 1;
			break;
		case 'f':
			o.tg.known_hosts = optarg;
			break;
		case 'c':
			if (strcmp(optarg, "strict") == 0)
				o.tg.hostkey_mode = HOSTKEY_STRICT;
			else if (strcmp(optarg, "accept-new") == 0)
				o.tg.hostkey_mode = HOSTKEY_ACCEPT_NEW;
			else if (strcmp(optarg, "off") == 0)
				o.tg.hostkey_mode = HOSTKEY_OFF;
			else
				usage();
			break;
		case 'l':
			o.session_log = optarg;
			break;
		case 'r':
			o.dp.read_timeout_ms = strtoll(optarg, NULL, 10);
			break;
		case 'C':
			o.connect_ms = strtoll(optarg, NULL, 10);
			break;
		case 'm':
			o.dp.max_output = (size_t)strtoull(optarg, NULL, 10);
			break;
		case 'a':
			o.tg.algorithms = optarg;
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
	if (o.tg.host == NULL || o.tg.username == NULL)
		usage();
	if ((o.dp.platform = platform_find(type)) == NULL) {
		struct buf names;

		buf_init(&names);
		platform_names(&names);
		fprintf(stderr, "ncsession: unknown type '%s' (valid: %.*s)\n",
		    type, (int)names.len, names.data);
		buf_free(&names);
		return 2;
	}
	o.dp.hide[0] = o.tg.password;
	o.dp.hide[1] = o.tg.passphrase;
	if (transport_global_init(0) == -1) {
		fprintf(stderr, "ncsession: libssh2_init failed\n");
		return 1;
	}
	if (repeat > 0)
		return bench(&o, repeat, argc - optind, argv + optind);
	if (sess_open(&o, &s, &err) == -1) {
		printf("error: %s: %s\n", err_kind_name(err.kind), err.msg);
		return 1;
	}
	if (transport_new_hostkey(s.t) != NULL)
		printf("new-hostkey: %s", transport_new_hostkey(s.t));
	for (i = optind; i < argc; i++) {
		if (dialogue_run(s.d, argv[i], &out, &outlen, &err) == -1) {
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
	sess_close(&s);
	transport_global_exit();
	return rc;
}
