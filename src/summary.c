/*
 * summary: per-device slots indexed like the inventory, filled as results
 * arrive in any order, so everything printed at the end follows the
 * inventory. Groups are the inventory's top-level keys in the order they
 * first appear.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "jsonout.h"
#include "summary.h"
#include "textout.h"

struct slot {
	int started;
	int done;
	enum err_kind kind;
	char *message;
	size_t group; /* index into groups */
};

struct group_count {
	const char *name; /* the inventory's string, or "" */
	size_t devices, ok, failed;
};

struct summary {
	const struct inventory *inv;
	struct slot *dev;
	size_t ndev;
	struct group_count *groups;
	size_t ngroups;
	size_t started, done, ok, failed;
	size_t kinds[ERR_KIND_COUNT];
};

struct summary *
summary_new(const struct inventory *inv)
{
	struct summary *s = xcalloc(1, sizeof(*s));

	s->inv = inv;
	s->ndev = inv->ndevices;
	s->dev = xcalloc(s->ndev ? s->ndev : 1, sizeof(*s->dev));
	s->groups = xcalloc(s->ndev ? s->ndev : 1, sizeof(*s->groups));
	for (size_t i = 0; i < s->ndev; i++) {
		const char *g = inv->devices[i].group;
		size_t k;

		g = g != NULL ? g : "";
		for (k = 0; k < s->ngroups; k++)
			if (strcmp(s->groups[k].name, g) == 0)
				break;
		if (k == s->ngroups)
			s->groups[s->ngroups++].name = g;
		s->groups[k].devices++;
		s->dev[i].group = k;
	}
	return s;
}

void
summary_free(struct summary *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->ndev; i++)
		free(s->dev[i].message);
	free(s->dev);
	free(s->groups);
	free(s);
}

void
summary_started(struct summary *s, size_t index)
{
	if (index < s->ndev && !s->dev[index].started) {
		s->dev[index].started = 1;
		s->started++;
	}
}

void
summary_add(struct summary *s, const struct result *r)
{
	struct slot *d;

	if (r->index >= s->ndev || s->dev[r->index].done)
		return;
	d = &s->dev[r->index];
	d->done = 1;
	d->kind = r->kind;
	d->message = r->message != NULL ? xstrdup(r->message) : NULL;
	s->done++;
	s->kinds[r->kind]++;
	if (r->kind == ERR_NONE) {
		s->ok++;
		s->groups[d->group].ok++;
	} else {
		s->failed++;
		s->groups[d->group].failed++;
	}
}

size_t
summary_done(const struct summary *s)
{
	return s->done;
}

size_t
summary_failed(const struct summary *s)
{
	return s->failed;
}

static double
secs(int64_t ns)
{
	return (double)ns / 1e9;
}

void
summary_progress(const struct summary *s, struct buf *b, int64_t elapsed)
{
	size_t running = s->started > s->done ? s->started - s->done : 0;

	buf_appendf(b, "[%zu/%zu] ok %zu, failed %zu, running %zu, %.1fs",
	    s->done, s->ndev, s->ok, s->failed, running, secs(elapsed));
	if (s->done > 0 && s->done < s->ndev) {
		double eta = secs(elapsed) / (double)s->done *
		    (double)(s->ndev - s->done);

		buf_appendf(b, ", ETA %.0fs", eta < 1 ? 1 : eta);
	}
}

/* A device interrupted before it was launched. */
static int
not_started(const struct slot *d)
{
	return d->done && d->kind == ERR_INTERRUPTED && !d->started;
}

static void
kinds(struct buf *b, const size_t *k, int color)
{
	int first = 1;

	for (int i = 1; i < ERR_KIND_COUNT; i++) {
		if (k[i] == 0)
			continue;
		buf_appendf(b, "%s%s%s%s %zu", first ? "" : ", ",
		    color ? TEXTOUT_RED : "", err_kind_name((enum err_kind)i),
		    color ? TEXTOUT_RESET : "", k[i]);
		first = 0;
	}
}

