/*
 * sshroute: what the OpenSSH client configuration says about each device:
 * the ssh_config files of a run (--ssh-config, and each device's
 * ssh_config:, "default" being ~/.ssh/config, "none" no file, as with
 * ssh -F none) read once in the parent, and, per device in its worker,
 * the file's HostName, Port, User,
 * IdentityFile, IdentitiesOnly, StrictHostKeyChecking,
 * UserKnownHostsFile and ConnectTimeout laid under the device's
 * transport target, and its ProxyJump hops and ProxyCommand turned into
 * a tunnel_spec.
 *
 * What the inventory says about a device wins over the file, and so does
 * what the command line says (--host-key-check, --known-hosts,
 * --connect-timeout); the file wins only over defaults. A jump host has
 * no inventory entry: it is the file's (its User, its IdentityFile list,
 * ssh's default key files when it names none, the agent unless
 * IdentitiesOnly), under the same command-line options.
 *
 * Layering: sshconfig, tunnel, inventory, options < sshroute < worker. A
 * loaded set is immutable: safe after fork() and in threads.
 */
#ifndef NC_SSHROUTE_H
#define NC_SSHROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "inventory.h"
#include "options.h"
#include "result.h"
#include "sshconfig.h"
#include "transport.h"
#include "tunnel.h"
#include "util.h"

struct sshroute_set;

/*
 * Read every file the run names (cfg->ssh_config, each device's
 * ssh_config:), each once. Returns the set (empty when no file is
 * named), or NULL with "file:line: message" lines appended to err.
 */
struct sshroute_set *sshroute_load(
    const struct config *cfg, const struct inventory *inv, struct buf *err);
void sshroute_free(struct sshroute_set *set);

/* One device's route; everything tg and spec point to is owned here. */
struct sshroute {
	struct sshconfig_opts dest;
	struct sshconfig_opts *hops;
	size_t nhops;
	struct tunnel_hop *th;
	char **labels;
	int have_dest; /* dest was looked up (free it) */
};

/*
 * Lay the file that applies to d under *tg (already filled from the
 * inventory and command line) and fill *spec (every field but deadline,
 * which tg has) for tunnel_open(); *connect_ms is the device's connect
 * timeout, which ConnectTimeout replaces unless the inventory or the
 * command line set one. With no file for d, spec is a plain TCP
 * connection to tg's host and port. Returns 0, or -1 with f filled (a
 * value the file cannot expand). r must be zeroed first; clear it with
 * sshroute_clear() after tunnel_close(), on failure too.
 */
int sshroute_apply(const struct sshroute_set *set, const struct config *cfg,
    const struct device *d, struct transport_target *tg, int64_t *connect_ms,
    struct tunnel_spec *spec, struct sshroute *r, struct failure *f);
void sshroute_clear(struct sshroute *r);

#endif
