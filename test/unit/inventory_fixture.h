/*
 * Shared by the inventory unit tests: each test runs in a private
 * temporary directory and loads "devices.yaml" written there, and error
 * cases assert the loader's messages byte for byte. Include after
 * <cmocka.h>.
 */
#ifndef NC_INVENTORY_FIXTURE_H
#define NC_INVENTORY_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inventory.h"
#include "util.h"

static char fixture_dir[4096];

/* Make and enter a fresh directory named after tag: 0, or -1. */
static inline int
fixture_enter(const char *tag)
{
	const char *t = getenv("TMPDIR");

	snprintf(fixture_dir, sizeof(fixture_dir), "%s/%s-XXXXXX",
	    t != NULL && t[0] != '\0' ? t : "/tmp", tag);
	if (mkdtemp(fixture_dir) == NULL || chdir(fixture_dir) == -1)
		return -1;
	return 0;
}

/* cmocka teardown: remove the file and the directory. */
static inline int
fixture_leave(void **state)
{
	(void)state;
	unlink("devices.yaml");
	if (chdir("/") == -1)
		return -1;
	return rmdir(fixture_dir);
}

/* Write len bytes as devices.yaml and load it. */
static inline int
load_bytes(const char *yaml, size_t len, struct inventory *inv, struct buf *err)
{
	FILE *f = fopen("devices.yaml", "w");

	assert_non_null(f);
	assert_int_equal(fwrite(yaml, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	buf_init(err);
	return inventory_load("devices.yaml", inv, err);
}

static inline int
load(const char *yaml, struct inventory *inv, struct buf *err)
{
	return load_bytes(yaml, strlen(yaml), inv, err);
}

/* Loading len bytes fails with exactly the message lines expected. */
static inline void
expect_error_n(const char *yaml, size_t len, const char *expected)
{
	struct inventory inv;
	struct buf err;

	assert_int_equal(load_bytes(yaml, len, &inv, &err), -1);
	assert_non_null(err.data);
	assert_string_equal(err.data, expected);
	assert_int_equal(inv.ndevices, 0);
	assert_null(inv.devices);
	buf_free(&err);
}

static inline void
expect_error(const char *yaml, const char *expected)
{
	expect_error_n(yaml, strlen(yaml), expected);
}

#endif
