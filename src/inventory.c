/*
 * inventory: load the devices file, pick devices, free them.
 *
 * Loading is two passes over the same bytes, read once into memory: the
 * scan (invscan: libyaml events, every problem with its position, ${NAME}
 * values replaced) and, only when the scan found nothing, the typed load
 * (invload: libcyaml). This file turns what was loaded into struct
 * device: the defaults merged (a device's own key wins), names defaulted
 * and refused when two devices share one. Problems are reported sorted by
 * position, one per line. Secrets are wiped from every copy we own.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostlist.h"
#include "inventory.h"
#include "invfield.h"
#include "invload.h"
#include "invscan.h"
#include "platform.h"
#include "util.h"

#define MAX_FILE_SIZE (512u * 1024 * 1024)

/*
 * Read the whole file (bounded), or stdin when path is "-" (then named
 * "<stdin>"); -1 with the message in err.
 */
static int
read_file(
    const char *path, unsigned char **datap, size_t *lenp, struct buf *err)
{
	struct stat st;
	unsigned char *data = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;
	int fd, rc = -1;

	if (strcmp(path, "-") == 0) {
		path = INVENTORY_STDIN;
		fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0);
	} else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		buf_appendf(err, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		buf_appendf(err, "%s: %s\n", path, strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		buf_appendf(err, "%s: %s\n", path, strerror(EISDIR));
		goto out;
	}
	for (;;) {
		if (len == cap) {
			if (cap > MAX_FILE_SIZE) {
				buf_appendf(err,
				    "%s: file is too large (max %u MiB)\n",
				    path, MAX_FILE_SIZE / (1024 * 1024));
				goto out;
			}
			cap = cap ? cap * 2 : 65536;
			data = xrealloc(data, cap + 1);
		}
		n = read(fd, data + len, cap - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			buf_appendf(err, "%s: %s\n", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > MAX_FILE_SIZE) {
		buf_appendf(err, "%s: file is too large (max %u MiB)\n", path,
		    MAX_FILE_SIZE / (1024 * 1024));
		goto out;
	}
	data = data == NULL ? xmalloc(1) : data;
	data[len] = '\0';
	*datap = data;
	*lenp = len;
	data = NULL;
	rc = 0;
out:
	if (data != NULL) {
		secure_zero(data, cap);
		free(data);
	}
	close(fd);
	return rc;
}

/* A device's mapping and the defaults, and the keys each holds. */
struct fill {
	const struct invload_device *r, *def;
	invfield_mask keys, def_keys;
};

/* The mapping that gives the device key k: its own, the defaults, NULL. */
static const struct invload_device *
from(const struct fill *f, enum invfield_key k)
{
	if (f->keys & FIELD_BIT(k))
		return f->r;
	if (f->def != NULL && (f->def_keys & FIELD_BIT(k)))
		return f->def;
	return NULL;
}

/* Member m of the mapping that gives key k; zero when none does. */
#define GET(f, k, m) (from((f), (k)) != NULL ? from((f), (k))->m : 0)

static char *
copy(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int64_t
duration_ms(const char *v)
{
	int64_t ms = 0;

	if (v != NULL)
		(void)parse_seconds(v, &ms); /* checked by the scan */
	return ms;
}

/* The device's own ip or host wins over either default. */
static const char *
address_of(const struct fill *f)
{
	if (f->keys & FIELD_BIT(FIELD_IP))
		return f->r->ip;
	if (f->keys & FIELD_BIT(FIELD_HOST))
		return f->r->host;
	if (f->def_keys & FIELD_BIT(FIELD_IP))
		return f->def->ip;
	return f->def->host;
}

/*
 * Host and port: a port in the address ("[::1]:2222") wins over port:
 * from the defaults, but not over the device's own (-1: both given).
 */
static int
fill_address(struct device *d, const struct fill *f)
{
	unsigned aport;
	int own_port = (f->keys & FIELD_BIT(FIELD_PORT)) != 0;
	int own_addr =
	    (f->keys & (FIELD_BIT(FIELD_IP) | FIELD_BIT(FIELD_HOST))) != 0;

	d->host = invfield_address(address_of(f), &aport);
	d->port = from(f, FIELD_PORT) != NULL ? GET(f, FIELD_PORT, port) : 22;
	d->port_given = from(f, FIELD_PORT) != NULL || aport != 0;
	if (aport == 0)
		return 0;
	if (own_port && own_addr)
		return -1;
	if (!own_port)
		d->port = aport;
	return 0;
}

static char **
copy_list(char *const *v, unsigned n, size_t *np)
{
	char **out;
	unsigned i;

	*np = 0;
	if (v == NULL || n == 0)
		return NULL;
	out = xcalloc(n, sizeof(*out));
	for (i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	*np = n;
	return out;
}

/*
 * data: per key, the device's value, else the default's, in the order
 * of the file's first use of each key.
 */
static void
fill_data(struct device *d, const struct fill *f, char *const *keys, size_t n)
{
	char *const *own =
	    (f->keys & FIELD_BIT(FIELD_DATA)) ? f->r->data : NULL;
	char *const *dflt =
	    f->def != NULL && (f->def_keys & FIELD_BIT(FIELD_DATA))
	    ? f->def->data
	    : NULL;
	const char *v;
	size_t i;

	for (i = 0; i < n; i++) {
		v = own != NULL && own[i] != NULL ? own[i]
		    : dflt != NULL		  ? dflt[i]
						  : NULL;
		if (v == NULL)
			continue;
		if (d->ndata == 0)
			d->data = xcalloc(n, sizeof(*d->data));
		d->data[d->ndata].key = xstrdup(keys[i]);
		d->data[d->ndata].value = xstrdup(v);
		d->ndata++;
	}
}

/* Netmiko's use_keys: the first of the default keys OpenSSH would try. */
static char *
default_key_file(void)
{
	static const char *const names[] = {"id_ed25519", "id_ecdsa", "id_rsa"};
	const char *home = getenv("HOME");
	struct passwd *pw;
	char *path;
	size_t i;

	if (home == NULL || home[0] == '\0') {
		pw = getpwuid(getuid());
		home = pw != NULL ? pw->pw_dir : "/";
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		path = xasprintf("%s/.ssh/%s", home, names[i]);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	return NULL;
}

/* The keys a Netmiko file names differently or implies. */
static void
fill_netmiko(struct device *d, const struct fill *f)
{
	if (d->key_file == NULL && GET(f, FIELD_USE_KEYS, use_keys))
		d->key_file = default_key_file();
	/* ssh_strict: true refuses unknown host keys, as Netmiko's does. */
	if (from(f, FIELD_HOST_KEY_CHECK) == NULL &&
	    GET(f, FIELD_SSH_STRICT, ssh_strict))
		d->host_key_check = HOSTKEY_STRICT;
}

static void
fill_options(struct device *d, const struct fill *f)
{
	const struct invload_device *p = from(f, FIELD_ERROR_PATTERN);

	d->connect_timeout_ms =
	    duration_ms(GET(f, FIELD_CONNECT_TIMEOUT, connect_timeout));
	d->auth_timeout_ms =
	    duration_ms(GET(f, FIELD_AUTH_TIMEOUT, auth_timeout));
	d->session_log = copy(GET(f, FIELD_SESSION_LOG, session_log));
	d->ssh_config = copy(GET(f, FIELD_SSH_CONFIG, ssh_config));
	d->no_enable =
	    from(f, FIELD_ENABLE) != NULL && !GET(f, FIELD_ENABLE, enable);
	d->shell = GET(f, FIELD_SHELL, shell);
	d->ignore_device_errors = GET(f, FIELD_DEVICE_ERRORS, device_errors);
	if (p != NULL)
		d->error_patterns = copy_list(p->error_pattern,
		    p->error_pattern_count, &d->nerror_patterns);
}

/*
 * Fill d from what was loaded: -1 when its own mapping gives the port
 * twice (both port: and one in the address).
 */
static int
device_fill(struct device *d, const char *group, const struct fill *f,
    const struct invscan *s)
{
	const struct invload_device *c = from(f, FIELD_COMMANDS);
	int rc;

	d->group = xstrdup(group);
	d->platform = invfield_platform(GET(f, FIELD_DEVICE_TYPE, device_type));
	d->device_type = xstrdup(d->platform->name);
	rc = fill_address(d, f);
	d->username = copy(GET(f, FIELD_USERNAME, username));
	d->password = copy(GET(f, FIELD_PASSWORD, password));
	d->secret = copy(GET(f, FIELD_SECRET, secret));
	d->key_file = copy(GET(f, FIELD_KEY_FILE, key_file));
	d->algorithms = copy(GET(f, FIELD_ALGORITHMS, algorithms));
	d->passphrase = copy(GET(f, FIELD_PASSPHRASE, passphrase));
	d->use_agent = GET(f, FIELD_USE_AGENT, use_agent);
	d->host_key_check =
	    (enum hostkey_mode)GET(f, FIELD_HOST_KEY_CHECK, host_key_check);
	d->timeout_ms = duration_ms(GET(f, FIELD_TIMEOUT, timeout));
	d->read_timeout_ms =
	    duration_ms(GET(f, FIELD_READ_TIMEOUT, read_timeout));
	if (c != NULL)
		d->commands =
		    copy_list(c->commands, c->commands_count, &d->ncommands);
	fill_options(d, f);
	fill_netmiko(d, f);
	fill_data(d, f, s->data_keys, s->ndata_keys);
	if ((f->keys & FIELD_BIT(FIELD_NAME)) != 0)
		d->name = xstrdup(f->r->name);
	else
		d->name = d->port == 22 ? xstrdup(d->host) : device_hostport(d);
	return rc;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
device_clear(struct device *d)
{
	size_t i;

	free(d->name);
	free(d->group);
	free(d->host);
	free(d->device_type);
	free(d->username);
	free_secret(d->password);
	free_secret(d->secret);
	free(d->key_file);
	free(d->algorithms);
	free_secret(d->passphrase);
	free_list(d->commands, d->ncommands);
	free(d->session_log);
	free(d->ssh_config);
	free_list(d->error_patterns, d->nerror_patterns);
	for (i = 0; i < d->ndata; i++) {
		free(d->data[i].key);
		free(d->data[i].value);
	}
	free(d->data);
	memset(d, 0, sizeof(*d));
}

struct name_ref {
	const char *name;
	size_t index;
};

static int
name_ref_cmp(const void *a, const void *b)
{
	const struct name_ref *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Report every device whose name an earlier device already has. */
static void
check_duplicates(struct invscan *s, struct inventory *inv,
    const struct invscan_device **pos, const size_t *gindex)
{
	struct name_ref *refs;
	size_t i, first = 0;
	const struct device *d, *f;

	refs = xcalloc(inv->ndevices ? inv->ndevices : 1, sizeof(*refs));
	for (i = 0; i < inv->ndevices; i++) {
		refs[i].name = inv->devices[i].name;
		refs[i].index = i;
	}
	qsort(refs, inv->ndevices, sizeof(*refs), name_ref_cmp);
	for (i = 1; i < inv->ndevices; i++) {
		if (strcmp(refs[i].name, refs[i - 1].name) != 0) {
			first = i;
			continue;
		}
		d = &inv->devices[refs[i].index];
		f = &inv->devices[refs[first].index];
		invproblem_add(&s->problems, pos[refs[i].index]->line,
		    pos[refs[i].index]->col,
		    "%s[%zu]: duplicate device name '%s' (first: %s[%zu], "
		    "line %u)",
		    d->group, gindex[refs[i].index], d->name, f->group,
		    gindex[refs[first].index], pos[refs[first].index]->line);
	}
	free(refs);
}

/* One line naming the settings accepted but ignored, or NULL. */
static char *
ignored_notice(const struct invscan *s)
{
	struct buf b;
	size_t i;
	int k;

	if (s->ignored == 0)
		return NULL;
	buf_init(&b);
	buf_appendf(&b,
	    "%s: Netmiko settings with no effect in netcollect "
	    "(ignored):",
	    s->problems.path);
	for (i = 0; i < invfield_spellings() && i < 64; i++)
		if (s->ignored & (UINT64_C(1) << i))
			buf_appendf(&b, "%s %s",
			    b.data[b.len - 1] == ':' ? "" : ",",
			    invfield_spelling(i, &k));
	return buf_steal(&b, NULL);
}

/* Every device of every group, filled from what was loaded. */
static void
fill_devices(struct invscan *s, const struct invload *l, struct inventory *inv)
{
	const struct invscan_device **pos;
	struct fill f;
	size_t *gindex, i, j, n = 0;

	inv->devices = xcalloc(s->ndevices, sizeof(*inv->devices));
	pos = xcalloc(s->ndevices, sizeof(*pos));
	gindex = xcalloc(s->ndevices, sizeof(*gindex));
	f.def = invload_defaults(l);
	f.def_keys = s->defaults_keys;
	for (i = 0; i < s->ngroups; i++) {
		for (j = 0; j < invload_count(l, i) && n < s->ndevices; j++) {
			f.r = invload_device(l, i, j);
			f.keys = s->groups[i].devs[j].keys;
			if (device_fill(&inv->devices[n], s->groups[i].name, &f,
				s) == -1)
				invproblem_add(&s->problems,
				    s->groups[i].devs[j].line,
				    s->groups[i].devs[j].col,
				    "%s[%zu]: both 'port' and a port in the "
				    "address ('%s') given; use one",
				    s->groups[i].name, j, address_of(&f));
			inv->devices[n].index = n;
			pos[n] = &s->groups[i].devs[j];
			gindex[n] = j;
			n++;
		}
	}
	inv->ndevices = n;
	check_duplicates(s, inv, pos, gindex);
	free(pos);
	free(gindex);
}

int
inventory_load(const char *path, struct inventory *inv, struct buf *err)
{
	struct invscan s;
	struct invload *l = NULL;
	unsigned char *data = NULL;
	size_t len = 0;
	int rc = -1;

	memset(inv, 0, sizeof(*inv));
	memset(&s, 0, sizeof(s));
	if (read_file(path, &data, &len, err) == -1)
		return -1;
	if (strcmp(path, "-") == 0)
		path = INVENTORY_STDIN;
	if (invscan_run(&s, path, data, len) == -1) {
		invproblem_report(&s.problems, err);
		goto out;
	}
	inv->path = xstrdup(path);
	inv->has_passwords = s.has_passwords;
	inv->secret_vars = s.secret_vars;
	inv->nsecret_vars = s.nsecret_vars;
	s.secret_vars = NULL;
	s.nsecret_vars = 0;
	if ((l = invload_run(&s, err)) == NULL)
		goto out;
	fill_devices(&s, l, inv);
	inv->notice = ignored_notice(&s);
	if (s.problems.nerrors > 0) {
		invproblem_report(&s.problems, err);
		goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		inventory_free(inv);
	invload_free(l);
	invscan_free(&s);
	secure_zero(data, len);
	free(data);
	return rc;
}

/* inventory_filter's test for --limit: name, group, host or host:port. */
static int
selected(const struct device *d, void *arg)
{
	char *hp = device_hostport(d);
	const char *names[] = {d->name, d->group, d->host, hp};
	int keep = hostlist_selects(arg, names, 4);

	free(hp);
	return keep;
}

size_t
inventory_select(struct inventory *inv, const struct hostlist *sel)
{
	return inventory_filter(inv, selected, (void *)sel);
}

char *
device_hostport(const struct device *d)
{
	if (strchr(d->host, ':') != NULL)
		return xasprintf("[%s]:%u", d->host, d->port);
	return xasprintf("%s:%u", d->host, d->port);
}

char *
device_data_var(const struct device_data *e)
{
	char *v = xasprintf("NC_DATA_%s=%s", e->key, e->value);
	char *p;

	for (p = v + 8; *p != '='; p++)
		*p = (char)toupper((unsigned char)*p);
	return v;
}

size_t
inventory_filter(struct inventory *inv,
    int (*keep)(const struct device *d, void *arg), void *arg)
{
	size_t i, kept = 0;

	for (i = 0; i < inv->ndevices; i++) {
		if (!keep(&inv->devices[i], arg)) {
			device_clear(&inv->devices[i]);
			continue;
		}
		if (kept != i) {
			inv->devices[kept] = inv->devices[i];
			memset(&inv->devices[i], 0, sizeof(inv->devices[i]));
		}
		inv->devices[kept].index = kept;
		kept++;
	}
	inv->ndevices = kept;
	return kept;
}

void
inventory_free(struct inventory *inv)
{
	size_t i;

	if (inv == NULL)
		return;
	for (i = 0; i < inv->ndevices; i++)
		device_clear(&inv->devices[i]);
	free(inv->devices);
	free(inv->path);
	free(inv->notice);
	for (i = 0; i < inv->nsecret_vars; i++)
		free(inv->secret_vars[i]);
	free(inv->secret_vars);
	memset(inv, 0, sizeof(*inv));
}

char *const *
device_commands(
    const struct device *d, char *const *dflt, size_t ndflt, size_t *n)
{
	if (d->ncommands > 0) {
		*n = d->ncommands;
		return d->commands;
	}
	*n = ndflt;
	return dflt;
}
