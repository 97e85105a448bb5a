/*
 * cmdfile: reading the commands and configuration files line by line
 * with getline, so a line has no length limit here (the caller bounds
 * it). A file we opened is closed before returning on every path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdfile.h"

/* Whether a line, its leading blanks at lead, is skipped. */
static int
skipped(enum cmdfile_kind kind, const char *line, size_t len, size_t lead)
{
	if (lead >= len)
		return 1;
	switch (kind) {
	case CMDFILE_COMMANDS:
		return line[lead] == '#';
	case CMDFILE_CONFIG:
		return line[lead] == '#' || line[lead] == '!';
	}
	return 0;
}

int
cmdfile_read(
    const char *path, enum cmdfile_kind kind, cmdfile_line_fn add, void *ctx)
{
	FILE *f;
	char *line = NULL, where[300];
	size_t sz = 0, lineno = 0, len, lead;
	ssize_t n;
	int rc = -1, saved, is_stdin = strcmp(path, "-") == 0;

	if (is_stdin) {
		f = stdin;
		path = "<stdin>";
	} else if ((f = fopen(path, "re")) == NULL) {
		return -2;
	}
	while ((n = getline(&line, &sz, f)) != -1) {
		lineno++;
		len = (size_t)n;
		while (len > 0 &&
		    (line[len - 1] == '\n' || line[len - 1] == '\r' ||
			line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		lead = strspn(line, " \t");
		if (lead > len)
			lead = len;
		if (skipped(kind, line, len, lead))
			continue;
		if (kind == CMDFILE_CONFIG)
			lead = 0;
		snprintf(where, sizeof(where), "%s:%zu", path, lineno);
		if (add(ctx, line + lead, len - lead, where) == -1)
			goto out;
	}
	rc = ferror(f) ? -2 : 0;
out:
	saved = errno;
	free(line);
	if (!is_stdin)
		fclose(f);
	errno = saved;
	return rc;
}
