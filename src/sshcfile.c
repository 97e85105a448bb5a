/*
 * sshcfile: each file becomes a list of items in file order. Every bad
 * line is one problem; loading goes on to the end so the user sees all
 * of them, and returns nothing when there was any. Past MAX_PROBLEMS
 * problems are only counted.
 *
 * Where we differ from OpenSSH 9.2, on purpose: Port takes numbers only
 * (no service names); ProxyJump takes one argument; IgnoreUnknown applies
 * from its line on whatever block it is in; the arguments of keywords we
 * ignore are not checked; the -F file is checked for owner and mode only
 * when it is the user's own ~/.ssh/config (included files always are).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keyword.h"
#include "sshcfile.h"
#include "sshhop.h"
#include "sshkeyword.h"
#include "sshvalue.h"
#include "util.h"

#define MAX_PROBLEMS 100u
#define MAX_DEPTH 16		 /* Include nesting, as ssh */
#define MAX_FILES 1024u		 /* files read through Include, in all */
#define MAX_FILE_SIZE (4u << 20) /* bytes of one file */

struct loader {
	const char *home;
	struct buf *err;
	size_t nerrors;
	size_t nfiles;
	char *ignore_unknown; /* the first IgnoreUnknown pattern list */
};

static struct sshcfile *read_file(struct loader *, const char *, int, int);

static void problem(struct loader *, const char *, unsigned, const char *, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(
    struct loader *ld, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;
	char *m;

	if (++ld->nerrors > MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) == -1)
		m = NULL;
	va_end(ap);
	sshvalue_report(ld->err, file, line, m != NULL ? m : "(out of memory)");
	free(m);
}

static void
item_free(struct sshcfile_item *it)
{
	size_t i;

	sshvalue_argv_free(it->argv, it->argc);
	for (i = 0; i < it->ncrit; i++)
		free(it->crit[i].arg);
	free(it->crit);
	for (i = 0; i < it->nfiles; i++)
		sshcfile_free(it->files[i]);
	free(it->files);
	sshhop_free_list(it->hops, it->nhops);
}

void
sshcfile_free(struct sshcfile *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nitems; i++)
		item_free(&f->items[i]);
	free(f->items);
	free(f->path);
	free(f);
}

/* Parse a Match line's words into it->crit: 0, or -1 after a problem. */
static int
parse_match(
    struct loader *ld, struct sshcfile_item *it, char **argv, size_t argc)
{
	static const struct {
		const char *name;
		enum sshcfile_crit_kind kind;
	} crits[] = {
	    {"host", SSHCFILE_CRIT_HOST},
	    {"originalhost", SSHCFILE_CRIT_ORIGINALHOST},
	    {"user", SSHCFILE_CRIT_USER},
	    {"localuser", SSHCFILE_CRIT_LOCALUSER},
	};
	static const char *const unsupported[] = {"exec", "canonical", "final",
	    "localnetwork", "tagged", "command", "version", "sessiontype",
	    NULL};
	const char *name;
	size_t i, k;
	int negate, found;

	it->crit = xcalloc(argc, sizeof(*it->crit));
	for (i = 0; i < argc; i++) {
		name = argv[i];
		negate = name[0] == '!';
		name += negate;
		if (strcasecmp(name, "all") == 0) {
			if (argc != 1) {
				problem(ld, it->file, it->line,
				    "Match: 'all' cannot be combined with "
				    "other criteria");
				return -1;
			}
			it->crit[it->ncrit].kind = SSHCFILE_CRIT_ALL;
			it->crit[it->ncrit++].negate = negate;
			continue;
		}
		found = 0;
		for (k = 0; k < sizeof(crits) / sizeof(crits[0]); k++)
			if (strcasecmp(name, crits[k].name) == 0) {
				found = 1;
				break;
			}
		if (!found) {
			for (k = 0; unsupported[k] != NULL; k++)
				if (strcasecmp(name, unsupported[k]) == 0)
					break;
			if (unsupported[k] != NULL)
				problem(ld, it->file, it->line,
				    "Match: '%s' is not supported (netcollect "
				    "knows all, host, originalhost, user and "
				    "localuser)",
				    unsupported[k]);
			else
				problem(ld, it->file, it->line,
				    "Match: unknown criterion '%s'", name);
			return -1;
		}
		if (i + 1 == argc || argv[i + 1][0] == '\0') {
			problem(ld, it->file, it->line,
			    "Match: '%s' needs a pattern list", crits[k].name);
			return -1;
		}
		it->crit[it->ncrit].kind = crits[k].kind;
		it->crit[it->ncrit].negate = negate;
		it->crit[it->ncrit++].arg = xstrdup(argv[++i]);
	}
	return 0;
}

