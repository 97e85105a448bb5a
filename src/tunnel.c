/*
 * tunnel: links are opened first to last, each one's session waiting
 * with the pump of the link before it (transport_pump(), which covers
 * the whole chain below), and closed last to first, so a session is
 * always closed while everything under it still moves. The tunnel owns
 * copies of the hop records (their strings stay borrowed) because each
 * transport keeps a pointer to its target. Each hop gets its own stage
 * deadlines (its connect and auth timeouts), all capped by the device's
 * overall one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connector.h"
#include "transport.h"
#include "tunnel.h"
#include "util.h"

/* How long a ProxyCommand that broke the session gets to say why. */
#define PROXY_EXIT_MS 500

struct tunnel {
	struct tunnel_hop *hops; /* copies: transports point at their tg */
	struct transport **t;	 /* t[i] for hops[i], NULL past the failure */
	size_t nhops;
	struct connector_proxy *proxy;
	int64_t deadline;
	int failed; /* tunnel_open() failed and said why */
};

static int64_t
stage(int64_t ms, int64_t deadline)
{
	return deadline_min(mono_ns() + ms * NS_PER_MS, deadline);
}

/*
 * f, from hop i, as the hop's failure: "LABEL (hop I of N): cause", kind
 * jump unless it is about the hop's host key.
 */
static void
hop_failed(const struct tunnel *t, size_t i, struct failure *f)
{
	char cause[sizeof(f->msg)];
	enum err_kind kind = f->kind;
	int timed_out = f->timed_out;

	snprintf(cause, sizeof(cause), "%s", f->msg);
	switch (f->kind) {
	case ERR_HOSTKEY_UNKNOWN:
	case ERR_HOSTKEY_CHANGED:
		break;
	case ERR_NONE:
	case ERR_DNS:
	case ERR_REFUSED:
	case ERR_UNREACHABLE:
	case ERR_CONNECT_TIMEOUT:
	case ERR_JUMP:
	case ERR_SSH:
	case ERR_AUTH:
	case ERR_ENABLE:
	case ERR_PROMPT:
	case ERR_READ_TIMEOUT:
	case ERR_CLOSED:
	case ERR_OUTPUT_LIMIT:
	case ERR_DEVICE_ERROR:
	case ERR_TIMEOUT:
	case ERR_CRASHED:
	case ERR_PIPE:
	case ERR_WRITE:
	case ERR_PROTOCOL:
	case ERR_INTERRUPTED:
	case ERR_PARSE:
	case ERR_MISSING:
	case ERR_INTERNAL:
		kind = ERR_JUMP;
		break;
	}
	failure_set(f, kind, "jump host %s (hop %zu of %zu): %s",
	    t->hops[i].label, i + 1, t->nhops, cause);
	f->timed_out = timed_out;
}

/* The first link: the ProxyCommand or TCP to host:port. */
static int
first_link(struct tunnel *t, const struct tunnel_spec *s, const char *host,
    unsigned port, int64_t deadline, struct failure *f)
{
	if (s->proxy_command != NULL)
		return connector_proxy(s->proxy_command, &t->proxy, f);
	return connector_tcp(host, port ? port : 22, deadline, f);
}

/*
 * Open hop i over fd and its channel to host:port: the next fd, or -1
 * with *which the hop to blame (the next one when the channel to it
 * failed: it is the one not reached).
 */
