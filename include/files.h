/*
 * files: per-device output files in one directory (--output-dir, and the
 * directory of each --run-dir run). A device running one command gets
 * NAME.txt, a device running several gets NAME.COMMAND.txt per command,
 * both through fsname_safe(). All names are planned and checked before
 * anything runs; a device's files are replaced only by complete, fsynced
 * temp files, and a failed save leaves the earlier files as they were.
 */
#ifndef NC_FILES_H
#define NC_FILES_H

#include <stddef.h>

#include "inventory.h"
#include "options.h"
#include "result.h"

struct files;

/*
 * Plan the files of every device of inv in dir, creating dir (one level,
 * mode 0755) when missing. Returns NULL after logging one line per
 * problem, each naming opt ("--output-dir"): dir cannot be made, two
 * devices (or two commands of one device) map to the same file, a name is
 * too long for the file system. Nothing is written then.
 */
struct files *files_plan(const char *opt, const char *dir,
    const struct config *cfg, const struct inventory *inv);

/*
 * Save r's outputs, each ending with a newline, mode 0600. Only an ok
 * result, or the complete outputs of a device-error one (the device
 * refused a command; what it printed is real), is saved; another failed
 * device keeps its earlier files, and an empty output does not replace an
 * existing file. A write
 * failure of a device-error result keeps device-error as its kind, its
 * message extended with the file and the cause. Returns 0, or -1 with r failed
 * as ERR_WRITE (the message names the file and the cause), no temp file
 * left behind and the device's earlier files unchanged.
 */
int files_save(struct files *f, struct result *r);

/* Number of files of device dev, and the final path of its file cmd. */
size_t files_count(const struct files *f, size_t dev);
const char *files_path(const struct files *f, size_t dev, size_t cmd);

/* Nonzero when the last files_save() of dev wrote its file cmd. */
int files_saved(const struct files *f, size_t dev, size_t cmd);

void files_free(struct files *f);

/*
 * Check that the session logs of inv in dir (fsname_path(dir, name,
 * ".log")) are distinct and not too long. Returns 0, or -1 after logging
 * one line per problem, naming --session-log.
 */
int files_check_logs(const char *dir, const struct inventory *inv);

#endif
