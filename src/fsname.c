/*
 * fsname: one sanitiser for every file name derived from a device or a
 * command. The mapping is many-to-one ("a/b" and "a_b" are both "a_b"), so
 * callers that name several files in one directory check the results for
 * collisions before writing anything (see files_plan()).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsname.h"
#include "util.h"

static int
safe_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

char *
fsname_safe(const char *s)
{
	char *out = xstrdup(s[0] == '\0' ? "_" : s), *p;

	for (p = out; *p != '\0'; p++)
		if (!safe_byte((unsigned char)*p))
			*p = '_';
	if (out[0] == '.')
		out[0] = '_';
	return out;
}

char *
fsname_path(const char *dir, const char *name, const char *suffix)
{
	char *safe = fsname_safe(name), *path;

	path = xasprintf("%s/%s%s", dir, safe, suffix);
	free(safe);
	return path;
}

size_t
fsname_max(const char *dir)
{
	long n = pathconf(dir, _PC_NAME_MAX);

	return n > 0 ? (size_t)n : 255;
}
