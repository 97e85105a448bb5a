/*
 * sshconfig: ssh_config(5) resolved per host, over the items sshcfile
 * read (see sshcfile.h for the reading half).
 *
 * A lookup replays the items the way ssh(1) reads its files on each
 * start: `active` is set by each Host or Match line and applies to the
 * options that follow; an Include inside an inactive block is read with
 * no block able to match (ssh's NEVERMATCH), and the including file's
 * state comes back after it. Each option keeps the first item that
 * applied (IdentityFile collects every one, as ssh does, skipping
 * repeats); Match host and Match user see the HostName and User found so
 * far. Tokens, ~ and ${VAR} are expanded at the end, with the final
 * hostname, port and user. Host patterns are case-sensitive and Match
 * host patterns are not, as in ssh; the final hostname is lowercased.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sshcfile.h"
#include "sshconfig.h"
#include "sshhop.h"
#include "sshkeyword.h"
#include "sshvalue.h"
#include "util.h"

struct sshconfig {
	struct sshcfile *top;
	char *home;
	char *user;
	char *localhost;
};

static char *
passwd_field(int home)
{
	struct passwd pw, *res = NULL;
	char buf[4096];
	const char *e;

	if (getpwuid_r(getuid(), &pw, buf, sizeof(buf), &res) == 0 &&
	    res != NULL)
		return xstrdup(home ? pw.pw_dir : pw.pw_name);
	e = getenv(home ? "HOME" : "USER");
	return xstrdup(e != NULL ? e : home ? "/" : "unknown");
}

char *
sshconfig_default_path(const struct sshconfig_env *env)
{
	char *home, *p;

	if (env != NULL && env->home != NULL)
		return xasprintf("%s/.ssh/config", env->home);
	home = passwd_field(1);
	p = xasprintf("%s/.ssh/config", home);
	free(home);
	return p;
}

struct sshconfig *
sshconfig_load(
    const char *path, const struct sshconfig_env *env, struct buf *err)
{
	struct sshconfig *cfg = xcalloc(1, sizeof(*cfg));
	char host[256];

	cfg->home = env != NULL && env->home != NULL ? xstrdup(env->home)
						     : passwd_field(1);
	cfg->user = env != NULL && env->user != NULL ? xstrdup(env->user)
						     : passwd_field(0);
	if (env != NULL && env->localhost != NULL)
		cfg->localhost = xstrdup(env->localhost);
	else {
		if (gethostname(host, sizeof(host)) == -1)
			host[0] = '\0';
		host[sizeof(host) - 1] = '\0';
		cfg->localhost = xstrdup(host);
	}
	cfg->top =
	    sshcfile_load(path, cfg->home, env != NULL && env->user_file, err);
	if (cfg->top == NULL) {
		sshconfig_free(cfg);
		return NULL;
	}
	return cfg;
}

void
sshconfig_free(struct sshconfig *cfg)
{
	if (cfg == NULL)
		return;
	sshcfile_free(cfg->top);
	free(cfg->home);
	free(cfg->user);
	free(cfg->localhost);
	free(cfg);
}

const char *const *
sshconfig_keywords(void)
{
	return sshkeyword_names();
}

/* What one lookup has found so far: the first item of each option. */
struct eval {
	const struct sshconfig *cfg;
	const struct sshconfig_query *q;
	const struct sshcfile_item *hostname, *port, *user, *identities_only;
	const struct sshcfile_item *jump, *command, *strict, *known_hosts,
	    *timeout;
	const struct sshcfile_item *ids[SSHCONFIG_MAX_IDENTITY_FILES];
	size_t nids;
	const struct sshcfile_item
	    *too_many; /* the IdentityFile past the limit */
	int no_proxy;
};

/* HostName with %h: the host (the original one) put in. New string. */
static char *
expand_hostname(const char *tmpl, const char *host)
{
	struct buf b;
	const char *p;

	buf_init(&b);
	for (p = tmpl; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 'h') {
			buf_appendf(&b, "%s", host);
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			buf_append(&b, "%", 1);
			p++;
		} else
			buf_append(&b, p, 1);
	}
	return buf_steal(&b, NULL);
}

