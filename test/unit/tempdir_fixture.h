/*
 * Shared by the unit tests that read files (templates, an index): each
 * test gets a fresh directory under /tmp, writes the files it needs
 * there, and the directory goes with everything in it after the test.
 * Include after <cmocka.h>.
 */
#ifndef NC_TEMPDIR_FIXTURE_H
#define NC_TEMPDIR_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

struct tempdir {
	char dir[64];
};

/* Write text to the file name in t's directory. */
static inline void
tempdir_put(const struct tempdir *t, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", t->dir, name);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	free(path);
}

/* A new directory /tmp/<tag>.XXXXXX, or NULL. */
static inline struct tempdir *
tempdir_new(const char *tag)
{
	struct tempdir *t = xcalloc(1, sizeof(*t));

	snprintf(t->dir, sizeof(t->dir), "/tmp/%s.XXXXXX", tag);
	if (mkdtemp(t->dir) == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

/* A cmocka teardown: *state is a tempdir, removed with its files. */
static inline int
tempdir_teardown(void **state)
{
	struct tempdir *t = *state;
	char *cmd = xasprintf("rm -rf '%s'", t->dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(t);
	return 0;
}

#endif
