/*
 * libFuzzer harness for the inventory loader: the input is a devices file.
 * inventory_load() takes a path, so each input is written to one memfd
 * created at start-up and loaded through /proc/self/fd/N (no file system
 * traffic). Invariants: a load either succeeds with complete, valid
 * devices or fails with at least one message line, every line naming the
 * file and ending in a newline, none from libcyaml (the scan must have
 * caught the problem first); selection keeps what it should.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hostlist.h"
#include "inventory.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int memfd = -1;
static char path[64];
static struct hostlist *all, *none; /* "*" and "!*" */

static struct hostlist *
compile(const char *pattern)
{
	struct hostlist *hl;
	struct buf err;

	buf_init(&err);
	if ((hl = hostlist_compile(&pattern, 1, &err)) == NULL)
		abort();
	buf_free(&err);
	return hl;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	memfd = memfd_create("devices.yaml", MFD_CLOEXEC);
	if (memfd == -1) {
		perror("memfd_create");
		abort();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	all = compile("*");
	none = compile("!*");
	/* ${NC_FUZZ_PW} resolves; ${NC_FUZZ_UNSET} does not. */
	setenv("NC_FUZZ_PW", "fuzz-secret", 1);
	unsetenv("NC_FUZZ_UNSET");
	return 0;
}

static void
check_device(const struct device *d, size_t i)
{
	if (d->index != i || d->name == NULL || d->name[0] == '\0' ||
	    d->group == NULL || d->host == NULL || d->host[0] == '\0' ||
	    d->device_type == NULL || d->platform == NULL ||
	    d->username == NULL || d->port < 1 || d->port > 65535 ||
	    d->timeout_ms < 0 || d->read_timeout_ms < 0 ||
	    (d->ncommands > 0 && d->commands == NULL))
		abort();
	for (size_t c = 0; c < d->ncommands; c++)
		if (d->commands[c] == NULL || d->commands[c][0] == '\0')
			abort();
	/* A host holds no brackets; patterns and data are complete. */
	if (strchr(d->host, '[') != NULL || strchr(d->host, ']') != NULL ||
	    d->connect_timeout_ms < 0 || d->auth_timeout_ms < 0 ||
	    (d->nerror_patterns > 0 && d->error_patterns == NULL) ||
	    (d->ndata > 0 && d->data == NULL))
		abort();
	for (size_t p = 0; p < d->nerror_patterns; p++)
		if (d->error_patterns[p] == NULL ||
		    d->error_patterns[p][0] == '\0')
			abort();
	for (size_t e = 0; e < d->ndata; e++)
		if (d->data[e].key == NULL || d->data[e].value == NULL)
			abort();
}

static void
check_errors(const struct buf *err)
{
	const char *p = err->data, *nl;
	size_t plen = strlen(path);

	if (err->len == 0 || p == NULL || p[err->len - 1] != '\n')
		abort();
	for (; p < err->data + err->len; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(err->data + err->len - p));
		if (nl == NULL || strncmp(p, path, plen) != 0 || p[plen] != ':')
			abort();
		/* The scan must catch everything before libcyaml loads. */
		if (strncmp(p + plen, ": libcyaml: ", 12) == 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inventory inv;
	struct buf err;
	size_t n, i;

	if (ftruncate(memfd, 0) == -1 ||
	    pwrite(memfd, data, size, 0) != (ssize_t)size)
		abort();
	buf_init(&err);
	if (inventory_load(path, &inv, &err) == 0) {
		if (err.len != 0 || inv.ndevices == 0)
			abort();
		for (i = 0; i < inv.ndevices; i++)
			check_device(&inv.devices[i], i);
		n = inv.ndevices;
		if (inventory_select(&inv, all) != n)
			abort();
		if (inventory_select(&inv, none) != 0)
			abort();
		inventory_free(&inv);
	} else {
		check_errors(&err);
		if (inv.ndevices != 0 || inv.devices != NULL)
			abort();
	}
	buf_free(&err);
	return 0;
}