/* The per-group table, like Ansible's PLAY RECAP. */
static void
group_table(const struct summary *s, struct buf *b, int color)
{
	size_t w = strlen("group");

	for (size_t g = 0; g < s->ngroups; g++)
		if (strlen(s->groups[g].name) > w)
			w = strlen(s->groups[g].name);
	buf_appendf(b, "%s%-*s  devices      ok  failed%s\n",
	    color ? TEXTOUT_BOLD : "", (int)w, "group",
	    color ? TEXTOUT_RESET : "");
	for (size_t g = 0; g < s->ngroups; g++) {
		const struct group_count *c = &s->groups[g];
		size_t k[ERR_KIND_COUNT] = {0};
		struct buf name;

		for (size_t i = 0; i < s->ndev; i++)
			if (s->dev[i].group == g && s->dev[i].done)
				k[s->dev[i].kind]++;
		buf_init(&name);
		escape_line(&name, c->name, strlen(c->name));
		buf_appendf(b, "%-*s  %7zu  %s%6zu%s  %s%6zu%s", (int)w,
		    name.data ? name.data : "", c->devices,
		    color && c->ok ? TEXTOUT_GREEN : "", c->ok,
		    color && c->ok ? TEXTOUT_RESET : "",
		    color && c->failed ? TEXTOUT_RED : "", c->failed,
		    color && c->failed ? TEXTOUT_RESET : "");
		buf_free(&name);
		if (c->failed > 0) {
			buf_append(b, "  ", 2);
			kinds(b, k, 0);
		}
		buf_append(b, "\n", 1);
	}
}

void
summary_write(const struct summary *s, struct buf *b, int totals, int color,
    int64_t elapsed)
{
	size_t unstarted = 0;

	if (totals) {
		if (s->ngroups > 1)
			group_table(s, b, color);
		buf_appendf(b, "%zu device%s: %s%zu ok%s, %s%zu failed%s",
		    s->ndev, s->ndev == 1 ? "" : "s",
		    color && s->ok ? TEXTOUT_GREEN : "", s->ok,
		    color && s->ok ? TEXTOUT_RESET : "",
		    color && s->failed ? TEXTOUT_RED : "", s->failed,
		    color && s->failed ? TEXTOUT_RESET : "");
		if (s->failed > 0) {
			buf_append(b, " (", 2);
			kinds(b, s->kinds, 0);
			buf_append(b, ")", 1);
		}
		buf_appendf(b, " in %.3fs\n", secs(elapsed));
	}
	for (size_t i = 0; i < s->ndev; i++) {
		const struct slot *d = &s->dev[i];
		const char *m;

		if (!d->done || d->kind == ERR_NONE)
			continue;
		if (not_started(d)) {
			unstarted++;
			continue;
		}
		m = d->message != NULL ? d->message : err_kind_name(d->kind);
		textout_label(b, &s->inv->devices[i]);
		buf_appendf(b, ": %s%s%s: ", color ? TEXTOUT_RED : "",
		    err_kind_name(d->kind), color ? TEXTOUT_RESET : "");
		escape_line(b, m, strlen(m));
		buf_append(b, "\n", 1);
	}
	if (unstarted > 0)
		buf_appendf(b, "%zu device%s not started\n", unstarted,
		    unstarted == 1 ? "" : "s");
}

json_t *
summary_json(const struct summary *s, int64_t elapsed, int sig)
{
	json_t *sum = json_object(), *errs = json_object();
	size_t unstarted = 0;

	for (int k = 1; k < ERR_KIND_COUNT; k++)
		if (s->kinds[k] > 0)
			json_object_set_new(errs,
			    err_kind_name((enum err_kind)k),
			    json_integer((json_int_t)s->kinds[k]));
	for (size_t i = 0; i < s->ndev; i++)
		if (not_started(&s->dev[i]))
			unstarted++;
	json_object_set_new(sum, "devices", json_integer((json_int_t)s->ndev));
	json_object_set_new(sum, "ok", json_integer((json_int_t)s->ok));
	json_object_set_new(sum, "failed", json_integer((json_int_t)s->failed));
	json_object_set_new(sum, "errors", errs);
	json_object_set_new(
	    sum, "not_started", json_integer((json_int_t)unstarted));
	json_object_set_new(sum, "elapsed", jsonout_seconds(elapsed));
	json_object_set_new(sum, "interrupted", json_boolean(sig != 0));
	return sum;
}