static int
open_hop(struct tunnel *t, size_t i, int fd, const char *host, unsigned port,
    size_t *which, struct failure *f)
{
	char cause[sizeof(f->msg)];
	int next;

	struct tunnel_hop *h = &t->hops[i];
	int64_t dl = stage(h->connect_ms, t->deadline);

	if (fd == -1)
		return -1;
	h->tg.under = i == 0
	    ? (t->proxy != NULL ? connector_proxy_pump(t->proxy) : NULL)
	    : transport_pump(t->t[i - 1]);
	if ((t->t[i] = transport_open(fd, &h->tg, dl, f)) == NULL)
		return -1;
	if (transport_auth(t->t[i], stage(h->auth_ms, t->deadline), f) == -1)
		return -1;
	next = transport_forward(t->t[i], host, port ? port : 22, dl, f);
	if (next == -1 && i + 1 < t->nhops &&
	    transport_broken(t->t[i]) == NULL) {
		*which = i + 1;
		snprintf(cause, sizeof(cause), "%s", f->msg);
		snprintf(f->msg, sizeof(f->msg), "through %s: %.400s", h->label,
		    cause);
	}
	return next;
}

int
tunnel_open(const struct tunnel_spec *s, struct tunnel **tp, struct failure *f)
{
	struct tunnel *t = xcalloc(1, sizeof(*t));
	const char *host;
	unsigned port;
	size_t i, which;
	int fd;

	*tp = NULL;
	t->deadline = s->deadline;
	t->nhops = s->nhops;
	if (s->nhops > 0) {
		t->hops = xcalloc(s->nhops, sizeof(*t->hops));
		memcpy(t->hops, s->hops, s->nhops * sizeof(*t->hops));
		t->t = xcalloc(s->nhops, sizeof(*t->t));
		host = t->hops[0].tg.host;
		port = t->hops[0].tg.port;
		fd = first_link(t, s, host, port,
		    stage(t->hops[0].connect_ms, t->deadline), f);
	} else
		fd = first_link(t, s, s->host, s->port,
		    stage(s->connect_ms, t->deadline), f);
	for (i = 0; i < s->nhops; i++) {
		host = i + 1 < s->nhops ? t->hops[i + 1].tg.host : s->host;
		port = i + 1 < s->nhops ? t->hops[i + 1].tg.port : s->port;
		which = i;
		fd = open_hop(t, i, fd, host, port, &which, f);
		if (fd == -1) {
			tunnel_explain(t, f);
			hop_failed(t, which, f);
			t->failed = 1;
			*tp = t;
			return -1;
		}
	}
	if (fd == -1) {
		tunnel_explain(t, f);
		t->failed = 1;
		*tp = t;
		return -1;
	}
	*tp = t;
	return fd;
}

const struct connector_pump *
tunnel_pump(struct tunnel *t)
{
	if (t->nhops > 0)
		return transport_pump(t->t[t->nhops - 1]);
	return t->proxy != NULL ? connector_proxy_pump(t->proxy) : NULL;
}

const char *
tunnel_new_hostkey(const struct tunnel *t, size_t i)
{
	return i < t->nhops && t->t[i] != NULL ? transport_new_hostkey(t->t[i])
					       : NULL;
}

void
tunnel_explain(struct tunnel *t, struct failure *f)
{
	char why[400];
	const char *b;
	size_t i, n;

	if (t == NULL || t->failed)
		return;
	if (t->proxy != NULL) {
		if (connector_proxy_status(t->proxy,
			stage(PROXY_EXIT_MS, t->deadline), why,
			sizeof(why)) == 1) {
			failure_set(f, ERR_JUMP, "%s", why);
			return;
		}
		n = strlen(f->msg);
		if (why[0] != '\0')
			snprintf(f->msg + n, sizeof(f->msg) - n,
			    " (ProxyCommand: %s)", why);
	}
	for (i = 0; i < t->nhops && t->t[i] != NULL; i++)
		if ((b = transport_broken(t->t[i])) != NULL) {
			snprintf(why, sizeof(why), "%s", b);
			failure_set(f, ERR_JUMP,
			    "jump host %s (hop %zu of %zu): %s",
			    t->hops[i].label, i + 1, t->nhops, why);
			return;
		}
}

void
tunnel_close(struct tunnel *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = t->nhops; i > 0; i--)
		transport_close(t->t[i - 1]);
	connector_proxy_close(t->proxy);
	free(t->t);
	free(t->hops);
	free(t);
}
