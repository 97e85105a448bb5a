/*
 * cmdfile: the files of lines netcollect sends. A commands file
 * (--commands-file) has one command a line, trimmed of surrounding
 * blanks, blank lines and # comments skipped. A configuration file
 * (--config) has one configuration line a line, sent as written (leading
 * blanks too: they are part of the line a device echoes), blank lines and
 * lines that start with # or ! (comments on every platform) skipped.
 * Line ends (\n, \r\n) and trailing blanks are never part of a line.
 * The path "-" is standard input (named "<stdin>"; left open).
 * Checking a line is the caller's (it knows the limits and the words).
 */
#ifndef NC_CMDFILE_H
#define NC_CMDFILE_H

#include <stddef.h>

enum cmdfile_kind {
	CMDFILE_COMMANDS,
	CMDFILE_CONFIG,
};

/*
 * Called for each line of the file in order: line[0..len) (not
 * NUL-terminated), where names it ("path:lineno"). Returns 0, or -1 to
 * stop (having reported why).
 */
typedef int (*cmdfile_line_fn)(
    void *ctx, const char *line, size_t len, const char *where);

/*
 * Read path as a file of kind, handing each line to add. Returns 0; -1
 * when add returned -1; -2 when path could not be opened or read (errno
 * says why; nothing was reported).
 */
int cmdfile_read(
    const char *path, enum cmdfile_kind kind, cmdfile_line_fn add, void *ctx);

#endif
