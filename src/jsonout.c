/*
 * jsonout: results as jansson values. The order of the keys in a result
 * object is fixed (device, host, port, group, device_type, ok, error,
 * attempts, outputs, timings, started, finished) so that diffs of two runs' jsonl
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
	json_object_set_new(obj, "attempts", json_integer(r->attempts));
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

/* Seconds as jsonout_seconds() wrote them, back to ns (exact to the us). */
static int
read_seconds(const json_t *t, const char *key, int64_t *ns)
{
	const json_t *v = json_object_get(t, key);
	double d;

	if (!json_is_number(v))
		return -1;
	d = json_number_value(v);
	if (!(d >= 0 && d < 1e12))
		return -1;
	*ns = (int64_t)(d * 1e6 + 0.5) * 1000;
	return 0;
}

/* timestamp()'s text back to ns; null is 0. */
static int
read_timestamp(const json_t *v, int64_t *ns)
{
	struct tm tm;
	const char *s;
	long us;
	int n = 0;
	time_t t;

	if (json_is_null(v)) {
		*ns = 0;
		return 0;
	}
	if ((s = json_string_value(v)) == NULL)
		return -1;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%6ldZ%n", &tm.tm_year,
		&tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
		&us, &n) != 7 ||
	    n != 27 || s[n] != '\0' || us < 0)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if ((t = timegm(&tm)) == (time_t)-1)
		return -1;
	*ns = (int64_t)t * NS_PER_SEC + (int64_t)us * 1000;
	return 0;
}

/* A string member's bytes, copied (NUL-terminated); -1 when not one. */
static int
read_bytes(const json_t *o, const char *key, char **p, size_t *len)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		return -1;
	*len = json_string_length(v);
	*p = xmalloc(*len + 1);
	memcpy(*p, json_string_value(v), *len);
	(*p)[*len] = '\0';
	return 0;
}

static int
read_error(const json_t *j, struct result *r, struct buf *err)
{
	const json_t *e = json_object_get(j, "error"), *ok;
	const char *kind, *msg;
	enum err_kind k;

	ok = json_object_get(j, "ok");
	if (!json_is_boolean(ok)) {
		buf_appendf(err, "\"ok\" is not true or false");
		return -1;
	}
	if (json_is_true(ok) && !json_is_null(e)) {
		buf_appendf(err, "\"ok\" is true but \"error\" is not null");
		return -1;
	}
	if (json_is_true(ok))
		return 0;
	kind = json_string_value(json_object_get(e, "kind"));
	msg = json_string_value(json_object_get(e, "message"));
	if (!json_is_object(e) || kind == NULL || msg == NULL) {
		buf_appendf(err, "failed without an error {kind, message}");
		return -1;
	}
	if (err_kind_parse(kind, &k) == -1 || k == ERR_NONE) {
		buf_appendf(err, "unknown error kind '%.40s'", kind);
		return -1;
	}
	r->kind = k;
	r->message = xstrdup(msg);
	return 0;
}

/*
 * Whether a failure of this kind came after the last command finished
 * (the device refused a command, its files could not be written), so
 * that its last output is whole.
 */
static int
ran_every_command(enum err_kind k)
{
	return k == ERR_NONE || k == ERR_DEVICE_ERROR || k == ERR_WRITE;
}

static int
read_outputs(const json_t *j, struct result *r, char ***cmds, size_t *ncmds,
    struct buf *err)
{
	const json_t *outs = json_object_get(j, "outputs"), *o, *c, *x;
	size_t i, n;

	if (!json_is_array(outs)) {
		buf_appendf(err, "\"outputs\" is not an array");
		return -1;
	}
	n = json_array_size(outs);
	*cmds = xcalloc(n ? n : 1, sizeof(**cmds));
	*ncmds = 0;
	for (i = 0; i < n; i++) {
		struct cmd_output *co = result_output(r, i);

		o = json_array_get(outs, i);
		if (!json_is_object(o) ||
		    read_bytes(o, "output", &co->output, &co->len) == -1) {
			buf_appendf(err, "outputs[%zu] has no \"output\"", i);
			return -1;
		}
		if (json_object_get(o, "raw") != NULL &&
		    read_bytes(o, "raw", &co->raw, &co->raw_len) == -1) {
			buf_appendf(err, "outputs[%zu].raw is not a string", i);
			return -1;
		}
		if (json_object_get(o, "stderr") != NULL &&
		    read_bytes(o, "stderr", &co->err, &co->err_len) == -1) {
			buf_appendf(
			    err, "outputs[%zu].stderr is not a string", i);
			return -1;
		}
		x = json_object_get(o, "exit_status");
		if (x != NULL &&
		    (!json_is_integer(x) || json_integer_value(x) < 0 ||
			json_integer_value(x) > 255)) {
			buf_appendf(
			    err, "outputs[%zu].exit_status is not 0-255", i);
			return -1;
		}
		co->exit_status = x != NULL ? (int)json_integer_value(x) : -1;
		co->has_exit_status = x != NULL;
		co->complete = i + 1 < n || ran_every_command(r->kind);
		c = json_object_get(o, "command");
		if (json_is_string(c) && *ncmds == i)
			(*cmds)[(*ncmds)++] = xstrdup(json_string_value(c));
		else if (!json_is_string(c) && !json_is_null(c)) {
			buf_appendf(
			    err, "outputs[%zu].command is not a string", i);
			return -1;
		}
	}
	return 0;
}

int
jsonout_read(const json_t *j, struct result *r, char ***cmds, size_t *ncmds,
    struct buf *err)
{
	const json_t *t = json_object_get(j, "timings"), *a;

	*cmds = NULL;
	*ncmds = 0;
	if (!json_is_object(j) ||
	    !json_is_string(json_object_get(j, "device"))) {
		buf_appendf(err, "not a result object (no \"device\")");
		return -1;
	}
	if (read_error(j, r, err) == -1 ||
	    read_outputs(j, r, cmds, ncmds, err) == -1)
		return -1;
	a = json_object_get(j, "attempts");
	if (a == NULL)
		r->attempts = 1;
	else if (json_is_integer(a) && json_integer_value(a) >= 0 &&
	    json_integer_value(a) <= 1000000)
		r->attempts = (unsigned)json_integer_value(a);
	else {
		buf_appendf(err, "\"attempts\" is not a count");
		return -1;
	}
	if (!json_is_object(t) || read_seconds(t, "connect", &r->t.connect) ||
	    read_seconds(t, "auth", &r->t.auth) ||
	    read_seconds(t, "enable", &r->t.enable) ||
	    read_seconds(t, "commands", &r->t.commands) ||
	    read_seconds(t, "total", &r->t.total)) {
		buf_appendf(err, "\"timings\" are not five durations");
		return -1;
	}
	if (read_timestamp(json_object_get(j, "started"), &r->started) ||
	    read_timestamp(json_object_get(j, "finished"), &r->finished)) {
		buf_appendf(err, "\"started\" or \"finished\" is not a time");
		return -1;
	}
	return 0;
}

void
jsonout_free_commands(char **cmds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cmds[i]);
	free(cmds);
}
