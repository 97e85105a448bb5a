/*
 * sshroute: the set is a short list of (name as written, loaded file)
 * pairs, searched linearly: a run names few files. A device's lookup
 * asks the file with what the inventory knows as the query (its user,
 * its port when it wrote one), so the file's Match user sees it and the
 * file's own values never replace it, as `ssh -l user -p port` does.
 *
 * A hop's label is the ProxyJump entry as written ("jump",
 * "admin@127.0.0.1:1") when the route is the device's own list; when a
 * first hop has a ProxyJump of its own the route is longer than the list
 * and every hop is named by what it resolved to (user@host:port).
 */
#include <stdlib.h>
#include <string.h>

#include "sshroute.h"

struct sshroute_file {
	char *name; /* as written: a path, or "default" */
	struct sshconfig *cfg;
};

struct sshroute_set {
	struct sshroute_file *files;
	size_t nfiles;
};

static const struct sshconfig *
find(const struct sshroute_set *set, const char *name)
{
	size_t i;

	for (i = 0; set != NULL && name != NULL && i < set->nfiles; i++)
		if (strcmp(set->files[i].name, name) == 0)
			return set->files[i].cfg;
	return NULL;
}

static int
add(struct sshroute_set *set, const char *name, struct buf *err)
{
	struct sshconfig_env env = {0};
	struct sshconfig *cfg;
	char *path;

	if (name == NULL || strcmp(name, "none") == 0 ||
	    find(set, name) != NULL)
		return 0;
	if (strcmp(name, "default") == 0) {
		env.user_file = 1;
		path = sshconfig_default_path(NULL);
	} else
		path = xstrdup(name);
	cfg = sshconfig_load(path, &env, err);
	free(path);
	if (cfg == NULL)
		return -1;
	set->files =
	    xrealloc(set->files, (set->nfiles + 1) * sizeof(*set->files));
	set->files[set->nfiles].name = xstrdup(name);
	set->files[set->nfiles].cfg = cfg;
	set->nfiles++;
	return 0;
}

struct sshroute_set *
sshroute_load(
    const struct config *cfg, const struct inventory *inv, struct buf *err)
{
	struct sshroute_set *set = xcalloc(1, sizeof(*set));
	size_t i;
	int rc;

	rc = add(set, cfg->ssh_config, err);
	for (i = 0; i < inv->ndevices; i++)
		if (add(set, inv->devices[i].ssh_config, err) == -1)
			rc = -1;
	if (rc == -1) {
		sshroute_free(set);
		return NULL;
	}
	return set;
}

void
sshroute_free(struct sshroute_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nfiles; i++) {
		free(set->files[i].name);
		sshconfig_free(set->files[i].cfg);
	}
	free(set->files);
	free(set);
}

/* The file's StrictHostKeyChecking as ours (ask: we cannot ask). */
static enum hostkey_mode
mode_of(enum sshconfig_shk shk)
{
	switch (shk) {
	case SSHCONFIG_SHK_YES:
	case SSHCONFIG_SHK_ASK:
		return HOSTKEY_STRICT;
	case SSHCONFIG_SHK_ACCEPT_NEW:
		return HOSTKEY_ACCEPT_NEW;
	case SSHCONFIG_SHK_OFF:
		return HOSTKEY_OFF;
	}
	return HOSTKEY_STRICT;
}

/*
 * The host key checks o's file asks for, under the command line's:
 * mode and known_hosts file, unless the caller's own are set.
 */
static void
hostkeys_of(const struct config *cfg, const struct sshconfig_opts *o,
    struct transport_target *tg)
{
	if (tg->hostkey_mode == HOSTKEY_DEFAULT) {
		if (!cfg->given_hostkey && (o->set & SSHCONFIG_SET_STRICT))
			tg->hostkey_mode = mode_of(o->strict_host_key_checking);
		else
			tg->hostkey_mode = cfg->host_key_check;
	}
	if (!cfg->given_known_hosts && (o->set & SSHCONFIG_SET_KNOWN_HOSTS))
		tg->known_hosts =
		    o->known_hosts_none ? "/dev/null" : o->known_hosts;
}

static char *
label_of(const struct sshhop *written, const struct sshconfig_opts *o)
{
	struct sshhop h = {
	    .user = o->user, .host = o->hostname, .port = o->port};

	return sshhop_string(written != NULL ? written : &h);
}