/* The path an Include word names: ~ expanded, relative ones in ~/.ssh. */
static char *
include_path(const char *home, const char *w)
{
	if (w[0] == '~' && (w[1] == '/' || w[1] == '\0'))
		return xasprintf("%s%s", home, w + 1);
	if (w[0] == '/' || w[0] == '~')
		return xstrdup(w);
	return xasprintf("%s/.ssh/%s", home, w);
}

static void
parse_include(struct loader *ld, struct sshcfile_item *it, int depth)
{
	struct sshcfile *f;
	glob_t g;
	char *path;
	size_t i, k;
	int r;

	for (i = 0; i < it->argc; i++) {
		if (it->argv[i][0] == '~' && it->argv[i][1] != '/' &&
		    it->argv[i][1] != '\0') {
			problem(ld, it->file, it->line,
			    "Include: '%s': ~user paths are not supported",
			    it->argv[i]);
			continue;
		}
		path = include_path(ld->home, it->argv[i]);
		memset(&g, 0, sizeof(g));
		r = glob(path, 0, NULL, &g);
		if (r != 0 && r != GLOB_NOMATCH)
			problem(ld, it->file, it->line,
			    "Include: cannot expand '%s'", path);
		for (k = 0; r == 0 && k < g.gl_pathc; k++) {
			if (depth + 1 > MAX_DEPTH) {
				problem(ld, it->file, it->line,
				    "Include: files nested more than %d deep",
				    MAX_DEPTH);
				break;
			}
			if (ld->nfiles >= MAX_FILES) {
				problem(ld, it->file, it->line,
				    "Include: more than %u files in all",
				    MAX_FILES);
				break;
			}
			f = read_file(ld, g.gl_pathv[k], depth + 1, 1);
			if (f == NULL)
				continue;
			it->files =
			    xrealloc(it->files, (it->nfiles + 1) * sizeof(f));
			it->files[it->nfiles++] = f;
		}
		globfree(&g);
		free(path);
	}
}

/*
 * The value checkers of the options we keep, one per keyword: each reads
 * it->argv (name is the keyword's canonical spelling) and keeps the
 * parsed value in *it. 0, or -1 after a problem.
 */
typedef int option_fn(struct loader *, struct sshcfile_item *, const char *);

static const struct keyword shk_words[] = {
    {"yes", SSHCONFIG_SHK_YES},
    {"true", SSHCONFIG_SHK_YES},
    {"no", SSHCONFIG_SHK_OFF},
    {"false", SSHCONFIG_SHK_OFF},
    {"off", SSHCONFIG_SHK_OFF},
    {"ask", SSHCONFIG_SHK_ASK},
    {"accept-new", SSHCONFIG_SHK_ACCEPT_NEW},
    {NULL, 0},
};

/* A %-token template v of keyword name: 0, or -1 after a problem. */
static int
template_ok(struct loader *ld, const struct sshcfile_item *it, const char *v,
    const char *name, const char *tokens, int file)
{
	char *bad = sshvalue_check_template(v, name, tokens, file);

	if (bad == NULL)
		return 0;
	problem(ld, it->file, it->line, "%s", bad);
	free(bad);
	return -1;
}

static int
opt_any(struct loader *ld, struct sshcfile_item *it, const char *name)
{
	(void)ld;
	(void)it;
	(void)name;
	return 0;
}

static int
opt_hostname(struct loader *ld, struct sshcfile_item *it, const char *name)
{
	return template_ok(
	    ld, it, it->argv[0], name, SSHVALUE_TOKENS_HOSTNAME, 0);
}

static int
opt_port(struct loader *ld, struct sshcfile_item *it, const char *name)
{
	const char *v = it->argv[0];

	(void)name;
	it->port = sshvalue_port(v, strlen(v));
	if (it->port == 0) {
		problem(ld, it->file, it->line,
		    "Port: '%s' is not a port number (1-65535)", v);
		return -1;
	}
	return 0;
}

static int
opt_identityfile(struct loader *ld, struct sshcfile_item *it, const char *name)
{
	return template_ok(ld, it, it->argv[0], name, SSHVALUE_TOKENS_FILE, 1);
}

static int
opt_identitiesonly(
    struct loader *ld, struct sshcfile_item *it, const char *name)
{
	(void)name;
	if (keyword_find(
		keyword_bool, KEYWORD_ANY_CASE, it->argv[0], &it->flag) == -1) {
		problem(ld, it->file, it->line,
		    "IdentitiesOnly: '%s' is not yes or no", it->argv[0]);
		return -1;
	}
	return 0;
}

