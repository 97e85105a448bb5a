/*
 * merge: jsonl results joined into one run, in two passes so that memory
 * stays bounded by one record.
 *
 * The first pass reads every file line by line and keeps, per device,
 * only where its winning record is (file, line, offset, length): no
 * output. The second visits the devices in output order (the inventory's
 * with -i, else the order their names were first seen), reads each
 * winning record again with pread(), rebuilds its struct result
 * (jsonout_read) and hands it to output_result(), which writes it at once
 * in input order. What grows with the run is that index (some 40 bytes a
 * device, plus its name, address and group without -i) and the sinks'
 * per-device summary; --group and --format json hold every result until
 * the end, as a run does.
 *
 * A device twice in one file is an error. In two files, the later file's
 * record replaces the earlier one when that one failed (the file is a
 * rerun of the failures, --rerun-failed) or with --later-wins (any
 * rerun); otherwise two files claim the device (overlapping shards), an
 * error naming both places. With -i, a device in no file is failed as
 * kind missing, and a record naming a device not in the inventory is a
 * warning (left out). Every error is found by the first pass, before
 * anything is written (exit 2).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "inventory.h"
#include "jsonout.h"
#include "keyword.h"
#include "log.h"
#include "merge.h"
#include "options.h"
#include "output.h"
#include "util.h"

#define NO_FILE UINT32_MAX
#define MAX_FILES 100000
#define MAX_SHOWN 10 /* problems listed one by one, then a count */

struct merge_opts {
	const char *inventory; /* -i, or NULL */
	enum out_format format;
	enum color_mode color;
	int group;
	int raw;
	int quiet;
	int later_wins;
	char **files;
	size_t nfiles;
};

/* Where a device's winning record is. */
struct place {
	uint32_t file; /* NO_FILE: none yet */
	uint32_t line;
	int ok;
	off_t off;
	size_t len;
};

struct merge {
	const struct merge_opts *opt;
	struct inventory inv; /* -i's, or built from the records */
	struct place *at;     /* per device of inv */
	size_t devcap;
	size_t *tab; /* names: device index + 1, 0 empty */
	size_t tabcap;
	char **paths; /* the jsonl file of each operand */
	int *fds;
	size_t nfiles;
	size_t problems; /* errors: nothing is merged */
	size_t unknown;	 /* records of devices not in -i's inventory */
	int64_t first_start, last_finish;
};

static const char merge_usage[] =
    "Usage: netcollect merge [-i INVENTORY] [--format F] [--group]\n"
    "                        [--later-wins] FILE...\n"
    "Join the jsonl results of shards (or of a run and its reruns) into\n"
    "one run, with its summary and exit status.\n"
    "  -i, --inventory FILE  report devices in no file as failed (kind\n"
    "                        missing); output in inventory order\n"
    "                        (default: the order devices first appear)\n"
    "      --format F        text (default), json or jsonl\n"
    "  -G, --group           identical outputs once (text or json)\n"
    "      --later-wins      a later file's record replaces any earlier\n"
    "                        one (default: only a failed one; a device\n"
    "                        ok in two files is an error)\n"
    "      --color WHEN      auto (default), always, never\n"
    "      --raw             device bytes as they are (default: \\xNN)\n"
    "  -q, --quiet           no summary\n"
    "A FILE may be a --run-dir run directory (its results.jsonl).\n"
    "Exit status: 0 all ok, 1 some failed or missing, 2 usage, an\n"
    "unreadable file or a device in two files, 3 stdout failed.\n";

static int
usage_error(const char *msg, const char *arg)
{
	log_error("merge: %s%s%s", msg, arg ? ": " : "", arg ? arg : "");
	(void)write_all(STDERR_FILENO, "Try 'netcollect merge --help'.\n", 31);
	return 2;
}

/* An error of the first pass; the first MAX_SHOWN are shown. */
static void problem(struct merge *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
problem(struct merge *m, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (m->problems++ >= MAX_SHOWN)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	log_error("merge: %s", msg != NULL ? msg : "(no memory)");
	free(msg);
}

static uint64_t
name_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037); /* FNV-1a */

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * UINT64_C(1099511628211);
	return h;
}

/* The slot of name in the table: its entry, or the empty one for it. */
static size_t *
name_slot(struct merge *m, const char *name)
{
	size_t mask = m->tabcap - 1, i;

	for (i = name_hash(name) & mask; m->tab[i] != 0; i = (i + 1) & mask)
		if (strcmp(m->inv.devices[m->tab[i] - 1].name, name) == 0)
			break;
	return &m->tab[i];
}