static int
match_crit(const struct eval *ev, const struct sshcfile_crit *c)
{
	const char *user;
	char *host;
	int m = 0;

	switch (c->kind) {
	case SSHCFILE_CRIT_ALL:
		m = 1;
		break;
	case SSHCFILE_CRIT_HOST:
		host = ev->hostname != NULL
		    ? expand_hostname(ev->hostname->argv[0], ev->q->host)
		    : xstrdup(ev->q->host);
		m = sshvalue_match_list(host, c->arg, 1);
		free(host);
		break;
	case SSHCFILE_CRIT_ORIGINALHOST:
		m = sshvalue_match_list(ev->q->host, c->arg, 1);
		break;
	case SSHCFILE_CRIT_USER:
		user = ev->q->user != NULL ? ev->q->user
		    : ev->user != NULL	   ? ev->user->argv[0]
					   : ev->cfg->user;
		m = sshvalue_match_list(user, c->arg, 0);
		break;
	case SSHCFILE_CRIT_LOCALUSER:
		m = sshvalue_match_list(ev->cfg->user, c->arg, 0);
		break;
	}
	return c->negate ? !m : m;
}

static int
match_host_line(const struct eval *ev, const struct sshcfile_item *it)
{
	size_t i;
	int active = 0, negated;

	for (i = 0; i < it->argc; i++) {
		negated = it->argv[i][0] == '!';
		if (sshvalue_wildmatch(ev->q->host, it->argv[i] + negated)) {
			if (negated)
				return 0;
			active = 1;
		}
	}
	return active;
}

static void
apply_option(struct eval *ev, const struct sshcfile_item *it)
{
	size_t i;

	switch (it->kw) {
	case SSHKEYWORD_HOSTNAME:
		if (ev->hostname == NULL)
			ev->hostname = it;
		break;
	case SSHKEYWORD_PORT:
		if (ev->port == NULL)
			ev->port = it;
		break;
	case SSHKEYWORD_USER:
		if (ev->user == NULL)
			ev->user = it;
		break;
	case SSHKEYWORD_IDENTITYFILE:
		for (i = 0; i < ev->nids; i++)
			if (strcmp(ev->ids[i]->argv[0], it->argv[0]) == 0)
				return;
		if (ev->nids == SSHCONFIG_MAX_IDENTITY_FILES) {
			if (ev->too_many == NULL)
				ev->too_many = it;
			return;
		}
		ev->ids[ev->nids++] = it;
		break;
	case SSHKEYWORD_IDENTITIESONLY:
		if (ev->identities_only == NULL)
			ev->identities_only = it;
		break;
	case SSHKEYWORD_PROXYJUMP:
		if (ev->jump == NULL && ev->command == NULL && !ev->no_proxy)
			ev->jump = it;
		break;
	case SSHKEYWORD_PROXYCOMMAND:
		/*
		 * ssh's own rule: ProxyJump hops rule out any later
		 * ProxyCommand, but "ProxyJump none" does not (OpenSSH
		 * 10.3p1's parsing, Debian's 9.2p1-2+deb12u10; before, a
		 * "none" ruled it out too).
		 */
		if (ev->command == NULL && !ev->no_proxy &&
		    (ev->jump == NULL || ev->jump->none))
			ev->command = it;
		break;
	case SSHKEYWORD_STRICT:
		if (ev->strict == NULL)
			ev->strict = it;
		break;
	case SSHKEYWORD_KNOWNHOSTS:
		if (ev->known_hosts == NULL)
			ev->known_hosts = it;
		break;
	case SSHKEYWORD_CONNECTTIMEOUT:
		/* "none" is ssh's unset value: a later line still applies. */
		if (ev->timeout == NULL && !it->none)
			ev->timeout = it;
		break;
	case SSHKEYWORD_OTHER:
	case SSHKEYWORD_HOST:
	case SSHKEYWORD_MATCH:
	case SSHKEYWORD_INCLUDE:
	case SSHKEYWORD_IGNOREUNKNOWN:
		break;
	}
}

