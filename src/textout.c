/*
 * textout: the text sink's formatting, into a buffer the caller writes
 * with one write(), so a device's block never mixes with another's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "jsonout.h"
#include "rowtext.h"
#include "textout.h"

void
textout_label(struct buf *b, const struct device *d)
{
	char *hp = device_hostport(d); /* "[::1]:2222" for IPv6 */

	if (strcmp(d->name, hp) == 0 || strcmp(d->name, d->host) == 0) {
		escape_line(b, hp, strlen(hp));
	} else {
		escape_line(b, d->name, strlen(d->name));
		buf_append(b, " (", 2);
		escape_line(b, hp, strlen(hp));
		buf_append(b, ")", 1);
	}
	free(hp);
}

/* Device bytes, and a newline when they do not end with one. */
static void
body(struct buf *b, const struct textout_style *st, const char *s, size_t n)
{
	if (st->raw)
		buf_append(b, s, n);
	else
		escape_tty(b, s, n);
	if (n > 0 && s[n - 1] != '\n')
		buf_append(b, "\n", 1);
}

static const char *
on(const struct textout_style *st, const char *code)
{
	return st->color ? code : "";
}

void
textout_result(struct buf *b, const struct textout_style *st,
    const struct device *d, const struct result *r, char *const *cmds,
    size_t ncmds, const struct files *files)
{
	buf_appendf(b, "%s=== ", on(st, TEXTOUT_BOLD));
	textout_label(b, d);
	buf_appendf(b, "%s %s%s%s %.3fs\n", on(st, TEXTOUT_RESET),
	    on(st, r->kind == ERR_NONE ? TEXTOUT_GREEN : TEXTOUT_RED),
	    err_kind_name(r->kind), on(st, TEXTOUT_RESET),
	    (double)jsonout_total_ns(r) / 1e9);
	for (size_t i = 0; i < r->noutputs; i++) {
		const struct cmd_output *c = &r->outputs[i];

		if (ncmds > 1 && i < ncmds) {
			buf_appendf(b, "%s--- ", on(st, TEXTOUT_BOLD));
			escape_line(b, cmds[i], strlen(cmds[i]));
			buf_appendf(b, "%s\n", on(st, TEXTOUT_RESET));
		}
		if (c->output != NULL || c->parsed == NULL)
			body(b, st, c->output ? c->output : "", c->len);
		if (c->parsed != NULL &&
		    rowtext_table(b, c->parsed, c->parsed_len) == -1)
			buf_append(b, "(rows not readable)\n", 20);
		if (c->parse_error != NULL) {
			buf_append(b, "parse error: ", 13);
			escape_line(b, c->parse_error, c->parse_error_len);
			buf_append(b, "\n", 1);
		}
	}
	if (files == NULL)
		return;
	for (size_t i = 0; i < files_count(files, r->index); i++) {
		const char *path = files_path(files, r->index, i);

		if (!files_saved(files, r->index, i))
			continue;
		buf_append(b, "saved ", 6);
		escape_line(b, path, strlen(path));
		buf_append(b, "\n", 1);
	}
}

void
textout_group(
    struct buf *b, const struct textout_style *st, const struct group *g)
{
	buf_appendf(b, "%s=== ", on(st, TEXTOUT_BOLD));
	escape_line(b, g->names, strlen(g->names));
	buf_appendf(b, " (%zu): ", g->ndevices);
	escape_line(b, g->command, strlen(g->command));
	buf_appendf(b, "%s\n", on(st, TEXTOUT_RESET));
	body(b, st, g->output, g->len);
}