static int
opt_proxyjump(struct loader *ld, struct sshcfile_item *it, const char *name)
{
	struct buf why;
	int r = 0;

	(void)name;
	buf_init(&why);
	if (sshhop_parse_list(it->argv[0], &it->hops, &it->nhops, &why) == -1) {
		problem(ld, it->file, it->line, "ProxyJump: %s", why.data);
		r = -1;
	}
	buf_free(&why);
	it->none = r == 0 && it->nhops == 0;
	return r;
}

static int
opt_proxycommand(struct loader *ld, struct sshcfile_item *it, const char *name)
{
	it->none = strcmp(it->argv[0], "none") == 0;
	if (it->none)
		return 0;
	return template_ok(ld, it, it->argv[0], name, SSHVALUE_TOKENS_PROXY, 0);
}

static int
opt_strict(struct loader *ld, struct sshcfile_item *it, const char *name)
{
	int v;

	(void)name;
	if (keyword_find(shk_words, KEYWORD_ANY_CASE, it->argv[0], &v) == -1) {
		problem(ld, it->file, it->line,
		    "StrictHostKeyChecking: '%s' is not yes, no, ask, "
		    "accept-new or off",
		    it->argv[0]);
		return -1;
	}
	it->shk = (enum sshconfig_shk)v;
	return 0;
}

static int
opt_knownhosts(struct loader *ld, struct sshcfile_item *it, const char *name)
{
	size_t i;

	for (i = 0; i < it->argc; i++) {
		if (strcmp(it->argv[i], "none") != 0) {
			if (template_ok(ld, it, it->argv[i], name,
				SSHVALUE_TOKENS_FILE, 1) == -1)
				return -1;
			continue;
		}
		if (it->argc > 1) {
			problem(ld, it->file, it->line,
			    "UserKnownHostsFile: 'none' must be its only "
			    "value");
			return -1;
		}
		it->none = 1;
	}
	return 0;
}

static int
opt_connecttimeout(
    struct loader *ld, struct sshcfile_item *it, const char *name)
{
	const char *v = it->argv[0];

	(void)name;
	if (strcmp(v, "none") == 0) {
		it->none = 1;
		return 0;
	}
	if ((it->ms = sshvalue_time(v)) == -1) {
		problem(ld, it->file, it->line,
		    "ConnectTimeout: '%s' is not a time (seconds, or like "
		    "1m30s)",
		    v);
		return -1;
	}
	it->ms *= 1000;
	return 0;
}

/*
 * By keyword, for the options we keep: its checker, and whether it takes
 * one value only. The block and file keywords have none.
 */
static const struct {
	option_fn *check;
	int one;
} options[] = {
    [SSHKEYWORD_IGNOREUNKNOWN] = {opt_any, 1},
    [SSHKEYWORD_HOSTNAME] = {opt_hostname, 1},
    [SSHKEYWORD_PORT] = {opt_port, 1},
    [SSHKEYWORD_USER] = {opt_any, 1},
    [SSHKEYWORD_IDENTITYFILE] = {opt_identityfile, 1},
    [SSHKEYWORD_IDENTITIESONLY] = {opt_identitiesonly, 1},
    [SSHKEYWORD_PROXYJUMP] = {opt_proxyjump, 1},
    [SSHKEYWORD_PROXYCOMMAND] = {opt_proxycommand, 1},
    [SSHKEYWORD_STRICT] = {opt_strict, 1},
    [SSHKEYWORD_KNOWNHOSTS] = {opt_knownhosts, 0},
    [SSHKEYWORD_CONNECTTIMEOUT] = {opt_connecttimeout, 1},
};

/*
 * Check the values of an option line and keep them in *it: 0, or -1
 * after a problem. name is the keyword's canonical spelling; it->kw is
 * an option we keep.
 */
static int
parse_option(struct loader *ld, struct sshcfile_item *it, const char *name)
{
	if (options[it->kw].check == NULL)
		abort();
	if (options[it->kw].check(ld, it, name) == -1)
		return -1;
	if (options[it->kw].one && it->argc > 1) {
		problem(ld, it->file, it->line,
		    "%s: one value expected, found %zu", name, it->argc);
		return -1;
	}
	return 0;
}

/*
 * The keyword starting line (blanks and the line break at its end cut
 * off): its canonical name and kind, with *rest at its values. NULL for
 * a blank or comment line, an ignored unknown keyword, or after a
 * problem.
 */
static const char *
line_keyword(struct loader *ld, const char *path, unsigned lineno, char *line,
    enum sshkeyword *kind, char **rest)
{
	const char *name;
	char *p = line, *kw, save;
	size_t len = strlen(line);

