/*
 * ncdiff: diff_unified() on two files, for the oracle test against GNU
 * diff (t4024). "ncdiff [-U N] A B" prints "--- A" / "+++ B" and the
 * hunks; exit 0 when equal, 1 when they differ, 2 on trouble.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff.h"
#include "util.h"

static int
slurp(const char *path, struct buf *b)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return -1;
	buf_init(b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return 0;
}

int
main(int argc, char **argv)
{
	struct diff_opts o = {.context = 3};
	struct buf a, b, out;
	size_t edits;
	int i = 1;

	if (argc == 5 && strcmp(argv[1], "-U") == 0) {
		o.context = (size_t)atoi(argv[2]);
		i = 3;
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: ncdiff [-U N] A B\n");
		return 2;
	}
	if (slurp(argv[i], &a) == -1 || slurp(argv[i + 1], &b) == -1) {
		fprintf(stderr, "ncdiff: %s\n", strerror(errno));
		return 2;
	}
	buf_init(&out);
	edits = diff_unified(
	    &out, a.data ? a.data : "", a.len, b.data ? b.data : "", b.len, &o);
	if (edits > 0) {
		printf("--- %s\n+++ %s\n", argv[i], argv[i + 1]);
		fwrite(out.data, 1, out.len, stdout);
	}
	buf_free(&a);
	buf_free(&b);
	buf_free(&out);
	return edits > 0;
}
