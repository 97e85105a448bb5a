/*
 * liveparse: the parsers of a run, decided before it starts. Every
 * (device_type, command) pair the inventory will meet becomes one planned
 * pair that names its parser: a --template (tfsm_parse, as `netcollect
 * parse --template`), an index entry (clitable_parse, as ParseCmd), the
 * error of an index template that did not compile, or nothing. The plan
 * is made in the parent before any fork() or thread, so the lookups and
 * compilations happen once per run; during the run nothing here changes,
 * which is what lets children and threads read it without a lock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clitable.h"
#include "escape.h"
#include "jsonout.h"
#include "liveparse.h"
#include "textfsm.h"

/* One --template. */
struct spec {
	char *command; /* the command it is for, or NULL: every command */
	char *file;
	struct tfsm_template *tpl;
};

/* One (device_type, command) pair of the run and how it is parsed. */
struct pair {
	char *platform, *command;
	const struct spec *spec;	    /* a --template, or NULL */
	const struct clitable_entry *entry; /* else the index row, or NULL */
	char *error; /* the index row's templates did not compile */
	size_t ndevices;
};

struct liveparse {
	char *dir; /* the index's directory, or NULL */
	struct clitable *ct;
	struct spec *specs;
	size_t nspecs;
	struct pair *pairs;
	size_t npairs, cap;
};

static int
is_dir_index(const char *dir)
{
	char *p = xasprintf("%s/index", dir);
	int ok = access(p, F_OK) == 0;

	free(p);
	return ok;
}

char *
liveparse_dir(const char *dir)
{
	const char *env = getenv("NET_TEXTFSM"), *home = getenv("HOME");
	char *d, *sub;

	if (dir != NULL)
		d = xstrdup(dir);
	else if (env != NULL && env[0] == '~' && (env[1] == '/' || !env[1]))
		d = xasprintf("%s%s", home ? home : "", env + 1);
	else if (env != NULL && env[0] != '\0')
		d = xstrdup(env);
	else
		d = xasprintf("%s/ntc-templates/templates", home ? home : "");
	if (is_dir_index(d))
		return d;
	sub = xasprintf("%s/templates", d);
	if (is_dir_index(sub)) {
		free(d);
		return sub;
	}
	free(sub);
	return d;
}

/* Split "CMD=FILE" (at the last '=') unless the spec is a file. */
static int
add_spec(struct liveparse *lp, const char *s, char *err, size_t errlen)
{
	const char *eq = strrchr(s, '=');
	struct spec *sp = &lp->specs[lp->nspecs];
	size_t i;

	if (eq != NULL && eq > s && access(s, F_OK) == -1) {
		sp->command = xstrndup(s, (size_t)(eq - s));
		s = eq + 1;
	}
	for (i = 0; i < lp->nspecs; i++) {
		const char *c = lp->specs[i].command;

		if ((c == NULL && sp->command == NULL) ||
		    (c != NULL && sp->command != NULL &&
			strcmp(c, sp->command) == 0)) {
			snprintf(err, errlen,
			    "--template: two templates for %s%s%s",
			    c ? "'" : "every command", c ? c : "",
			    c ? "'" : "");
			free(sp->command);
			return -1;
		}
	}
	if ((sp->tpl = tfsm_load(s, err, errlen)) == NULL) {
		free(sp->command);
		return -1;
	}
	sp->file = xstrdup(s);
	lp->nspecs++;
	return 0;
}

struct liveparse *
liveparse_new(const char *dir, char *const *specs, size_t nspecs, char *err,
    size_t errlen)
{
	struct liveparse *lp = xcalloc(1, sizeof(*lp));
	size_t i;

	lp->specs = xcalloc(nspecs ? nspecs : 1, sizeof(*lp->specs));
	for (i = 0; i < nspecs; i++)
		if (add_spec(lp, specs[i], err, errlen) == -1)
			goto fail;
	if (dir != NULL) {
		lp->dir = xstrdup(dir);
		if ((lp->ct = clitable_open(dir, err, errlen)) == NULL)
			goto fail;
	}
	return lp;
fail:
	liveparse_free(lp);
	return NULL;
}

void
liveparse_free(struct liveparse *lp)
{
	size_t i;

	if (lp == NULL)
		return;
	for (i = 0; i < lp->nspecs; i++) {
		free(lp->specs[i].command);
		free(lp->specs[i].file);
		tfsm_free(lp->specs[i].tpl);
	}
	for (i = 0; i < lp->npairs; i++) {
		free(lp->pairs[i].platform);
		free(lp->pairs[i].command);
		free(lp->pairs[i].error);
	}
	free(lp->specs);
	free(lp->pairs);
	clitable_free(lp->ct);
	free(lp->dir);
	free(lp);
}

static struct pair *
find_pair(const struct liveparse *lp, const char *platform, const char *command)
{
	size_t i;

	for (i = 0; i < lp->npairs; i++)
		if (strcmp(lp->pairs[i].command, command) == 0 &&
		    strcmp(lp->pairs[i].platform, platform) == 0)
			return &lp->pairs[i];
	return NULL;
}

