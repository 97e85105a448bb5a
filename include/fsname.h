/*
 * fsname: names from the inventory and the command line made safe as
 * file names. Every file netcollect writes under a directory the user
 * named (--output-dir, --run-dir, --session-log) is named through here, so
 * a device called "../x" or "a/b" can never leave its directory.
 */
#ifndef NC_FSNAME_H
#define NC_FSNAME_H

#include <stddef.h>

/*
 * The safe form of s as one path component: every byte other than
 * [A-Za-z0-9._-] becomes '_', and a leading '.' becomes '_' (no hidden
 * files, no "." or ".."). Never empty ("_" for ""). Caller frees.
 * Safe after fork().
 */
char *fsname_safe(const char *s);

/*
 * "dir/SAFE(name)suffix": the path of name's file in dir. Caller frees.
 * Safe after fork() (the worker builds its session log path with it).
 */
char *fsname_path(const char *dir, const char *name, const char *suffix);

/*
 * The longest file name dir accepts (pathconf _PC_NAME_MAX; 255 when it
 * cannot say).
 */
size_t fsname_max(const char *dir);

#endif
