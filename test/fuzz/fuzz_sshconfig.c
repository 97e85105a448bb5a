/*
 * libFuzzer harness for the ssh_config reader (sshconfig.c). The input is
 * a config file, written to one memfd and loaded through /proc/self/fd/N;
 * its first line is also parsed as a ProxyJump value. The home directory
 * does not exist, so relative and ~ Includes find nothing; an input that
 * could name another file (an Include and a '/') is skipped.
 * Invariants: a load fails with message lines only, each naming our file
 * and free of control bytes, or succeeds silently; every lookup of a few
 * hosts gives a complete record (lowercase hostname, a port, a user, at
 * most one of jump and proxy_command, bounded lists) or fails with one
 * line; a route has at most SSHHOP_MAX hops, none with a jump and
 * only the first with a proxy_command; a ProxyJump value that parses
 * prints back to one that parses to the same hops.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sshconfig.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int memfd = -1;
static char path[64];
static const struct sshconfig_env env = {
    "/nonexistent-netcollect-fuzz", "fuzz", "fuzz.example", 0};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	memfd = memfd_create("ssh_config", MFD_CLOEXEC);
	if (memfd == -1) {
		perror("memfd_create");
		abort();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	setenv("NC_FUZZ_SET", "/set", 1);
	unsetenv("NC_FUZZ_UNSET");
	return 0;
}

/* Every line names our file (or the route's), ends in \n, is clean. */
static void
check_lines(const struct buf *err, size_t max_lines)
{
	const char *p = err->data, *nl;
	size_t plen = strlen(path), n = 0;

	if (err->len == 0 || p == NULL || p[err->len - 1] != '\n')
		abort();
	for (; p < err->data + err->len; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(err->data + err->len - p));
		if (nl == NULL || strncmp(p, path, plen) != 0 || p[plen] != ':')
			abort();
		for (const char *c = p; c < nl; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				abort();
		if (nl - p > 1000)
			abort();
		n++;
	}
	if (n > max_lines)
		abort();
}

static void
check_opts(const struct sshconfig_opts *o)
{
	size_t i;

	if (o->hostname == NULL || o->user == NULL || o->port < 1 ||
	    o->port > 65535 || o->connect_timeout_ms < 0 ||
	    o->nidentity_files > SSHCONFIG_MAX_IDENTITY_FILES ||
	    o->njump > SSHHOP_MAX ||
	    (o->njump > 0 && o->proxy_command != NULL) ||
	    (o->known_hosts_none && o->known_hosts != NULL))
		abort();
	for (const char *c = o->hostname; *c != '\0'; c++)
		if (isupper((unsigned char)*c))
			abort();
	for (i = 0; i < o->nidentity_files; i++)
		if (o->identity_files[i] == NULL)
			abort();
	for (i = 0; i < o->njump; i++)
		if (o->jump[i].host == NULL || o->jump[i].host[0] == '\0' ||
		    o->jump[i].port > 65535 ||
		    (o->jump[i].user != NULL && o->jump[i].user[0] == '\0'))
			abort();
}

static void
check_lookup(const struct sshconfig *cfg, const char *host, const char *user,
    unsigned port)
{
	struct sshconfig_query q = {host, user, port, 0};
	struct sshconfig_opts o, *hops;
	struct buf err;
	size_t n, i;

	buf_init(&err);
	if (sshconfig_lookup(cfg, &q, &o, &err) == -1) {
		check_lines(&err, 1);
		sshconfig_opts_free(&o);
		buf_free(&err);
		return;
	}
	if (err.len != 0)
		abort();
	check_opts(&o);
	if (sshconfig_route(cfg, &o, &hops, &n, &err) == 0) {
		if (err.len != 0 || n > SSHHOP_MAX ||
		    (n == 0) != (o.njump == 0) || (n == 0 && hops != NULL))
			abort();
		for (i = 0; i < n; i++) {
			check_opts(&hops[i]);
			if (hops[i].njump != 0 ||
			    (i > 0 && hops[i].proxy_command != NULL))
				abort();
			sshconfig_opts_free(&hops[i]);
		}
		free(hops);
	} else {
		check_lines(&err, 1);
		if (hops != NULL || n != 0)
			abort();
	}
	sshconfig_opts_free(&o);
	buf_free(&err);
}

static int
same_hops(const struct sshhop *a, const struct sshhop *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(a[i].host, b[i].host) != 0 ||
		    a[i].port != b[i].port ||
		    (a[i].user == NULL) != (b[i].user == NULL) ||
		    (a[i].user != NULL && strcmp(a[i].user, b[i].user) != 0))
			return 0;
	}
	return 1;
}

/* A ProxyJump value that parses prints back to the same hops. */
static void
check_jump(const uint8_t *data, size_t size)
{
	struct sshhop *hops, *again;
	size_t n, n2, len, i;
	struct buf err, text;
	char *spec, *s;

	for (len = 0;
	     len < size && len < 512 && data[len] != '\n' && data[len] != '\0';
	     len++)
		;
	spec = xstrndup((const char *)data, len);
	buf_init(&err);
	if (sshhop_parse_list(spec, &hops, &n, &err) == -1) {
		if (err.len == 0 || hops != NULL || n != 0 ||
		    memchr(err.data, '\n', err.len) != NULL)
			abort();
		buf_free(&err);
		free(spec);
		return;
	}
	if (err.len != 0 || n > SSHHOP_MAX ||
	    (n == 0 && strcasecmp(spec, "none") != 0))
		abort();
	buf_init(&text);
	for (i = 0; i < n; i++) {
		s = sshhop_string(&hops[i]);
		buf_appendf(&text, "%s%s", i > 0 ? "," : "", s);
		free(s);
	}
	if (n > 0) {
		if (sshhop_parse_list(text.data, &again, &n2, &err) == -1 ||
		    n2 != n || !same_hops(hops, again, n))
			abort();
		sshhop_free_list(again, n2);
	}
	sshhop_free_list(hops, n);
	buf_free(&text);
	buf_free(&err);
	free(spec);
}

/* An Include that could reach a real file: skip the input. */
static int
may_name_files(const uint8_t *data, size_t size)
{
	static const char word[] = "include";
	size_t i, k;
	int inc = 0, slash = 0;

	for (i = 0; i < size; i++) {
		if (data[i] == '/')
			slash = 1;
		for (k = 0; k < sizeof(word) - 1 && i + k < size; k++)
			if (tolower(data[i + k]) != word[k])
				break;
		if (k == sizeof(word) - 1)
			inc = 1;
	}
	return inc && slash;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const hosts[] = {
	    "r1", "R1.lab", "bastion", "h", "web9", "::1"};
	struct sshconfig *cfg;
	struct buf err;
	size_t i;

	check_jump(data, size);
	if (may_name_files(data, size))
		return 0;
	if (ftruncate(memfd, 0) == -1 ||
	    pwrite(memfd, data, size, 0) != (ssize_t)size)
		abort();
	buf_init(&err);
	cfg = sshconfig_load(path, &env, &err);
	if (cfg == NULL) {
		check_lines(&err, 101);
		buf_free(&err);
		return 0;
	}
	if (err.len != 0)
		abort();
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
		check_lookup(cfg, hosts[i], NULL, 0);
	check_lookup(cfg, "r1", "bob", 2222);
	sshconfig_free(cfg);
	buf_free(&err);
	return 0;
}