static void
eval_file(
    struct eval *ev, const struct sshcfile *f, int nevermatch, int *active)
{
	const struct sshcfile_item *it;
	size_t i, k;
	int saved;

	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		switch (it->kind) {
		case SSHCFILE_ITEM_HOST:
			*active = !nevermatch && match_host_line(ev, it);
			break;
		case SSHCFILE_ITEM_MATCH:
			*active = !nevermatch;
			for (k = 0; k < it->ncrit && *active; k++)
				*active = match_crit(ev, &it->crit[k]);
			break;
		case SSHCFILE_ITEM_INCLUDE:
			saved = *active;
			for (k = 0; k < it->nfiles; k++) {
				eval_file(ev, it->files[k],
				    nevermatch || !saved, active);
				*active = saved;
			}
			break;
		case SSHCFILE_ITEM_OPTION:
			if (*active)
				apply_option(ev, it);
			break;
		}
	}
}

/*
 * A checked template expanded with the final values t holds: a new
 * string, or NULL with a problem line in err naming the item's line.
 */
static char *
expand(const struct sshvalue_tokens *t, const struct sshcfile_item *it,
    const char *name, int file, struct buf *err)
{
	char *v, *unset, *msg;

	v = sshvalue_expand(t, it->argv[0], file, &unset);
	if (v == NULL) {
		msg = xasprintf(
		    "%s: environment variable '%s' is not set", name, unset);
		sshvalue_report(err, it->file, it->line, msg);
		free(msg);
		free(unset);
	}
	return v;
}

void
sshconfig_opts_free(struct sshconfig_opts *o)
{
	size_t i;

	if (o == NULL)
		return;
	free(o->hostname);
	free(o->user);
	for (i = 0; i < o->nidentity_files; i++)
		free(o->identity_files[i]);
	free(o->identity_files);
	sshhop_free_list(o->jump, o->njump);
	free(o->proxy_command);
	free(o->known_hosts);
	memset(o, 0, sizeof(*o));
}

/* HostName, Port and User: the query's, else the file's, else defaults. */
static void
lookup_destination(const struct eval *ev, struct sshconfig_opts *o)
{
	const struct sshconfig_query *q = ev->q;

	if (ev->hostname != NULL) {
		o->hostname = expand_hostname(ev->hostname->argv[0], q->host);
		o->set |= SSHCONFIG_SET_HOSTNAME;
	} else
		o->hostname = xstrdup(q->host);
	sshvalue_lowercase(o->hostname);
	if (q->port != 0)
		o->port = q->port;
	else if (ev->port != NULL) {
		o->port = ev->port->port;
		o->set |= SSHCONFIG_SET_PORT;
	} else
		o->port = 22;
	if (q->user != NULL)
		o->user = xstrdup(q->user);
	else if (ev->user != NULL) {
		o->user = xstrdup(ev->user->argv[0]);
		o->set |= SSHCONFIG_SET_USER;
	} else
		o->user = xstrdup(ev->cfg->user);
}

/*
 * The values with %-tokens, expanded with t: IdentityFile, ProxyCommand
 * (or the ProxyJump route), UserKnownHostsFile. 0, or -1 with a line in
 * err.
 */
static int
lookup_templates(const struct eval *ev, const struct sshvalue_tokens *t,
    struct sshconfig_opts *o, struct buf *err)
{
	size_t i;

	if (ev->nids > 0) {
		o->identity_files = xcalloc(ev->nids, sizeof(char *));
		o->set |= SSHCONFIG_SET_IDENTITY_FILE;
	}
	for (i = 0; i < ev->nids; i++) {
		o->identity_files[i] =
		    expand(t, ev->ids[i], "IdentityFile", 1, err);
		if (o->identity_files[i] == NULL)
			return -1;
		o->nidentity_files++;
	}
	if (ev->jump != NULL || ev->command != NULL)
		o->set |= SSHCONFIG_SET_PROXY;
	if (ev->jump != NULL && !ev->jump->none) {
		o->jump = sshhop_copy_list(ev->jump->hops, ev->jump->nhops);
		o->njump = ev->jump->nhops;
	} else if (ev->command != NULL && !ev->command->none) {
		o->proxy_command =
		    expand(t, ev->command, "ProxyCommand", 0, err);
		if (o->proxy_command == NULL)
			return -1;
	}
	if (ev->known_hosts != NULL) {
		o->set |= SSHCONFIG_SET_KNOWN_HOSTS;
		o->known_hosts_none = ev->known_hosts->none;
		if (!ev->known_hosts->none) {
			o->known_hosts = expand(
			    t, ev->known_hosts, "UserKnownHostsFile", 1, err);
			if (o->known_hosts == NULL)
				return -1;
		}
	}
	return 0;
}

