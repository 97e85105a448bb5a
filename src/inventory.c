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
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inventory.h"
#include "invfield.h"
#include "invload.h"
#include "invscan.h"
#include "platform.h"
#include "util.h"

#define MAX_FILE_SIZE (512u * 1024 * 1024)

/* Read the whole file (bounded); -1 with the message in err. */
static int
read_file(
    const char *path, unsigned char **datap, size_t *lenp, struct buf *err)
{
	struct stat st;
	unsigned char *data = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
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
static char *
fill_host(const struct fill *f)
{
	if (f->keys & FIELD_BIT(FIELD_IP))
		return xstrdup(f->r->ip);
	if (f->keys & FIELD_BIT(FIELD_HOST))
		return xstrdup(f->r->host);
	if (f->def_keys & FIELD_BIT(FIELD_IP))
		return xstrdup(f->def->ip);
	return xstrdup(f->def->host);
}

static void
fill_commands(struct device *d, const struct fill *f)
{
	const struct invload_device *c = from(f, FIELD_COMMANDS);
	size_t i;

	if (c == NULL || c->commands_count == 0)
		return;
	d->commands = xcalloc(c->commands_count, sizeof(char *));
	for (i = 0; i < c->commands_count; i++)
		d->commands[i] = xstrdup(c->commands[i]);
	d->ncommands = c->commands_count;
}

static void
device_fill(struct device *d, const char *group, const struct fill *f)
{
	d->group = xstrdup(group);
	d->device_type = copy(GET(f, FIELD_DEVICE_TYPE, device_type));
	d->platform = platform_find(d->device_type);
	d->host = fill_host(f);
	d->port = from(f, FIELD_PORT) != NULL ? GET(f, FIELD_PORT, port) : 22;
	d->username = copy(GET(f, FIELD_USERNAME, username));
	d->password = copy(GET(f, FIELD_PASSWORD, password));
	d->secret = copy(GET(f, FIELD_SECRET, secret));
	d->key_file = copy(GET(f, FIELD_KEY_FILE, key_file));
	d->algorithms = copy(GET(f, FIELD_ALGORITHMS, algorithms));
	d->passphrase = copy(GET(f, FIELD_PASSPHRASE, passphrase));
	d->use_agent = GET(f, FIELD_USE_AGENT, use_agent);
	d->shell = GET(f, FIELD_SHELL, shell);
	d->ignore_device_errors = GET(f, FIELD_DEVICE_ERRORS, device_errors);
	d->error_pattern = copy(GET(f, FIELD_ERROR_PATTERN, error_pattern));
	d->host_key_check =
	    (enum hostkey_mode)GET(f, FIELD_HOST_KEY_CHECK, host_key_check);
	d->timeout_ms = duration_ms(GET(f, FIELD_TIMEOUT, timeout));
	d->read_timeout_ms =
	    duration_ms(GET(f, FIELD_READ_TIMEOUT, read_timeout));
	fill_commands(d, f);
	if ((f->keys & FIELD_BIT(FIELD_NAME)) != 0)
		d->name = xstrdup(f->r->name);
	else
		d->name = d->port == 22 ? xstrdup(d->host)
					: xasprintf("%s:%u", d->host, d->port);
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
	free(d->error_pattern);
	free_secret(d->passphrase);
	for (i = 0; i < d->ncommands; i++)
		free(d->commands[i]);
	free(d->commands);
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
			device_fill(&inv->devices[n], s->groups[i].name, &f);
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
	if (invscan_run(&s, path, data, len) == -1) {
		invproblem_report(&s.problems, err);
		goto out;
	}
	inv->path = xstrdup(path);
	inv->has_passwords = s.has_passwords;
	if ((l = invload_run(&s, err)) == NULL)
		goto out;
	fill_devices(&s, l, inv);
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

static int
device_matches(const struct device *d, const char *pat)
{
	return fnmatch(pat, d->name, 0) == 0 ||
	    fnmatch(pat, d->group, 0) == 0 || fnmatch(pat, d->host, 0) == 0;
}

size_t
inventory_select(struct inventory *inv, char *const *patterns, size_t npatterns)
{
	size_t i, j, kept = 0;
	int have_positive = 0, keep;

	for (j = 0; j < npatterns; j++)
		if (patterns[j][0] != '!')
			have_positive = 1;
	for (i = 0; i < inv->ndevices; i++) {
		keep = !have_positive;
		for (j = 0; j < npatterns && !keep; j++)
			if (patterns[j][0] != '!' &&
			    device_matches(&inv->devices[i], patterns[j]))
				keep = 1;
		for (j = 0; j < npatterns && keep; j++)
			if (patterns[j][0] == '!' &&
			    device_matches(&inv->devices[i], patterns[j] + 1))
				keep = 0;
		if (!keep) {
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
