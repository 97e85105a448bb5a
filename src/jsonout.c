/*
 * jsonout: results as jansson values. The order of the keys in a result
 * object is fixed (device, host, port, group, device_type, ok, error,
 * outputs, timings, started, finished) so that diffs of two runs' jsonl
 * and eyes reading it see the same shape every time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "jsonout.h"
#include "util.h"

/*
 * Significant digits for reals: a duration rounded to the microsecond
 * has at most 15 of them below 10^9 s, and %.15g prints such a double as
 * the decimal it was rounded to.
 */
#define REAL_DIGITS 15

json_t *
jsonout_bytes(const char *s, size_t n)
{
	struct buf b;
	json_t *j;

	buf_init(&b);
	escape_utf8(&b, s ? s : "", s ? n : 0);
	j = json_stringn(b.data ? b.data : "", b.len);
	buf_free(&b);
	return j;
}

json_t *
jsonout_seconds(int64_t ns)
{
	int64_t us = ns > 0 ? (ns + 500) / 1000 : 0;

	return json_real((double)us / 1e6);
}

int64_t
jsonout_total_ns(const struct result *r)
{
	if (r->t.total > 0)
		return r->t.total;
	if (r->finished > r->started && r->started > 0)
		return r->finished - r->started;
	return 0;
}

static json_t *
timestamp(int64_t ns)
{
	char s[64];
	time_t t = (time_t)(ns / NS_PER_SEC);
	struct tm tm;

	if (ns <= 0)
		return json_null();
	gmtime_r(&t, &tm);
	snprintf(s, sizeof(s), "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, (long)(ns % NS_PER_SEC / 1000));
	return json_string(s);
}

static json_t *
str(const char *s)
{
	return s != NULL ? jsonout_bytes(s, strlen(s)) : json_null();
}

/* The inventory's data: for the device, its values as strings. */
static json_t *
data_json(const struct device *d)
{
	json_t *obj = json_object();
	size_t i;

	for (i = 0; i < d->ndata; i++)
		json_object_set_new(obj, d->data[i].key, str(d->data[i].value));
	return obj;
}

json_t *
jsonout_result(const struct device *d, const struct result *r,
    char *const *cmds, size_t ncmds)
{
	json_t *obj = json_object(), *outs = json_array(), *t;

	json_object_set_new(obj, "device", str(d->name));
	json_object_set_new(obj, "host", str(d->host));
	json_object_set_new(obj, "port", json_integer(d->port));
	json_object_set_new(obj, "group", str(d->group));
	json_object_set_new(obj, "device_type", str(d->device_type));
	if (d->ndata > 0)
		json_object_set_new(obj, "data", data_json(d));
	json_object_set_new(obj, "ok", json_boolean(r->kind == ERR_NONE));
	if (r->kind == ERR_NONE) {
		json_object_set_new(obj, "error", json_null());
	} else {
		json_t *e = json_object();

		json_object_set_new(
		    e, "kind", json_string(err_kind_name(r->kind)));
		json_object_set_new(e, "message",
		    str(r->message ? r->message : err_kind_name(r->kind)));
		json_object_set_new(obj, "error", e);
	}
	for (size_t i = 0; i < r->noutputs; i++) {
		const struct cmd_output *c = &r->outputs[i];
		json_t *jo = json_object(), *p;

		json_object_set_new(
		    jo, "command", i < ncmds ? str(cmds[i]) : json_null());
		/* --parsed-only took the text of an output with rows. */
		if (c->output != NULL || c->parsed == NULL)
			json_object_set_new(
			    jo, "output", jsonout_bytes(c->output, c->len));
		if (c->raw != NULL)
			json_object_set_new(
			    jo, "raw", jsonout_bytes(c->raw, c->raw_len));
		if (c->err_len > 0)
			json_object_set_new(
			    jo, "stderr", jsonout_bytes(c->err, c->err_len));
		/* A host that gave no exit status (a signal) gets none here. */
		if (c->has_exit_status && c->exit_status >= 0)
			json_object_set_new(
			    jo, "exit_status", json_integer(c->exit_status));
		if (c->parsed != NULL &&
		    (p = json_loadb(c->parsed, c->parsed_len, JSON_ALLOW_NUL,
			 NULL)) != NULL)
			json_object_set_new(jo, "parsed", p);
		if (c->parse_error != NULL)
			json_object_set_new(jo, "parse_error",
			    jsonout_bytes(c->parse_error, c->parse_error_len));
		json_array_append_new(outs, jo);
	}
	json_object_set_new(obj, "outputs", outs);
	t = json_object();
	json_object_set_new(t, "connect", jsonout_seconds(r->t.connect));
	json_object_set_new(t, "auth", jsonout_seconds(r->t.auth));
	json_object_set_new(t, "enable", jsonout_seconds(r->t.enable));
	json_object_set_new(t, "commands", jsonout_seconds(r->t.commands));
	json_object_set_new(t, "total", jsonout_seconds(jsonout_total_ns(r)));
	json_object_set_new(obj, "timings", t);
	json_object_set_new(obj, "started", timestamp(r->started));
	json_object_set_new(obj, "finished", timestamp(r->finished));
	return obj;
}

char *
jsonout_dump(const json_t *j, int pretty, size_t *len)
{
	size_t flags = JSON_ENSURE_ASCII | JSON_REAL_PRECISION(REAL_DIGITS) |
	    (pretty ? JSON_INDENT(2) : JSON_COMPACT);
	char *s = json_dumps(j, flags);
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	s[n] = '\n'; /* over the NUL: json_dumps allocated n + 1 bytes */
	*len = n + 1;
	return s;
}
