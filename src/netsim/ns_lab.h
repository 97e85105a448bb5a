/*
 * ns_lab: the devices netsim plays, read from a lab file or generated
 * from --devices/--base. Both append fresh records (ns_device_defaults())
 * that the caller then adjusts with --set/--fault and frees with
 * ns_device_free().
 */
#ifndef NS_LAB_H
#define NS_LAB_H

#include <stddef.h>

#include "ns_device.h"

/*
 * Read the lab file at path; its devices are appended to *devs (n
 * entries, realloc'ed; owned by the caller even on failure). 0, or -1
 * with "path:line: message" in err.
 */
int ns_lab_load(const char *path, struct ns_device **devs, size_t *n, char *err,
    size_t errlen);
/*
 * Generate n devices R1..Rn from base "ADDR:PORT": consecutive addresses
 * sharing PORT, or consecutive ports on ADDR with per_port; PORT 0 asks
 * for a kernel port each. Only loopback addresses. 0 with *devs (new
 * array) and *ndevs set, or -1 with err.
 */
int ns_lab_generate(const char *base, size_t n, int per_port,
    struct ns_device **devs, size_t *ndevs, char *err, size_t errlen);

#endif
