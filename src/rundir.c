/*
 * rundir: run directories. A run is only ever added next to the others
 * and latest only ever moves by rename(2), so a reader (netcollect diff,
 * a backup job) sees either the old run or the new one, never half of
 * one. Pruning touches only names that look like runs, and never the
 * one latest points to.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "rundir.h"
#include "util.h"

struct rundir {
	char *base;
	char *name;	/* the run's name in base */
	char *dir;	/* base/name */
	char *previous; /* base/<latest's target>, or NULL */
	int fd;		/* results.jsonl */
	int err;	/* first errno of a failed append */
};

static int
make_dir(const char *dir, mode_t mode)
{
	struct stat st;

	if (mkdir(dir, mode) == -1 && errno != EEXIST) {
		log_error("--run-dir %s: %s", dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		log_error("--run-dir %s: not a directory", dir);
		return -1;
	}
	return 0;
}

/* YYYYMMDDTHHMMSS.uuuuuuZ, optionally -N: a run's name. */
static int
is_run_name(const char *s)
{
	static const char shape[] = "ddddddddTdddddd.ddddddZ";
	size_t i;

	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9')
				    : s[i] != shape[i])
			return 0;
	}
	if (s[i] == '\0')
		return 1;
	if (s[i] != '-' || s[i + 1] == '\0')
		return 0;
	for (i++; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The run latest points to (a name in base), or NULL. */
static char *
latest_target(const char *base)
{
	char *link = xasprintf("%s/latest", base), target[PATH_MAX];
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	struct stat st;
	char *dir;

	free(link);
	if (n <= 0)
		return NULL;
	target[n] = '\0';
	if (!is_run_name(target))
		return NULL;
	dir = xasprintf("%s/%s", base, target);
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		free(dir);
		return NULL;
	}
	free(dir);
	return xstrdup(target);
}

struct rundir *
rundir_open(const char *base)
{
	struct rundir *rd;
	int64_t now = real_ns();
	time_t secs = (time_t)(now / NS_PER_SEC);
	char stamp[64], *path;
	struct tm tm;
	char *prev;

	if (make_dir(base, 0755) == -1)
		return NULL;
	rd = xcalloc(1, sizeof(*rd));
	rd->fd = -1;
	rd->base = xstrdup(base);
	prev = latest_target(base);
	if (prev != NULL) {
		rd->previous = xasprintf("%s/%s", base, prev);
		free(prev);
	}
	gmtime_r(&secs, &tm);
	snprintf(stamp, sizeof(stamp), "%04d%02d%02dT%02d%02d%02d.%06ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, (long)(now % NS_PER_SEC / 1000));
	for (int n = 1;; n++) {
		rd->name =
		    n == 1 ? xstrdup(stamp) : xasprintf("%s-%d", stamp, n);
		rd->dir = xasprintf("%s/%s", base, rd->name);
		if (mkdir(rd->dir, 0755) == 0)
			break;
		if (errno != EEXIST || n == 1000) {
			log_error("--run-dir %s: %s", rd->dir, strerror(errno));
			goto fail;
		}
		free(rd->name);
		free(rd->dir);
	}
	path = xasprintf("%s/results.jsonl", rd->dir);
	rd->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (rd->fd == -1)
		log_error("--run-dir %s: %s", path, strerror(errno));
	free(path);
	if (rd->fd == -1)
		goto fail;
	return rd;
fail:
	rundir_free(rd);
	return NULL;
}

const char *
rundir_dir(const struct rundir *rd)
{
	return rd->dir;
}

const char *
rundir_previous(const struct rundir *rd)
{
	return rd->previous;
}

int
rundir_append(struct rundir *rd, const char *line, size_t n)
{
	if (rd->err != 0)
		return -1;
	if (write_all(rd->fd, line, n) == -1) {
		rd->err = errno;
		return -1;
	}
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Remove one run: its files, then the directory (runs hold no subdirs). */
static int
remove_run(const char *base, const char *name)
{
	char *dir = xasprintf("%s/%s", base, name);
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (d == NULL) {
		rc = -1;
		goto out;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == -1)
			rc = -1;
	}
	closedir(d);
	if (rc == 0 && rmdir(dir) == -1)
		rc = -1;
out:
	if (rc == -1)
		log_error("--keep: cannot remove %s: %s", dir, strerror(errno));
	free(dir);
	return rc;
}

static int
prune(const char *base, const char *current, size_t keep)
{
	DIR *d = opendir(base);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (d == NULL) {
		log_error("--keep: %s: %s", base, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!is_run_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i + keep < n; i++)
		if (strcmp(names[i], current) != 0 &&
		    remove_run(base, names[i]) == -1)
			rc = -1;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* base/latest -> name, by a new symlink renamed over the old one. */
static int
point_latest(const char *base, const char *name)
{
	char *tmp = xasprintf("%s/.latest.%ld", base, (long)getpid());
	char *link = xasprintf("%s/latest", base);
	int rc = -1;

	unlink(tmp);
	if (symlink(name, tmp) == -1 || rename(tmp, link) == -1) {
		log_error("--run-dir: cannot point %s at %s: %s", link, name,
		    strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	free(link);
	return rc;
}

int
rundir_close(struct rundir *rd, int complete, size_t keep)
{
	int fd = rd->fd;

	rd->fd = -1;
	if (rd->err == 0 && (fsync(fd) == -1 || close(fd) == -1))
		rd->err = errno;
	else if (rd->err != 0)
		close(fd);
	if (rd->err != 0) {
		log_error("--run-dir: cannot write %s/results.jsonl: %s",
		    rd->dir, strerror(rd->err));
		return -1;
	}
	if (!complete)
		return 0;
	if (point_latest(rd->base, rd->name) == -1)
		return -1;
	if (keep > 0 && prune(rd->base, rd->name, keep) == -1)
		return -1;
	return 0;
}

void
rundir_free(struct rundir *rd)
{
	if (rd == NULL)
		return;
	if (rd->fd != -1)
		close(rd->fd);
	free(rd->base);
	free(rd->name);
	free(rd->dir);
	free(rd->previous);
	free(rd);
}
