/*
 * files: the per-device files of one directory. files_plan() computes
 * every final path up front and refuses collisions and over-long names, so
 * a run never overwrites one device's file with another's. files_save()
 * writes each output to a temp file in the same directory (".NAME.XXXXXX",
 * mode 0600), checks every write, fsync and close, and only when all of a
 * device's temp files are complete renames them over the old ones and
 * syncs the directory. On any failure the temp files are removed and the
 * old files stay: a full disk never turns a good backup into a truncated
 * one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "escape.h"
#include "files.h"
#include "fsname.h"
#include "log.h"
#include "util.h"

#define TEMP_EXTRA 8 /* the leading '.' and ".XXXXXX" of a temp name */

struct dev_paths {
	char **path; /* final paths, one per command */
	char *saved; /* nonzero: written by the last files_save() */
	size_t n;
};

struct files {
	char *dir;
	struct dev_paths *dev;
	size_t ndev;
};

/* A planned file and who it belongs to, for the collision check. */
struct owner {
	const char *path;
	size_t dev, cmd;
	const char *command; /* NULL when the device runs one command */
};

static int
owner_cmp(const void *a, const void *b)
{
	const struct owner *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c != 0)
		return c;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->cmd < y->cmd ? -1 : x->cmd > y->cmd;
}

/* 's' with control bytes escaped, for a message. */
static char *
quoted(const char *s)
{
	struct buf b;

	buf_init(&b);
	buf_append(&b, "'", 1);
	escape_line(&b, s, strlen(s));
	buf_append(&b, "'", 1);
	return buf_steal(&b, NULL);
}

/* "device 'R1'" or "command 'show clock' of device 'R1'". */
static char *
what(const struct inventory *inv, const struct owner *o)
{
	char *name = quoted(inv->devices[o->dev].name), *cmd, *s;

	if (o->command == NULL) {
		s = xasprintf("device %s", name);
	} else {
		cmd = quoted(o->command);
		s = xasprintf("command %s of device %s", cmd, name);
		free(cmd);
	}
	free(name);
	return s;
}

/*
 * One line per problem among the n planned files: equal paths, and base
 * names longer than the directory allows (temp name included). Returns 0
 * or -1.
 */
static int
check_names(const char *opt, const char *dir, struct owner *o, size_t n,
    const struct inventory *inv)
{
	size_t max = fsname_max(dir), dirlen = strlen(dir) + 1;
	int rc = 0;

	qsort(o, n, sizeof(*o), owner_cmp);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(o[i].path) - dirlen;

		if (i > 0 && strcmp(o[i].path, o[i - 1].path) == 0) {
			char *a = what(inv, &o[i - 1]);
			char *b = what(inv, &o[i]);

			log_error("%s: %s and %s would both be saved as %s: "
				  "rename one",
			    opt, a, b, o[i].path);
			free(a);
			free(b);
			rc = -1;
		}
		if (len + TEMP_EXTRA > max) {
			char *a = what(inv, &o[i]);

			log_error("%s: the file name for %s is too long for "
				  "%s (%zu bytes, at most %zu)",
			    opt, a, dir, len, max - TEMP_EXTRA);
			free(a);
			rc = -1;
		}
	}
	return rc;
}

static int
make_dir(const char *opt, const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		log_error("%s %s: %s", opt, dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		log_error("%s %s: not a directory", opt, dir);
		return -1;
	}
	return 0;
}

struct files *
files_plan(const char *opt, const char *dir, const struct config *cfg,
    const struct inventory *inv)
{
	struct files *f;
	struct owner *o = NULL;
	size_t n = 0, cap = 0;

	if (make_dir(opt, dir) == -1)
		return NULL;
	f = xcalloc(1, sizeof(*f));
	f->dir = xstrdup(dir);
	f->ndev = inv->ndevices;
	f->dev = xcalloc(f->ndev ? f->ndev : 1, sizeof(*f->dev));
	for (size_t i = 0; i < inv->ndevices; i++) {
		const struct device *d = &inv->devices[i];
		char *const *cmds;
		size_t ncmds;

		cmds =
		    device_commands(d, cfg->commands, cfg->ncommands, &ncmds);
		f->dev[i].n = ncmds;
		f->dev[i].path = xcalloc(ncmds ? ncmds : 1, sizeof(char *));
		f->dev[i].saved = xcalloc(ncmds ? ncmds : 1, 1);
		for (size_t c = 0; c < ncmds; c++) {
			if (ncmds == 1) {
				f->dev[i].path[c] =
				    fsname_path(dir, d->name, ".txt");
			} else {
				char *sc = fsname_safe(cmds[c]);
				char *sfx = xasprintf(".%s.txt", sc);

				f->dev[i].path[c] =
				    fsname_path(dir, d->name, sfx);
				free(sfx);
				free(sc);
			}
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				o = xrealloc(o, cap * sizeof(*o));
			}
			o[n++] = (struct owner){f->dev[i].path[c], i, c,
			    ncmds > 1 ? cmds[c] : NULL};
		}
	}
	if (check_names(opt, dir, o, n, inv) == -1) {
		files_free(f);
		f = NULL;
	}
	free(o);
	return f;
}