/* Room in the name table for n names (load factor at most one half). */
static void
names_reserve(struct merge *m, size_t n)
{
	size_t old = m->tabcap, *t = m->tab;

	if (2 * n <= m->tabcap)
		return;
	m->tabcap = old ? old : 1024;
	while (2 * n > m->tabcap)
		m->tabcap *= 2;
	m->tab = xcalloc(m->tabcap, sizeof(*m->tab));
	for (size_t i = 0; i < old; i++)
		if (t[i] != 0)
			*name_slot(m, m->inv.devices[t[i] - 1].name) = t[i];
	free(t);
}

static char *
str_or_null(const json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));

	return s != NULL ? xstrdup(s) : NULL;
}

/* Without -i: the device as its record describes it. */
static void
describe(struct device *d, const json_t *j)
{
	json_int_t port = json_integer_value(json_object_get(j, "port"));

	free(d->host);
	free(d->group);
	free(d->device_type);
	d->host = str_or_null(j, "host");
	if (d->host == NULL)
		d->host = xstrdup("");
	d->group = str_or_null(j, "group");
	d->device_type = str_or_null(j, "device_type");
	d->port = port > 0 && port <= 65535 ? (unsigned)port : 0;
}

/* Without -i: a device first seen in record j. Returns its index. */
static size_t
add_device(struct merge *m, const char *name, const json_t *j)
{
	struct inventory *inv = &m->inv;
	size_t i = inv->ndevices;

	if (i == m->devcap) {
		m->devcap = m->devcap ? m->devcap * 2 : 256;
		inv->devices =
		    xrealloc(inv->devices, m->devcap * sizeof(*inv->devices));
		m->at = xrealloc(m->at, m->devcap * sizeof(*m->at));
	}
	memset(&inv->devices[i], 0, sizeof(inv->devices[i]));
	inv->devices[i].index = i;
	inv->devices[i].name = xstrdup(name);
	describe(&inv->devices[i], j);
	m->at[i].file = NO_FILE;
	inv->ndevices++;
	return i;
}

/* One line of file k, line number line at offset off. */
static void
index_record(struct merge *m, uint32_t k, uint32_t line, off_t off,
    const char *text, size_t len)
{
	const char *name, *path = m->paths[k];
	json_error_t e;
	struct place *p;
	size_t *slot, i;
	json_t *j;

	j = json_loadb(text, len, JSON_ALLOW_NUL, &e);
	name = json_string_value(json_object_get(j, "device"));
	if (j == NULL || !json_is_object(j) || name == NULL) {
		problem(m,
		    "%s:%u: not a netcollect result%s%s (merge reads jsonl: "
		    "--format jsonl, or results.jsonl of --run-dir)",
		    path, line, j == NULL ? ": " : "", j == NULL ? e.text : "");
		goto out;
	}
	names_reserve(m, m->inv.ndevices + 1);
	slot = name_slot(m, name);
	if (*slot == 0 && m->opt->inventory != NULL) {
		if (m->unknown++ < MAX_SHOWN)
			log_warn("merge: %s:%u: %s is not in %s: left out",
			    path, line, name, m->opt->inventory);
		goto out;
	}
	if (*slot == 0)
		*slot = add_device(m, name, j) + 1;
	i = *slot - 1;
	p = &m->at[i];
	if (p->file == k) {
		problem(m, "%s is twice in %s (lines %u and %u)", name, path,
		    p->line, line);
		goto out;
	}
	if (p->file != NO_FILE && p->ok && !m->opt->later_wins) {
		problem(m,
		    "%s is in both %s:%u and %s:%u (do the shards overlap? a "
		    "later file replaces only a failed record, or any with "
		    "--later-wins)",
		    name, m->paths[p->file], p->line, path, line);
		goto out;
	}
	if (p->file != NO_FILE && m->opt->inventory == NULL)
		describe(&m->inv.devices[i], j);
	p->file = k;
	p->line = line;
	p->ok = json_is_true(json_object_get(j, "ok"));
	p->off = off;
	p->len = len;
out:
	json_decref(j);
}

/* The jsonl file operand arg names: itself, or a run dir's results. */
static char *
jsonl_path(const char *arg)
{
	struct stat st;

	if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
		return xasprintf("%s/results.jsonl", arg);
	return xstrdup(arg);
}

