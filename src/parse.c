/*
 * parse: `netcollect parse`, the engine without devices. Templates are
 * compiled once, then each input is read whole, parsed and printed before
 * the next is read. Diagnostics go to stderr; stdout carries the rows
 * only, and a failed write to it is an error like any other.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clitable.h"
#include "log.h"
#include "parse.h"
#include "pystr.h"
#include "textfsm.h"
#include "util.h"

#define MAX_INPUT (1024u * 1024 * 1024) /* bytes per input */

static const char usage[] =
    "usage: netcollect parse --template FILE [INPUT...]\n"
    "       netcollect parse [--textfsm DIR] --platform NAME --command CMD "
    "[INPUT...]\n"
    "\n"
    "Parse saved command output with TextFSM (python-textfsm 1.1.0 "
    "semantics).\n"
    "  --template FILE   this template\n"
    "  --textfsm DIR     the template DIR/index names for the platform and "
    "command\n"
    "                    (ntc-templates; default $NET_TEXTFSM)\n"
    "  --platform NAME   device_type, e.g. cisco_ios\n"
    "  --command CMD     the command that printed the input\n"
    "INPUT is a file, or - for stdin (the default). One input: a JSON array "
    "of\n"
    "rows. Several: one JSON line per input, {\"input\": PATH, \"rows\": "
    "[...]}\n"
    "or {\"input\": PATH, \"error\": \"...\"}. Exit 0 all parsed, 1 some "
    "input failed,\n"
    "2 usage or template error.\n";

struct parser {
	struct tfsm_template *tpl;
	struct clitable *ct;
	const struct clitable_entry *entry;
};

struct input {
	char *data;
	size_t len;
	size_t mapped; /* bytes of an anonymous mapping, or 0 for malloc */
};

/*
 * A regular file is read in one read() into memory mapped and populated
 * in one go: a 4 MB input is then not a thousand page faults.
 */
