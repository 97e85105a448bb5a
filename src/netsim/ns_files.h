/*
 * ns_files: the files netsim writes for the programs that drive it: the
 * inventory of what it plays, its pid, the ready file and the stats.
 * Every file is written whole, to a temporary name beside it, and renamed
 * over the old one, so a reader never sees half a file.
 */
#ifndef NS_FILES_H
#define NS_FILES_H

#include <stddef.h>

#include "ns_device.h"

/* Write len bytes of data to path atomically; 0, or -1 with errno. */
int ns_files_write(const char *path, const char *data, size_t len);
/*
 * The netcollect inventory of devs (one "routers:" group, every device's
 * name, device_type, ip, port and credentials). 0, or -1 with errno.
 */
int ns_files_inventory(
    const char *path, const struct ns_device *devs, size_t n);
/* The counters as KEY=VALUE lines; 0, or -1 with errno. */
int ns_files_stats(const char *path, const struct ns_stats *st);
/* The same counters on one line, for the log. */
void ns_files_stats_line(const struct ns_stats *st, char *buf, size_t cap);

#endif
