/*
 * sshhop: ProxyJump hops parsed as ssh(1) parses -J. A hop with a blank
 * or a control byte is refused outright, so every hop printed back with
 * sshhop_string() is one clean word.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sshhop.h"
#include "sshvalue.h"
#include "util.h"

void
sshhop_free_list(struct sshhop *hops, size_t nhops)
{
	size_t i;

	if (hops == NULL)
		return;
	for (i = 0; i < nhops; i++) {
		free(hops[i].user);
		free(hops[i].host);
	}
	free(hops);
}

/* One hop into *hop: 0, or -1 with the reason in err. */
static int
parse_hop(const char *s, struct sshhop *hop, struct buf *err)
{
	const char *orig = s, *at, *host, *hend, *port = NULL, *p;
	size_t len;

	memset(hop, 0, sizeof(*hop));
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			buf_appendf(
			    err, "'%s': a blank or control character", orig);
			return -1;
		}
	len = strlen(s);
	if (strncmp(s, "ssh://", 6) == 0) {
		s += 6;
		len -= 6;
		if (len > 0 && s[len - 1] == '/')
			len--;
		if (memchr(s, '/', len) != NULL) {
			buf_appendf(err, "'%s': a path in an ssh:// hop", orig);
			return -1;
		}
	} else if (strchr(s, '/') != NULL) {
		buf_appendf(err, "'%s': a '/' in a hop", orig);
		return -1;
	}
	at = NULL;
	for (p = s; p < s + len; p++)
		if (*p == '@')
			at = p;
	host = s;
	if (at != NULL) {
		if (at == s) {
			buf_appendf(err, "'%s': an empty user", orig);
			return -1;
		}
		host = at + 1;
	}
	if (*host == '[') {
		hend = memchr(host, ']', (size_t)(s + len - host));
		if (hend == NULL) {
			buf_appendf(err, "'%s': '[' without its ']'", orig);
			return -1;
		}
		if (hend + 1 < s + len && hend[1] != ':') {
			buf_appendf(err, "'%s': text after ']'", orig);
			return -1;
		}
		if (hend + 1 < s + len)
			port = hend + 2;
		host++;
	} else {
		hend = memchr(host, ':', (size_t)(s + len - host));
		if (hend == NULL)
			hend = s + len;
		else
			port = hend + 1;
	}
	if (hend == host) {
		if (port != NULL && memchr(port, ':', (size_t)(s + len - port)))
			buf_appendf(err,
			    "'%s': no host (an IPv6 address goes in "
			    "brackets: [::1]:22)",
			    orig);
		else
			buf_appendf(err, "'%s': no host", orig);
		return -1;
	}
	if (port != NULL && port < s + len) {
		hop->port = sshvalue_port(port, (size_t)(s + len - port));
		if (hop->port == 0) {
			buf_appendf(err, "'%s': '%.*s' is not a port number",
			    orig, (int)(s + len - port), port);
			return -1;
		}
	}
	if (at != NULL)
		hop->user = xstrndup(s, (size_t)(at - s));
	hop->host = xstrndup(host, (size_t)(hend - host));
	return 0;
}

int
sshhop_parse_list(
    const char *spec, struct sshhop **hopsp, size_t *nhopsp, struct buf *err)
{
	struct sshhop *hops = NULL;
	size_t nhops = 0;
	char *copy = NULL, *p, *next;
	int rc = -1;

	*hopsp = NULL;
	*nhopsp = 0;
	if (strcasecmp(spec, "none") == 0)
		return 0;
	if (*spec == '\0') {
		buf_appendf(err, "no hop");
		return -1;
	}
	copy = xstrdup(spec);
	for (p = copy; p != NULL; p = next) {
		next = strchr(p, ',');
		if (next != NULL)
			*next++ = '\0';
		if (*p == '\0') {
			buf_appendf(err, "'%s': an empty hop", spec);
			goto out;
		}
		if (nhops == SSHHOP_MAX) {
			buf_appendf(
			    err, "'%s': more than %d hops", spec, SSHHOP_MAX);
			goto out;
		}
		hops = xrealloc(hops, (nhops + 1) * sizeof(*hops));
		if (parse_hop(p, &hops[nhops], err) == -1)
			goto out;
		nhops++;
	}
	*hopsp = hops;
	*nhopsp = nhops;
	hops = NULL;
	nhops = 0;
	rc = 0;
out:
	sshhop_free_list(hops, nhops);
	free(copy);
	return rc;
}

char *
sshhop_string(const struct sshhop *hop)
{
	struct buf b;

	buf_init(&b);
	if (hop->user != NULL)
		buf_appendf(&b, "%s@", hop->user);
	if (strchr(hop->host, ':') != NULL)
		buf_appendf(&b, "[%s]", hop->host);
	else
		buf_appendf(&b, "%s", hop->host);
	if (hop->port != 0)
		buf_appendf(&b, ":%u", hop->port);
	return buf_steal(&b, NULL);
}

struct sshhop *
sshhop_copy_list(const struct sshhop *hops, size_t n)
{
	struct sshhop *c;
	size_t i;

	if (n == 0)
		return NULL;
	c = xcalloc(n, sizeof(*c));
	for (i = 0; i < n; i++) {
		if (hops[i].user != NULL)
			c[i].user = xstrdup(hops[i].user);
		c[i].host = xstrdup(hops[i].host);
		c[i].port = hops[i].port;
	}
	return c;
}
