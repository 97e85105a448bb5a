/*
 * libFuzzer harness for host ranges (hostlist.c). Input: a pattern, then
 * after a NUL byte names separated by NUL bytes.
 * Invariants: compiling, counting and expanding agree on whether the
 * pattern is well formed (with the same message), and expansion fails
 * otherwise only for a wildcard, an exclusion or the size limit, which
 * counting foresees (expansions past 20,000 names or 4 MB are only
 * counted, to keep the harness fast); every name an
 * expansion gives matches the pattern; compressing a set of names (the
 * expansion, or the input's names) and expanding the result gives back
 * the same set; a shard is in 1..n, and with n + 1 shards a name keeps
 * its shard or takes the new one.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostlist.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop repeats in place; returns the new count. */
static size_t
uniq(char **v, size_t n)
{
	size_t i, m = 0;

	qsort(v, n, sizeof(*v), str_cmp);
	for (i = 0; i < n; i++)
		if (m == 0 || strcmp(v[i], v[m - 1]) != 0)
			v[m++] = v[i];
	return m;
}

/* A name compression lists as a pattern that expands back to itself. */
static int
clean(const char *s)
{
	size_t len = strlen(s);

	return len > 0 && strpbrk(s, "[],*?!") == NULL && s[0] != ' ' &&
	    s[0] != '\t' && s[len - 1] != ' ' && s[len - 1] != '\t' &&
	    strpbrk(s, "\n\v\f\r") == NULL;
}

/* compress(names) expands to exactly the set of names. */
static void
check_round_trip(char **names, size_t n)
{
	char **a, **b, *s;
	size_t na, nb, i;
	struct buf err;

	if (n == 0)
		return;
	a = xcalloc(n, sizeof(*a));
	for (i = 0; i < n; i++)
		a[i] = names[i];
	na = uniq(a, n);
	s = hostlist_compress((const char *const *)a, na);
	buf_init(&err);
	if (hostlist_expand(s, &b, &nb, &err) == -1)
		abort();
	nb = uniq(b, nb);
	if (nb != na)
		abort();
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			abort();
	for (i = 0; i < nb; i++)
		free(b[i]);
	free(b);
	free(a);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hostlist *hl;
	struct buf err, err2, err3;
	char *copy, *pattern, *p, **names, **in = NULL;
	size_t n, nin = 0, i, k;
	unsigned shards, s, s2;
	int m;

	copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	pattern = copy;
	buf_init(&err);
	buf_init(&err2);
	buf_init(&err3);
	hl = hostlist_compile((const char *const *)&pattern, 1, &err);
	/* Counting agrees with compiling; big expansions are only counted. */
	if (hostlist_count(pattern, &n, &err3) == -1) {
		if (err3.len == 0 ||
		    (hl == NULL
			    ? strcmp(err.data, err3.data) != 0
			    : strstr(err3.data, "cannot be expanded") == NULL))
			abort();
	} else if (hl == NULL || n == 0 || n > HOSTLIST_MAX_NAMES + 1)
		abort();
	if (n > 20000 || n * (size + 1) > 4000000) {
		if (n > HOSTLIST_MAX_NAMES &&
		    hostlist_expand(pattern, &names, &n, &err2) != -1)
			abort();
	} else if (hostlist_expand(pattern, &names, &n, &err2) == 0) {
		if (hl == NULL || err2.len != 0 || n == 0)
			abort();
		for (i = 0; i < n; i = i < 1000 ? i + 1 : i + n / 97 + 1)
			if (hostlist_match(pattern, names[i]) != 1 ||
			    !hostlist_selects(
				hl, (const char *const *)&names[i], 1))
				abort();
		if (n <= 20000) {
			for (k = 0; k < n && clean(names[k]); k++)
				;
			if (k == n)
				check_round_trip(names, n);
		}
		hostlist_names_free(names, n);
	} else if (hl == NULL) {
		if (err.len == 0 || err2.len == 0 ||
		    strcmp(err.data, err2.data) != 0)
			abort();
	} else if (err2.len == 0 ||
	    (strstr(err2.data, "cannot be expanded") == NULL &&
		strstr(err2.data, " names") == NULL))
		abort();

	/* The names after the pattern. */
	for (p = copy + strlen(copy) + 1; p < copy + size + 1;
	     p += strlen(p) + 1) {
		in = xrealloc(in, (nin + 1) * sizeof(*in));
		in[nin++] = p;
	}
	shards = size > 0 ? (unsigned)data[size - 1] + 1 : 1;
	for (i = 0; i < nin; i++) {
		if (hl != NULL) {
			m = hostlist_selects(
			    hl, (const char *const *)&in[i], 1);
			if (m != hostlist_match(pattern, in[i]))
				abort();
		}
		s = hostlist_shard(in[i], shards);
		s2 = hostlist_shard(in[i], shards + 1);
		if (s < 1 || s > shards || (s2 != s && s2 != shards + 1))
			abort();
	}
	for (k = 0; k < nin && clean(in[k]); k++)
		;
	if (k == nin)
		check_round_trip(in, nin);
	free(hostlist_compress((const char *const *)in, nin));

	hostlist_free(hl);
	buf_free(&err);
	buf_free(&err2);
	buf_free(&err3);
	free(in);
	free(copy);
	return 0;
}