size_t
files_count(const struct files *f, size_t dev)
{
	return dev < f->ndev ? f->dev[dev].n : 0;
}

const char *
files_path(const struct files *f, size_t dev, size_t cmd)
{
	return f->dev[dev].path[cmd];
}

int
files_saved(const struct files *f, size_t dev, size_t cmd)
{
	return dev < f->ndev && cmd < f->dev[dev].n && f->dev[dev].saved[cmd];
}

/* Write s (plus a final newline when it lacks one) to a new temp file. */
static char *
write_temp(
    const char *dir, const char *final, const char *s, size_t n, int *err)
{
	const char *base = strrchr(final, '/') + 1;
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	int fd;

	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd == -1) {
		*err = errno;
		free(tmp);
		return NULL;
	}
	if (write_all(fd, s, n) == -1 ||
	    (n > 0 && s[n - 1] != '\n' && write_all(fd, "\n", 1) == -1) ||
	    fsync(fd) == -1) {
		*err = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	if (close(fd) == -1) {
		*err = errno;
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

static int
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd == -1)
		return -1;
	rc = fsync(fd);
	if (close(fd) == -1)
		rc = -1;
	return rc;
}

int
files_save(struct files *f, struct result *r)
{
	struct dev_paths *dp;
	char **tmp, *msg;
	size_t n, i;
	int err = 0, rc = -1;
	const char *bad = NULL;

	/* A device-error device's outputs are what the device printed. */
	if ((r->kind != ERR_NONE && r->kind != ERR_DEVICE_ERROR) ||
	    r->index >= f->ndev)
		return 0;
	dp = &f->dev[r->index];
	memset(dp->saved, 0, dp->n);
	n = dp->n < r->noutputs ? dp->n : r->noutputs;
	tmp = xcalloc(n ? n : 1, sizeof(*tmp));
	for (i = 0; i < n; i++) {
		const struct cmd_output *c = &r->outputs[i];

		if ((r->kind != ERR_NONE && !c->complete) ||
		    (c->len == 0 && access(dp->path[i], F_OK) == 0))
			continue;
		tmp[i] = write_temp(f->dir, dp->path[i],
		    c->output ? c->output : "", c->len, &err);
		if (tmp[i] == NULL) {
			bad = dp->path[i];
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		if (tmp[i] == NULL)
			continue;
		if (rename(tmp[i], dp->path[i]) == -1) {
			err = errno;
			bad = dp->path[i];
			goto out;
		}
		free(tmp[i]);
		tmp[i] = NULL;
		dp->saved[i] = 1;
	}
	if (sync_dir(f->dir) == -1) {
		err = errno;
		bad = f->dir;
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		if (tmp[i] != NULL)
			unlink(tmp[i]);
		free(tmp[i]);
	}
	free(tmp);
	if (rc == -1 && r->kind == ERR_NONE)
		result_fail(
		    r, ERR_WRITE, "cannot save %s: %s", bad, strerror(err));
	else if (rc == -1) {
		msg = xasprintf("%s; cannot save %s: %s",
		    r->message ? r->message : "", bad, strerror(err));
		free(r->message);
		r->message = msg;
	}
	return rc;
}

void
files_free(struct files *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->ndev; i++) {
		for (size_t c = 0; c < f->dev[i].n; c++)
			free(f->dev[i].path[c]);
		free(f->dev[i].path);
		free(f->dev[i].saved);
	}
	free(f->dev);
	free(f->dir);
	free(f);
}

int
files_check_logs(const char *dir, const struct inventory *inv)
{
	struct owner *o =
	    xcalloc(inv->ndevices ? inv->ndevices : 1, sizeof(*o));
	char **paths =
	    xcalloc(inv->ndevices ? inv->ndevices : 1, sizeof(*paths));
	int rc;

	for (size_t i = 0; i < inv->ndevices; i++) {
		paths[i] = fsname_path(dir, inv->devices[i].name, ".log");
		o[i] = (struct owner){paths[i], i, 0, NULL};
	}
	rc = check_names("--session-log", dir, o, inv->ndevices, inv);
	for (size_t i = 0; i < inv->ndevices; i++)
		free(paths[i]);
	free(paths);
	free(o);
	return rc;
}