/* IdentitiesOnly, StrictHostKeyChecking, ConnectTimeout. */
static void
lookup_flags(const struct eval *ev, struct sshconfig_opts *o)
{
	if (ev->identities_only != NULL) {
		o->identities_only = ev->identities_only->flag;
		o->set |= SSHCONFIG_SET_IDENTITIES_ONLY;
	}
	o->strict_host_key_checking = SSHCONFIG_SHK_ASK;
	if (ev->strict != NULL) {
		o->strict_host_key_checking = ev->strict->shk;
		o->set |= SSHCONFIG_SET_STRICT;
	}
	if (ev->timeout != NULL) {
		o->connect_timeout_ms = ev->timeout->ms;
		o->set |= SSHCONFIG_SET_CONNECT_TIMEOUT;
	}
}

int
sshconfig_lookup(const struct sshconfig *cfg, const struct sshconfig_query *q,
    struct sshconfig_opts *o, struct buf *err)
{
	struct eval ev;
	struct sshvalue_tokens t;
	char *msg;
	int active = 1;

	memset(o, 0, sizeof(*o));
	memset(&ev, 0, sizeof(ev));
	ev.cfg = cfg;
	ev.q = q;
	ev.no_proxy = q->no_proxy;
	eval_file(&ev, cfg->top, 0, &active);

	if (ev.too_many != NULL) {
		msg = xasprintf("IdentityFile: more than %d for '%s'",
		    SSHCONFIG_MAX_IDENTITY_FILES, q->host);
		sshvalue_report(err, ev.too_many->file, ev.too_many->line, msg);
		free(msg);
		return -1;
	}
	lookup_destination(&ev, o);
	lookup_flags(&ev, o);
	t.home = cfg->home;
	t.localuser = cfg->user;
	t.localhost = cfg->localhost;
	t.host = o->hostname;
	t.orig = q->host;
	t.user = o->user;
	t.port = o->port;
	return lookup_templates(&ev, &t, o, err);
}

struct route {
	struct sshconfig_opts *hops;
	size_t n;
};

static int
route_add(const struct sshconfig *cfg, const struct sshconfig_opts *dest,
    struct route *r, int depth, struct buf *err)
{
	struct sshconfig_query q;
	struct sshconfig_opts o;
	char *msg;
	size_t i;

	for (i = 0; i < dest->njump; i++) {
		if (depth >= SSHHOP_MAX || r->n >= SSHHOP_MAX) {
			msg = xasprintf("ProxyJump: more than %d hops to reach "
					"'%s' (do the hops name each other?)",
			    SSHHOP_MAX, dest->hostname);
			sshvalue_report(err, cfg->top->path, 0, msg);
			free(msg);
			return -1;
		}
		memset(&q, 0, sizeof(q));
		q.host = dest->jump[i].host;
		q.user = dest->jump[i].user;
		q.port = dest->jump[i].port;
		q.no_proxy = i > 0;
		if (sshconfig_lookup(cfg, &q, &o, err) == -1) {
			sshconfig_opts_free(&o);
			return -1;
		}
		if (o.njump > 0) {
			if (route_add(cfg, &o, r, depth + 1, err) == -1) {
				sshconfig_opts_free(&o);
				return -1;
			}
			sshhop_free_list(o.jump, o.njump);
			o.jump = NULL;
			o.njump = 0;
		}
		r->hops = xrealloc(r->hops, (r->n + 1) * sizeof(*r->hops));
		r->hops[r->n++] = o;
	}
	return 0;
}

int
sshconfig_route(const struct sshconfig *cfg, const struct sshconfig_opts *dest,
    struct sshconfig_opts **hops, size_t *nhops, struct buf *err)
{
	struct route r = {NULL, 0};
	size_t i;

	*hops = NULL;
	*nhops = 0;
	if (route_add(cfg, dest, &r, 0, err) == -1) {
		for (i = 0; i < r.n; i++)
			sshconfig_opts_free(&r.hops[i]);
		free(r.hops);
		return -1;
	}
	*hops = r.hops;
	*nhops = r.n;
	return 0;
}