static const struct spec *
spec_for(const struct liveparse *lp, const char *command)
{
	const struct spec *every = NULL;
	size_t i;

	for (i = 0; i < lp->nspecs; i++) {
		if (lp->specs[i].command == NULL)
			every = &lp->specs[i];
		else if (strcmp(lp->specs[i].command, command) == 0)
			return &lp->specs[i];
	}
	return every;
}

/* The pair's parser: its --template, else what the index says. */
static void
plan_pair(struct liveparse *lp, struct pair *p)
{
	char err[1024];

	if ((p->spec = spec_for(lp, p->command)) != NULL || lp->ct == NULL)
		return;
	if (clitable_lookup(lp->ct, p->platform, p->command, &p->entry, err,
		sizeof(err)) == -1) {
		p->entry = NULL;
		p->error = xstrdup(err);
	}
}

void
liveparse_plan(struct liveparse *lp, const struct inventory *inv,
    char *const *cmds, size_t ncmds)
{
	size_t i, j, n;

	for (i = 0; i < inv->ndevices; i++) {
		const struct device *d = &inv->devices[i];
		char *const *dc = device_commands(d, cmds, ncmds, &n);

		for (j = 0; j < n; j++) {
			struct pair *p = find_pair(lp, d->device_type, dc[j]);

			if (p == NULL) {
				if (lp->npairs == lp->cap) {
					lp->cap = lp->cap ? lp->cap * 2 : 16;
					lp->pairs = xrealloc(lp->pairs,
					    lp->cap * sizeof(*lp->pairs));
				}
				p = &lp->pairs[lp->npairs++];
				*p = (struct pair){
				    .platform = xstrdup(d->device_type),
				    .command = xstrdup(dc[j]),
				};
				plan_pair(lp, p);
			}
			p->ndevices++;
		}
	}
}

enum liveparse_status
liveparse_run(const struct liveparse *lp, const char *platform,
    const char *command, const char *text, size_t len, struct buf *json,
    char *err, size_t errlen)
{
	const struct pair *p = find_pair(lp, platform, command);
	struct tfsm_table tab;
	int rc;

	if (p == NULL || (p->spec == NULL && p->entry == NULL && !p->error))
		return LIVEPARSE_NONE;
	if (p->error != NULL) {
		snprintf(err, errlen, "%s", p->error);
		return LIVEPARSE_ERROR;
	}
	tfsm_table_init(&tab);
	if (p->spec != NULL)
		rc = tfsm_parse(p->spec->tpl, text, len, &tab, err, errlen);
	else
		rc = clitable_parse(p->entry, text, len, &tab, err, errlen);
	if (rc == 0)
		tfsm_table_write_json(&tab, TFSM_JSON_LOWER, json, NULL, NULL);
	tfsm_table_free(&tab);
	return rc == 0 ? LIVEPARSE_ROWS : LIVEPARSE_ERROR;
}

/* A pair that found no template (and no error looking for one). */
static int
no_template(const struct pair *p)
{
	return p->spec == NULL && p->entry == NULL && p->error == NULL;
}

void
liveparse_notes(const struct liveparse *lp, struct buf *b)
{
	size_t i;

	for (i = 0; i < lp->npairs; i++) {
		const struct pair *p = &lp->pairs[i];

		if (!no_template(p))
			continue;
		buf_append(b, "no TextFSM template for '", 25);
		escape_line(b, p->command, strlen(p->command));
		buf_append(b, "' (", 3);
		escape_line(b, p->platform, strlen(p->platform));
		buf_appendf(b, ": %zu device%s)\n", p->ndevices,
		    p->ndevices == 1 ? "" : "s");
	}
}

json_t *
liveparse_notes_json(const struct liveparse *lp)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < lp->npairs; i++) {
		const struct pair *p = &lp->pairs[i];

		if (!no_template(p))
			continue;
		o = json_object();
		json_object_set_new(o, "command",
		    jsonout_bytes(p->command, strlen(p->command)));
		json_object_set_new(o, "platform",
		    jsonout_bytes(p->platform, strlen(p->platform)));
		json_object_set_new(
		    o, "devices", json_integer((json_int_t)p->ndevices));
		json_array_append_new(a, o);
	}
	return a;
}

void
liveparse_unused(const struct liveparse *lp, struct buf *b)
{
	size_t i, j;

	for (i = 0; i < lp->nspecs; i++) {
		const struct spec *sp = &lp->specs[i];

		if (sp->command == NULL)
			continue;
		for (j = 0; j < lp->npairs && lp->pairs[j].spec != sp; j++)
			;
		if (j < lp->npairs)
			continue;
		buf_append(b, "--template: no device runs '", 28);
		escape_line(b, sp->command, strlen(sp->command));
		buf_append(b, "': ", 3);
		escape_line(b, sp->file, strlen(sp->file));
		buf_append(b, " is not used\n", 13);
	}
}

void
liveparse_drop_text(struct result *r)
{
	size_t i;

	for (i = 0; i < r->noutputs; i++) {
		struct cmd_output *c = &r->outputs[i];

		if (c->parsed == NULL)
			continue;
		free(c->output);
		free(c->raw);
		c->output = c->raw = NULL;
		c->len = c->raw_len = 0;
	}
}