	while (len > 0 && strchr(" \t\r\n\f", line[len - 1]) != NULL)
		line[--len] = '\0';
	p += strspn(p, " \t");
	if (*p == '\0' || *p == '#')
		return NULL;
	kw = p;
	p += strcspn(p, " \t=");
	if (p == kw) {
		problem(ld, path, lineno, "a line must start with a keyword");
		return NULL;
	}
	save = *p;
	*p = '\0';
	name = sshkeyword_find(kw, kind);
	if (name == NULL) {
		if (ld->ignore_unknown != NULL &&
		    sshvalue_match_list(kw, ld->ignore_unknown, 1))
			return NULL;
		/* Past the messages shown, only count (and skip the work). */
		name =
		    ld->nerrors < MAX_PROBLEMS ? sshkeyword_suggest(kw) : NULL;
		if (name != NULL)
			problem(ld, path, lineno,
			    "unknown keyword '%s' (did you mean '%s'?)", kw,
			    name);
		else
			problem(ld, path, lineno, "unknown keyword '%s'", kw);
		return NULL;
	}
	*p = save;
	*rest = p + strspn(p, " \t");
	if (**rest == '=')
		*rest += 1 + strspn(*rest + 1, " \t");
	return name;
}

/*
 * The values of a name line, from rest: split into words (ProxyCommand:
 * one, raw). 0 with the words in *argv (at least one; caller frees), or
 * -1 after a problem.
 */
static int
line_values(struct loader *ld, const char *path, unsigned lineno,
    const char *name, enum sshkeyword kind, char *rest, char ***argv,
    size_t *argc)
{
	size_t i;

	*argv = NULL;
	*argc = 0;
	if (kind == SSHKEYWORD_PROXYCOMMAND) {
		rest += strspn(rest, " \t=");
		if (*rest != '\0') {
			*argv = xmalloc(sizeof(**argv));
			(*argv)[(*argc)++] = xstrdup(rest);
		}
	} else if (sshvalue_split(rest, argv, argc) == -1) {
		problem(ld, path, lineno, "%s: a quote is not closed", name);
		return -1;
	}
	if (*argc == 0) {
		problem(ld, path, lineno, "%s: missing value", name);
		goto bad;
	}
	for (i = 0; i < *argc; i++)
		if ((*argv)[i][0] == '\0' && kind != SSHKEYWORD_OTHER) {
			problem(ld, path, lineno, "%s: an empty value", name);
			goto bad;
		}
	return 0;
bad:
	sshvalue_argv_free(*argv, *argc);
	return -1;
}

/*
 * Make *it of its line's words: 1 to keep it in the file, 0 when the line
 * has done its work (an ignored keyword, IgnoreUnknown), -1 after a
 * problem. The caller frees it unless it is kept.
 */
static int
line_item(
    struct loader *ld, struct sshcfile_item *it, const char *name, int depth)
{
	switch (it->kw) {
	case SSHKEYWORD_HOST:
		it->kind = SSHCFILE_ITEM_HOST;
		return 1;
	case SSHKEYWORD_MATCH:
		it->kind = SSHCFILE_ITEM_MATCH;
		return parse_match(ld, it, it->argv, it->argc) == -1 ? -1 : 1;
	case SSHKEYWORD_INCLUDE:
		it->kind = SSHCFILE_ITEM_INCLUDE;
		parse_include(ld, it, depth);
		return 1;
	case SSHKEYWORD_OTHER:
		return 0;
	case SSHKEYWORD_IGNOREUNKNOWN:
		if (parse_option(ld, it, name) == -1)
			return -1;
		if (ld->ignore_unknown == NULL)
			ld->ignore_unknown = xstrdup(it->argv[0]);
		return 0;
	case SSHKEYWORD_HOSTNAME:
	case SSHKEYWORD_PORT:
	case SSHKEYWORD_USER:
	case SSHKEYWORD_IDENTITYFILE:
	case SSHKEYWORD_IDENTITIESONLY:
	case SSHKEYWORD_PROXYJUMP:
	case SSHKEYWORD_PROXYCOMMAND:
	case SSHKEYWORD_STRICT:
	case SSHKEYWORD_KNOWNHOSTS:
	case SSHKEYWORD_CONNECTTIMEOUT:
		it->kind = SSHCFILE_ITEM_OPTION;
		return parse_option(ld, it, name) == -1 ? -1 : 1;
	}
	abort();
}

