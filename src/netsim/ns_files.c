/*
 * ns_files: atomic writes of netsim's output files. The temporary file
 * is "PATH.tmp.PID" in the same directory (rename() must not cross file
 * systems) and is removed when anything fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ns_files.h"

int
ns_files_write(const char *path, const char *data, size_t len)
{
	char tmp[4096];
	int fd, rc = -1, saved;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >=
	    (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) ==
	    -1)
		return -1;
	if (write(fd, data, len) == (ssize_t)len && close(fd) == 0) {
		fd = -1;
		rc = rename(tmp, path);
	}
	saved = errno;
	if (fd != -1)
		close(fd);
	if (rc == -1)
		unlink(tmp);
	errno = saved;
	return rc;
}

/* A YAML double-quoted scalar. */
static void
yq(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void
inventory_entry(FILE *f, const struct ns_device *d)
{
	fprintf(f, "  - name: ");
	yq(f, d->hostname);
	fprintf(f,
	    "\n    device_type: %s\n    ip: ", ns_platform_name(d->platform));
	yq(f, d->address);
	fprintf(f, "\n    port: %u\n    username: ", d->port);
	yq(f, d->username);
	fprintf(f, "\n    password: ");
	yq(f, d->password);
	fprintf(f, "\n    secret: ");
	yq(f, d->secret);
	fprintf(f, "\n");
}

int
ns_files_inventory(const char *path, const struct ns_device *devs, size_t n)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;
	int rc;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return -1;
	fprintf(f, "# netsim inventory\nrouters:\n");
	for (i = 0; i < n; i++)
		inventory_entry(f, &devs[i]);
	if (fclose(f) != 0) {
		free(buf);
		errno = ENOMEM;
		return -1;
	}
	rc = ns_files_write(path, buf, len);
	free(buf);
	return rc;
}

int
ns_files_stats(const char *path, const struct ns_stats *st)
{
	char buf[512];
	int n;

	n = snprintf(buf, sizeof(buf),
	    "connections=%lu\nauth_failures=%lu\nsessions=%lu\n"
	    "max_sessions=%lu\ncommands=%lu\nforwarded=%lu\n",
	    st->connections, st->auth_failures, st->sessions, st->max_sessions,
	    st->commands, st->forwarded);
	return ns_files_write(path, buf, (size_t)n);
}

void
ns_files_stats_line(const struct ns_stats *st, char *buf, size_t cap)
{
	snprintf(buf, cap,
	    "connections=%lu auth_failures=%lu sessions=%lu max_sessions=%lu "
	    "commands=%lu forwarded=%lu",
	    st->connections, st->auth_failures, st->sessions, st->max_sessions,
	    st->commands, st->forwarded);
}