/* Pass one over file k. 0, or -1 when it cannot be read (said). */
static int
index_file(struct merge *m, uint32_t k)
{
	const char *path = m->paths[k];
	char *line = NULL;
	size_t cap = 0, len;
	uint32_t lineno = 0;
	off_t off = 0;
	struct stat st;
	ssize_t n;
	FILE *f;
	int fd, rc = -1;

	m->fds[k] = open(path, O_RDONLY | O_CLOEXEC);
	if (m->fds[k] == -1 || fstat(m->fds[k], &st) == -1) {
		problem(m, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		/* Records are read again by offset: a pipe cannot be. */
		problem(m, "%s: not a regular file", path);
		return -1;
	}
	if ((fd = dup(m->fds[k])) == -1 || (f = fdopen(fd, "r")) == NULL) {
		problem(m, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		len = (size_t)n;
		while (
		    len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len > 0)
			index_record(m, k, lineno, off, line, len);
		off += n;
	}
	if (ferror(f))
		problem(m, "%s: %s", path, strerror(errno));
	else
		rc = 0;
	free(line);
	fclose(f);
	return rc;
}

/* Record (file, offset) as a result for device i, or NULL (said). */
static struct result *
read_record(struct merge *m, size_t i, struct buf *rec)
{
	const struct place *p = &m->at[i];
	const char *path = m->paths[p->file];
	struct device *d = &m->inv.devices[i];
	struct result *r = result_new(i);
	json_error_t e;
	struct buf err;
	json_t *j = NULL;
	ssize_t n;

	buf_init(&err);
	buf_reset(rec);
	buf_reserve(rec, p->len);
	n = pread(m->fds[p->file], rec->data, p->len, p->off);
	if (n != (ssize_t)p->len) {
		log_error("merge: %s:%u: %s", path, p->line,
		    n == -1 ? strerror(errno)
			    : "the file changed while merged");
		goto fail;
	}
	rec->len = p->len;
	j = json_loadb(rec->data, rec->len, JSON_ALLOW_NUL, &e);
	for (size_t c = 0; c < d->ncommands; c++)
		free(d->commands[c]);
	free(d->commands);
	d->commands = NULL;
	d->ncommands = 0;
	if (j == NULL ||
	    jsonout_read(j, r, &d->commands, &d->ncommands, &err) == -1) {
		log_error("merge: %s:%u: %s", path, p->line,
		    j == NULL ? e.text : err.data);
		goto fail;
	}
	json_decref(j);
	buf_free(&err);
	if (r->started > 0 &&
	    (m->first_start == 0 || r->started < m->first_start))
		m->first_start = r->started;
	if (r->finished > m->last_finish)
		m->last_finish = r->finished;
	return r;
fail:
	json_decref(j);
	buf_free(&err);
	result_free(r);
	return NULL;
}

/*
 * Pass two: every device's result into the sinks, in order. Returns the
 * exit status.
 */
static int
emit_all(struct merge *m)
{
	struct config cfg;
	struct output *o;
	struct result *r;
	struct buf rec;
	int status = 0;

	memset(&cfg, 0, sizeof(cfg));
	cfg.format = m->opt->format;
	cfg.order = ORDER_INPUT;
	cfg.color = m->opt->color;
	cfg.group = m->opt->group;
	cfg.raw = m->opt->raw;
	cfg.quiet = m->opt->quiet;
	if ((o = output_new(&cfg, &m->inv)) == NULL)
		return 2;
	buf_init(&rec);
	for (size_t i = 0; i < m->inv.ndevices && !output_failed(o); i++) {
		if (m->at[i].file == NO_FILE) {
			r = result_new(i);
			result_fail(r, ERR_MISSING,
			    "in none of the %zu file%s merged", m->nfiles,
			    m->nfiles == 1 ? "" : "s");
		} else if ((r = read_record(m, i, &rec)) == NULL) {
			status = 2;
			break;
		} else if (r->started > 0)
			output_start(o, i);
		(void)output_result(o, r);
		if (!cfg.group) {
			struct device *d = &m->inv.devices[i];

			jsonout_free_commands(d->commands, d->ncommands);
			d->commands = NULL;
			d->ncommands = 0;
		}
	}
	buf_free(&rec);
	if (m->first_start > 0 && m->last_finish > m->first_start)
		output_set_elapsed(o, m->last_finish - m->first_start);
	else
		output_set_elapsed(o, 0);
	if (status == 0)
		status = output_finish(o, 0);
	output_free(o);
	return status;
}

/* -i: the inventory's devices, each in the name table, no record yet. */
static int
load_inventory(struct merge *m)
{
	struct buf err;
	int rc;

	buf_init(&err);
	rc = inventory_load(m->opt->inventory, &m->inv, &err);
	if (rc == -1 && err.len > 0)
		(void)write_all(STDERR_FILENO, err.data, err.len);
	buf_free(&err);
	if (rc == -1)
		return -1;
	m->devcap = m->inv.ndevices;
	m->at = xcalloc(m->devcap ? m->devcap : 1, sizeof(*m->at));
	names_reserve(m, m->inv.ndevices);
	for (size_t i = 0; i < m->inv.ndevices; i++) {
		m->at[i].file = NO_FILE;
		*name_slot(m, m->inv.devices[i].name) = i + 1;
	}
	return 0;
}

/* As many fds as files, plus a few: merging 2,000 shards is fine. */
static void
raise_fd_limit(size_t nfiles)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1 || rl.rlim_cur >= nfiles + 16)
		return;
	rl.rlim_cur = nfiles + 16 < rl.rlim_max ? nfiles + 16 : rl.rlim_max;
	(void)setrlimit(RLIMIT_NOFILE, &rl);
}