static int
fill_hops(const struct config *cfg, struct sshroute *r)
{
	struct tunnel_hop *th;
	struct sshconfig_opts *o;
	size_t i;

	r->th = xcalloc(r->nhops, sizeof(*r->th));
	r->labels = xcalloc(r->nhops, sizeof(*r->labels));
	for (i = 0; i < r->nhops; i++) {
		o = &r->hops[i];
		th = &r->th[i];
		r->labels[i] = label_of(
		    r->nhops == r->dest.njump ? &r->dest.jump[i] : NULL, o);
		th->label = r->labels[i];
		th->tg = (struct transport_target){
		    .host = o->hostname,
		    .port = o->port,
		    .username = o->user,
		    .key_files = (const char *const *)o->identity_files,
		    .nkey_files = o->nidentity_files,
		    .skip_missing_keys = 1,
		    .use_agent = !o->identities_only,
		    .known_hosts = cfg->known_hosts,
		};
		hostkeys_of(cfg, o, &th->tg);
		th->connect_ms =
		    !cfg->given_connect && o->connect_timeout_ms > 0
		    ? o->connect_timeout_ms
		    : cfg->connect_timeout_ms;
		th->auth_ms = cfg->auth_timeout_ms;
	}
	return 0;
}

static void
plain(const struct transport_target *tg, int64_t connect_ms,
    struct tunnel_spec *spec)
{
	*spec = (struct tunnel_spec){
	    .host = tg->host,
	    .port = tg->port,
	    .connect_ms = connect_ms,
	    .deadline = tg->deadline,
	};
}

/* The device's own fields under the file's (d's wins when it has one). */
static void
dest_of(const struct config *cfg, const struct device *d,
    const struct sshconfig_opts *o, struct transport_target *tg,
    int64_t *connect_ms)
{
	if (o->set & SSHCONFIG_SET_HOSTNAME)
		tg->host = o->hostname;
	tg->port = o->port;
	if (d->username == NULL)
		tg->username = o->user;
	/* ssh's default key files only when nothing else could log in. */
	if (d->key_file == NULL &&
	    ((o->set & SSHCONFIG_SET_IDENTITY_FILE) ||
		(d->password == NULL && !d->use_agent))) {
		tg->key_files = (const char *const *)o->identity_files;
		tg->nkey_files = o->nidentity_files;
		tg->skip_missing_keys = 1;
	}
	if (o->identities_only)
		tg->use_agent = 0;
	hostkeys_of(cfg, o, tg);
	if (d->connect_timeout_ms == 0 && !cfg->given_connect &&
	    o->connect_timeout_ms > 0)
		*connect_ms = o->connect_timeout_ms;
}

int
sshroute_apply(const struct sshroute_set *set, const struct config *cfg,
    const struct device *d, struct transport_target *tg, int64_t *connect_ms,
    struct tunnel_spec *spec, struct sshroute *r, struct failure *f)
{
	const char *name = d->ssh_config ? d->ssh_config : cfg->ssh_config;
	const struct sshconfig *sc = find(set, name);
	struct sshconfig_query q = {
	    .host = d->host,
	    .user = d->username,
	    .port = d->port_given ? d->port : 0,
	};
	struct buf err;
	int rc = -1;

	if (sc == NULL) {
		if (tg->hostkey_mode == HOSTKEY_DEFAULT)
			tg->hostkey_mode = cfg->host_key_check;
		plain(tg, *connect_ms, spec);
		return 0;
	}
	buf_init(&err);
	r->have_dest = 1;
	if (sshconfig_lookup(sc, &q, &r->dest, &err) == -1 ||
	    sshconfig_route(sc, &r->dest, &r->hops, &r->nhops, &err) == -1) {
		failure_set(f, ERR_SSH, "ssh_config %s: %.*s", name,
		    (int)strcspn(err.data ? err.data : "", "\n"),
		    err.data ? err.data : "");
		goto out;
	}
	dest_of(cfg, d, &r->dest, tg, connect_ms);
	plain(tg, *connect_ms, spec);
	if (r->nhops > 0) {
		fill_hops(cfg, r);
		spec->hops = r->th;
		spec->nhops = r->nhops;
		spec->proxy_command = r->hops[0].proxy_command;
	} else
		spec->proxy_command = r->dest.proxy_command;
	rc = 0;
out:
	buf_free(&err);
	return rc;
}

void
sshroute_clear(struct sshroute *r)
{
	size_t i;

	if (r->have_dest)
		sshconfig_opts_free(&r->dest);
	for (i = 0; i < r->nhops; i++) {
		sshconfig_opts_free(&r->hops[i]);
		if (r->labels != NULL)
			free(r->labels[i]);
	}
	free(r->hops);
	free(r->labels);
	free(r->th);
	memset(r, 0, sizeof(*r));
}