static int
read_file(int fd, size_t size, struct input *in)
{
	ssize_t n = 0;

	in->mapped = size + 1;
	in->data = mmap(NULL, in->mapped, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (in->data == MAP_FAILED) {
		in->data = NULL;
		in->mapped = 0;
		return -1;
	}
	while (in->len < size &&
	    ((n = read(fd, in->data + in->len, size - in->len)) > 0 ||
		(n < 0 && errno == EINTR)))
		in->len += n > 0 ? (size_t)n : 0;
	return n < 0 ? -1 : 0;
}

static void
input_free(struct input *in)
{
	if (in->mapped > 0)
		munmap(in->data, in->mapped);
	else
		free(in->data);
	memset(in, 0, sizeof(*in));
}

/* Read path (or stdin for "-") whole; -1 with the reason in err. */
static int
read_input(const char *path, struct input *in, char *err, size_t errlen)
{
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	struct stat st;
	struct buf b;
	ssize_t n = 0;
	int fd = STDIN_FILENO;

	memset(in, 0, sizeof(*in));
	if (name == path && (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size <= MAX_INPUT) {
		if (read_file(fd, (size_t)st.st_size, in) < 0)
			n = -1;
	} else {
		buf_init(&b);
		while (b.len <= MAX_INPUT &&
		    ((n = read(fd, buf_reserve(&b, 1 << 20), 1 << 20)) > 0 ||
			(n < 0 && errno == EINTR)))
			b.len += n > 0 ? (size_t)n : 0;
		in->len = b.len;
		in->data = buf_steal(&b, NULL);
	}
	if (n < 0 || in->len > MAX_INPUT) {
		snprintf(err, errlen, "%s: %s", name,
		    n < 0 ? strerror(errno) : "larger than 1 GiB");
		input_free(in);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return in->data == NULL ? -1 : 0;
}

/* Hand what the JSON writer has so far to stdout (a write error is seen
 * at the final flush). */
static void
flush(struct buf *out, void *arg)
{
	(void)arg;
	if (fwrite(out->data, 1, out->len, stdout) == out->len)
		out->len = 0;
}

/* Parse one input and append its rows as JSON to out; -1 with err. */
static int
parse_one(const struct parser *p, const char *path, struct buf *out, char *err,
    size_t errlen)
{
	struct tfsm_table tab;
	struct input in;
	int rc;

	if (read_input(path, &in, err, errlen) < 0)
		return -1;
	tfsm_table_init(&tab);
	if (p->tpl != NULL)
		rc = tfsm_parse(p->tpl, in.data, in.len, &tab, err, errlen);
	else
		rc = clitable_parse(
		    p->entry, in.data, in.len, &tab, err, errlen);
	input_free(&in);
	if (rc == 0)
		tfsm_table_write_json(&tab, TFSM_JSON_LOWER, out, flush, NULL);
	tfsm_table_free(&tab);
	return rc;
}

/* A JSON string of s, ill-formed UTF-8 (a path, a cut message) replaced. */
static void
text_json(struct buf *out, const char *s)
{
	char *fixed;
	size_t len;

	if ((fixed = pystr_utf8_replace(s, strlen(s), &len)) == NULL) {
		tfsm_json_string(out, s, strlen(s));
		return;
	}
	tfsm_json_string(out, fixed, len);
	free(fixed);
}

/* Write out and a newline to stdout, then empty it. */
static int
put_line(struct buf *out)
{
	buf_append(out, "\n", 1);
	if (fwrite(out->data, 1, out->len, stdout) != out->len)
		return -1;
	out->len = 0;
	return 0;
}

/* Set up p from the options; 0, or -1 after saying why (exit 2). */
static int
setup(struct parser *p, const char *tpl, const char *dir, const char *plat,
    const char *cmd)
{
	char err[1024];
	int rc;

	if (tpl != NULL) {
		if (dir != NULL || plat != NULL || cmd != NULL) {
			log_error(
			    "--template takes no --textfsm, --platform or "
			    "--command");
			return -1;
		}
		if ((p->tpl = tfsm_load(tpl, err, sizeof(err))) == NULL) {
			log_error("%s", err);
			return -1;
		}
		return 0;
	}
	if (dir == NULL && (dir = getenv("NET_TEXTFSM")) != NULL &&
	    *dir == '\0')
		dir = NULL;
	if (dir == NULL || plat == NULL || cmd == NULL) {
		log_error("need --template FILE, or --platform and --command "
			  "with --textfsm DIR (or $NET_TEXTFSM); see "
			  "'netcollect parse --help'");
		return -1;
	}
	if ((p->ct = clitable_open(dir, err, sizeof(err))) == NULL) {
		log_error("%s", err);
		return -1;
	}
	rc = clitable_lookup(p->ct, plat, cmd, &p->entry, err, sizeof(err));
	if (rc < 0) {
		log_error("%s", err);
		return -1;
	}
	if (rc == 0) {
		log_error("no template in %s/index for platform '%s', command "
			  "'%s'",
		    dir, plat, cmd);
		return -1;
	}
	return 0;
}

/* The options of `netcollect parse`. */
struct args {
	const char *tpl, *dir, *plat, *cmd;
};

/*
 * Read the options into *a: -1 to go on, with optind at the first input;
 * else the exit status (0 after --help, 2 after a bad option, reported).
 */
static int
read_options(int argc, char **argv, struct args *a)
{
	static const struct option longopts[] = {
	    {"template", required_argument, NULL, 't'},
	    {"textfsm", required_argument, NULL, 'd'},
	    {"platform", required_argument, NULL, 'p'},
	    {"command", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 't':
			a->tpl = optarg;
			break;
		case 'd':
			a->dir = optarg;
			break;
		case 'p':
			a->plat = optarg;
			break;
		case 'c':
			a->cmd = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return fflush(stdout) == 0 ? 0 : 1;
		default:
			log_error("unknown or incomplete option '%s'; see "
				  "'netcollect parse --help'",
			    argv[optind - 1]);
			return 2;
		}
	}
	return -1;
}

/*
 * Parse the n inputs and print their rows: one input bare, several (or
 * one through an index) each in a line that names it. Returns the exit
 * status: 0, or 1 when any failed.
 */
static int
parse_inputs(
    const struct parser *p, char *const *inputs, int n, struct buf *out)
{
	char err[2048];
	size_t mark;
	int i, status = 0;

	if (n == 0 || (n == 1 && p->tpl != NULL)) {
		if (parse_one(p, n == 0 ? "-" : inputs[0], out, err,
			sizeof(err)) < 0) {
			log_error("%s", err);
			return 1;
		}
		return put_line(out) < 0 ? 1 : 0;
	}
	for (i = 0; i < n; i++) {
		buf_append(out, "{\"input\":", 9);
		text_json(out, inputs[i]);
		buf_append(out, ",\"rows\":", 8);
		mark = out->len;
		if (parse_one(p, inputs[i], out, err, sizeof(err)) < 0) {
			out->len = mark - 8;
			buf_append(out, ",\"error\":", 9);
			text_json(out, err);
			status = 1;
		}
		buf_append(out, "}", 1);
		if (put_line(out) < 0)
			status = 1;
	}
	return status;
}

int
parse_main(int argc, char **argv)
{
	struct parser p = {NULL, NULL, NULL};
	struct args a = {NULL, NULL, NULL, NULL};
	struct buf out;
	int status;

	log_set_progname("netcollect parse");
	if ((status = read_options(argc, argv, &a)) != -1)
		return status;
	buf_init(&out);
	if (setup(&p, a.tpl, a.dir, a.plat, a.cmd) < 0)
		status = 2;
	else
		status = parse_inputs(&p, argv + optind, argc - optind, &out);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_error("stdout: %s", strerror(errno));
		if (status == 0)
			status = 1;
	}
	buf_free(&out);
	tfsm_free(p.tpl);
	clitable_free(p.ct);
	return status;
}