static int
parse_args(int argc, char **argv, struct merge_opts *o)
{
	static const struct option longs[] = {
	    {"inventory", required_argument, NULL, 'i'},
	    {"format", required_argument, NULL, 'F'},
	    {"group", no_argument, NULL, 'G'},
	    {"later-wins", no_argument, NULL, 'L'},
	    {"color", required_argument, NULL, 'C'},
	    {"no-color", no_argument, NULL, 'N'},
	    {"raw", no_argument, NULL, 'R'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *nc = getenv("NO_COLOR");
	int c, v;

	memset(o, 0, sizeof(*o));
	o->color = nc != NULL && nc[0] != '\0' ? COLOR_NEVER : COLOR_AUTO;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":i:Gq", longs, NULL)) != -1) {
		switch (c) {
		case 'i':
			o->inventory = optarg;
			break;
		case 'F':
			if (keyword_find(keyword_format, KEYWORD_EXACT, optarg,
				&v) == -1)
				return usage_error(
				    "--format is one of text, json, jsonl",
				    optarg);
			o->format = (enum out_format)v;
			break;
		case 'C':
			if (keyword_find(
				keyword_color, KEYWORD_EXACT, optarg, &v) == -1)
				return usage_error(
				    "--color is one of auto, always, never",
				    optarg);
			o->color = (enum color_mode)v;
			break;
		case 'G':
			o->group = 1;
			break;
		case 'L':
			o->later_wins = 1;
			break;
		case 'N':
			o->color = COLOR_NEVER;
			break;
		case 'R':
			o->raw = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			(void)write_all(STDOUT_FILENO, merge_usage,
			    sizeof(merge_usage) - 1);
			return 1;
		case ':':
			return usage_error(
			    "option needs an argument", argv[optind - 1]);
		default:
			return usage_error("unknown option", argv[optind - 1]);
		}
	}
	if (o->group && o->format == FORMAT_JSONL)
		return usage_error("--group needs --format text or json", NULL);
	if (optind >= argc)
		return usage_error("name the jsonl files to merge", NULL);
	if ((size_t)(argc - optind) > MAX_FILES)
		return usage_error("too many files", NULL);
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
	return 0;
}

static void
merge_free(struct merge *m)
{
	for (size_t k = 0; k < m->nfiles; k++) {
		if (m->fds[k] != -1)
			close(m->fds[k]);
		free(m->paths[k]);
	}
	free(m->fds);
	free(m->paths);
	free(m->tab);
	free(m->at);
	inventory_free(&m->inv);
}

int
merge_main(int argc, char **argv)
{
	struct merge_opts o;
	struct merge m;
	int rc;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc == 1 ? 0 : rc;
	memset(&m, 0, sizeof(m));
	m.opt = &o;
	m.nfiles = o.nfiles;
	m.paths = xcalloc(m.nfiles, sizeof(*m.paths));
	m.fds = xcalloc(m.nfiles, sizeof(*m.fds));
	for (size_t k = 0; k < m.nfiles; k++) {
		m.paths[k] = jsonl_path(o.files[k]);
		m.fds[k] = -1;
	}
	raise_fd_limit(m.nfiles);
	rc = 2;
	if (o.inventory != NULL && load_inventory(&m) == -1)
		goto out;
	for (size_t k = 0; k < m.nfiles; k++)
		(void)index_file(&m, (uint32_t)k);
	if (m.unknown > MAX_SHOWN)
		log_warn("merge: %zu records in all name devices not in %s",
		    m.unknown, o.inventory);
	if (m.problems > 0) {
		if (m.problems > MAX_SHOWN)
			log_error("merge: %zu problems in all", m.problems);
		log_error("merge: nothing merged");
		goto out;
	}
	rc = emit_all(&m);
out:
	merge_free(&m);
	return rc;
}