/* One line of f (NUL-terminated, without its line break). */
static void
parse_line(struct loader *ld, struct sshcfile *f, char *line, unsigned lineno,
    int depth)
{
	struct sshcfile_item it;
	const char *name;
	enum sshkeyword kind;
	char *rest;

	memset(&it, 0, sizeof(it));
	name = line_keyword(ld, f->path, lineno, line, &kind, &rest);
	if (name == NULL ||
	    line_values(ld, f->path, lineno, name, kind, rest, &it.argv,
		&it.argc) == -1)
		return;
	it.file = f->path;
	it.line = lineno;
	it.kw = kind;
	if (line_item(ld, &it, name, depth) != 1) {
		item_free(&it);
		return;
	}
	if (f->nitems == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->items = xrealloc(f->items, f->cap * sizeof(*f->items));
	}
	f->items[f->nitems++] = it;
}

static struct sshcfile *
cfile_new(const char *path)
{
	struct sshcfile *f = xcalloc(1, sizeof(*f));

	f->path = xstrdup(path);
	return f;
}

/* Who may write path decides whether we trust it, as ssh does. */
static int
permissions_ok(const struct stat *st)
{
	return (st->st_uid == 0 || st->st_uid == getuid()) &&
	    (st->st_mode & 022) == 0;
}

/*
 * path opened for reading, checked to be a file (and, for a user's own
 * file, owned and written as ssh wants): the fd, or -1 with the problem
 * said; -2 for a file that may be missing and is.
 */
static int
open_config(struct loader *ld, const char *path, int may_miss, int check_perm)
{
	const char *why = NULL;
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT && may_miss)
			return -2;
		problem(ld, path, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1)
		why = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		why = strerror(EISDIR);
	if (why != NULL) {
		problem(ld, path, 0, "cannot read: %s", why);
		close(fd);
		return -1;
	}
	if (check_perm && !permissions_ok(&st)) {
		problem(ld, path, 0,
		    "bad owner or permissions: it must be yours or root's "
		    "and writable only by its owner (ssh refuses it too)");
		close(fd);
		return -1;
	}
	return fd;
}

/* All of fd, NUL-terminated, at most MAX_FILE_SIZE: or NULL, said. */
static char *
slurp(struct loader *ld, const char *path, int fd, size_t *lenp)
{
	char *data = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;

	for (;;) {
		if (len + 1 >= cap) {
			cap = cap ? cap * 2 : 65536;
			data = xrealloc(data, cap);
		}
		n = read(fd, data + len, cap - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			problem(
			    ld, path, 0, "cannot read: %s", strerror(errno));
			break;
		}
		if (n == 0) {
			data[len] = '\0';
			*lenp = len;
			return data;
		}
		len += (size_t)n;
		if (len > MAX_FILE_SIZE) {
			problem(ld, path, 0, "larger than %u MiB",
			    MAX_FILE_SIZE >> 20);
			break;
		}
	}
	free(data);
	return NULL;
}

/*
 * Read and parse one file. Returns it (problems in its lines are counted
 * in ld), or NULL when it cannot be read at all (a problem too, except a
 * missing user file, which is an empty one).
 */
static struct sshcfile *
read_file(struct loader *ld, const char *path, int depth, int check_perm)
{
	struct sshcfile *f;
	char *data, *line, *nl;
	size_t len;
	unsigned lineno = 0;
	int fd;

	ld->nfiles++;
	/* A missing user file is an empty one, a dangling include none. */
	fd = open_config(ld, path, depth > 0 || check_perm, check_perm);
	if (fd == -2)
		return depth == 0 ? cfile_new(path) : NULL;
	if (fd == -1)
		return NULL;
	data = slurp(ld, path, fd, &len);
	close(fd);
	if (data == NULL)
		return NULL;
	f = cfile_new(path);
	for (line = data; line < data + len; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(data + len - line));
		if (nl == NULL)
			nl = data + len;
		*nl = '\0';
		lineno++;
		if (strlen(line) != (size_t)(nl - line)) {
			problem(ld, path, lineno, "a NUL byte in the line");
			continue;
		}
		parse_line(ld, f, line, lineno, depth);
	}
	free(data);
	return f;
}

struct sshcfile *
sshcfile_load(
    const char *path, const char *home, int check_perm, struct buf *err)
{
	struct sshcfile *top;
	struct loader ld;

	memset(&ld, 0, sizeof(ld));
	ld.home = home;
	ld.err = err;
	top = read_file(&ld, path, 0, check_perm);
	free(ld.ignore_unknown);
	if (ld.nerrors > MAX_PROBLEMS)
		buf_appendf(err, "%s: %zu more errors not shown\n", path,
		    ld.nerrors - MAX_PROBLEMS);
	if (ld.nerrors > 0) {
		sshcfile_free(top);
		return NULL;
	}
	return top;
}
