/*
 * knownhosts: libssh2_knownhost does the parsing and the HMAC-SHA1 of
 * hashed entries; we only ever ask it about one exact name with port -1,
 * so its "[host]:port first, then plain host" fallback never applies and
 * a plain "127.0.0.1" entry cannot vouch for port 2223 (OpenSSH
 * semantics). Key-type bits are always passed, so a host known by its
 * ed25519 key that shows us an ecdsa key is "not found", not "changed".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh2.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "knownhosts.h"
#include "util.h"

struct knownhosts {
	LIBSSH2_KNOWNHOSTS *h;
};

static const struct {
	int type; /* LIBSSH2_HOSTKEY_TYPE_* */
	int mask; /* LIBSSH2_KNOWNHOST_KEY_* */
	const char *name;
} keytypes[] = {
    {LIBSSH2_HOSTKEY_TYPE_ECDSA_256, LIBSSH2_KNOWNHOST_KEY_ECDSA_256,
	"ecdsa-sha2-nistp256"},
    {LIBSSH2_HOSTKEY_TYPE_ECDSA_384, LIBSSH2_KNOWNHOST_KEY_ECDSA_384,
	"ecdsa-sha2-nistp384"},
    {LIBSSH2_HOSTKEY_TYPE_ECDSA_521, LIBSSH2_KNOWNHOST_KEY_ECDSA_521,
	"ecdsa-sha2-nistp521"},
    {LIBSSH2_HOSTKEY_TYPE_ED25519, LIBSSH2_KNOWNHOST_KEY_ED25519,
	"ssh-ed25519"},
    {LIBSSH2_HOSTKEY_TYPE_RSA, LIBSSH2_KNOWNHOST_KEY_SSHRSA, "ssh-rsa"},
    {LIBSSH2_HOSTKEY_TYPE_DSS, LIBSSH2_KNOWNHOST_KEY_SSHDSS, "ssh-dss"},
};
#define NKEYTYPES (sizeof(keytypes) / sizeof(keytypes[0]))

static int
type_mask(int hostkey_type)
{
	size_t i;

	for (i = 0; i < NKEYTYPES; i++)
		if (keytypes[i].type == hostkey_type)
			return keytypes[i].mask;
	return -1;
}

const char *
knownhosts_type_name(int hostkey_type)
{
	size_t i;

	for (i = 0; i < NKEYTYPES; i++)
		if (keytypes[i].type == hostkey_type)
			return keytypes[i].name;
	return NULL;
}

/* Does hashed pattern "|1|salt|hash" stand for name? (OpenSSH's scheme.) */
static int
hashed_is(const char *pat, const char *name)
{
	unsigned char salt[64], mac[EVP_MAX_MD_SIZE], b64[4 * 64];
	const char *s = pat + 3, *bar = strchr(s, '|');
	unsigned int maclen = 0;
	size_t slen, pad = 0;
	int n;

	if (bar == NULL || (slen = (size_t)(bar - s)) == 0 || slen > 80)
		return 0;
	n = EVP_DecodeBlock(salt, (const unsigned char *)s, (int)slen);
	while (pad < slen && s[slen - 1 - pad] == '=')
		pad++;
	if (n < 0 || (size_t)n < pad)
		return 0;
	if (HMAC(EVP_sha1(), salt, n - (int)pad, (const unsigned char *)name,
		strlen(name), mac, &maclen) == NULL)
		return 0;
	EVP_EncodeBlock(b64, mac, (int)maclen);
	return strcmp((const char *)b64, bar + 1) == 0;
}

/*
 * Can this known_hosts line concern host (known_hosts name "name")? Only
 * such lines are handed to libssh2: a file that grows by a line per
 * device must not cost every session the whole file. Markers and
 * wildcard or negated patterns are kept for libssh2 to judge.
 */
static int
line_may_match(char *line, const char *host, const char *name)
{
	char *p = line + strspn(line, " \t"), *field, *pat, *save = NULL;
	size_t len;

	if (*p == '#' || *p == '\n' || *p == '\0')
		return 0;
	if (*p == '@')
		return 1;
	len = strcspn(p, " \t\n");
	field = xstrndup(p, len);
	for (pat = strtok_r(field, ",", &save); pat != NULL;
	     pat = strtok_r(NULL, ",", &save)) {
		if (strpbrk(pat, "*?") != NULL || pat[0] == '!' ||
		    strcmp(pat, host) == 0 || strcmp(pat, name) == 0 ||
		    (strncmp(pat, "|1|", 3) == 0 &&
			(hashed_is(pat, host) || hashed_is(pat, name)))) {
			free(field);
			return 1;
		}
	}
	free(field);
	return 0;
}

/* Load path, all of it (host NULL) or only the lines that may be host's. */
static struct knownhosts *
load(LIBSSH2_SESSION *ssh, const char *path, const char *host, unsigned port,
    char *err, size_t errlen)
{
	struct knownhosts *kh;
	char name[300], *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	FILE *f;
	int rc;

	kh = xcalloc(1, sizeof(*kh));
	kh->h = libssh2_knownhost_init(ssh);
	if (kh->h == NULL) {
		snprintf(err, errlen, "cannot start known_hosts handling");
		free(kh);
		return NULL;
	}
	if (path == NULL)
		return kh;
	f = fopen(path, "re");
	if (f == NULL) {
		if (errno == ENOENT)
			return kh;
		snprintf(
		    err, errlen, "known_hosts %s: %s", path, strerror(errno));
		knownhosts_free(kh);
		return NULL;
	}
	if (host == NULL) {
		fclose(f);
		rc = libssh2_knownhost_readfile(
		    kh->h, path, LIBSSH2_KNOWNHOST_FILE_OPENSSH);
		if (rc < 0) {
			snprintf(err, errlen,
			    "known_hosts %s: cannot parse (error %d)", path,
			    rc);
			knownhosts_free(kh);
			return NULL;
		}
		return kh;
	}
	knownhosts_hostname(host, port, name, sizeof(name));
	while ((len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (!line_may_match(line, host, name))
			continue;
		rc = libssh2_knownhost_readline(
		    kh->h, line, (size_t)len, LIBSSH2_KNOWNHOST_FILE_OPENSSH);
		if (rc < 0) {
			snprintf(err, errlen,
			    "known_hosts %s: cannot parse line %zu (error %d)",
			    path, lineno, rc);
			free(line);
			fclose(f);
			knownhosts_free(kh);
			return NULL;
		}
	}
	free(line);
	fclose(f);
	return kh;
}

struct knownhosts *
knownhosts_load(
    LIBSSH2_SESSION *ssh, const char *path, char *err, size_t errlen)
{
	return load(ssh, path, NULL, 0, err, errlen);
}

struct knownhosts *
knownhosts_load_for(LIBSSH2_SESSION *ssh, const char *path, const char *host,
    unsigned port, char *err, size_t errlen)
{
	return load(ssh, path, host, port, err, errlen);
}

void
knownhosts_free(struct knownhosts *kh)
{
	if (kh == NULL)
		return;
	libssh2_knownhost_free(kh->h);
	free(kh);
}

void
knownhosts_hostname(const char *host, unsigned port, char *out, size_t outlen)
{
	if (port == 22)
		snprintf(out, outlen, "%s", host);
	else
		snprintf(out, outlen, "[%s]:%u", host, port);
}

void
knownhosts_fingerprint(const void *blob, size_t len, char *out, size_t outlen)
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	char b64[64];
	int n;

	SHA256(blob, len, md);
	n = EVP_EncodeBlock((unsigned char *)b64, md, sizeof(md));
	while (n > 0 && b64[n - 1] == '=')
		n--;
	b64[n] = '\0';
	snprintf(out, outlen, "SHA256:%s", b64);
}

/* Fingerprint of a base64 key as libssh2 stores it. */
static void
fingerprint_b64(const char *b64, char *out, size_t outlen)
{
	size_t len = strlen(b64);
	unsigned char *raw;
	int n;

	raw = xmalloc(len + 1);
	n = EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)len);
	if (n < 0) {
		snprintf(out, outlen, "(unreadable key)");
		free(raw);
		return;
	}
	/* DecodeBlock counts padding as zero bytes. */
	if (len > 0 && b64[len - 1] == '=')
		n--;
	if (len > 1 && b64[len - 2] == '=')
		n--;
	knownhosts_fingerprint(raw, (size_t)n, out, outlen);
	free(raw);
}

enum kh_status
knownhosts_check(struct knownhosts *kh, const char *host, unsigned port,
    const void *key, size_t keylen, int hostkey_type, char *known_fp,
    size_t fplen)
{
	struct libssh2_knownhost *entry = NULL;
	char name[300];
	int mask, rc;

	mask = type_mask(hostkey_type);
	if (mask < 0)
		return KH_FAILURE;
	knownhosts_hostname(host, port, name, sizeof(name));
	rc = libssh2_knownhost_checkp(kh->h, name, -1, key, keylen,
	    LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | mask,
	    &entry);
	switch (rc) {
	case LIBSSH2_KNOWNHOST_CHECK_MATCH:
		return KH_MATCH;
	case LIBSSH2_KNOWNHOST_CHECK_NOTFOUND:
		return KH_NOTFOUND;
	case LIBSSH2_KNOWNHOST_CHECK_MISMATCH:
		if (known_fp != NULL && fplen > 0) {
			if (entry != NULL && entry->key != NULL)
				fingerprint_b64(entry->key, known_fp, fplen);
			else
				snprintf(known_fp, fplen, "(unknown)");
		}
		return KH_MISMATCH;
	}
	return KH_FAILURE;
}

void
knownhosts_known_algs(struct knownhosts *kh, const char *host, unsigned port,
    char *out, size_t outlen)
{
	struct libssh2_knownhost *entry;
	char name[300];
	size_t i, used = 0;
	int rc;

	/* A one-byte probe key never matches: MISMATCH means "type known". */
	knownhosts_hostname(host, port, name, sizeof(name));
	out[0] = '\0';
	for (i = 0; i < NKEYTYPES; i++) {
		entry = NULL;
		rc = libssh2_knownhost_checkp(kh->h, name, -1, "\x01", 1,
		    LIBSSH2_KNOWNHOST_TYPE_PLAIN |
			LIBSSH2_KNOWNHOST_KEYENC_RAW | keytypes[i].mask,
		    &entry);
		if (rc != LIBSSH2_KNOWNHOST_CHECK_MISMATCH)
			continue;
		used += (size_t)snprintf(out + used,
		    used < outlen ? outlen - used : 0, "%s%s",
		    used > 0 ? "," : "", keytypes[i].name);
		if (used >= outlen) {
			out[0] = '\0';
			return;
		}
	}
}

char *
knownhosts_line(const char *host, unsigned port, const void *key, size_t keylen,
    int hostkey_type)
{
	const char *type = knownhosts_type_name(hostkey_type);
	char name[300], *b64, *line;

	if (type == NULL)
		return NULL;
	knownhosts_hostname(host, port, name, sizeof(name));
	b64 = xmalloc(4 * ((keylen + 2) / 3) + 1);
	EVP_EncodeBlock((unsigned char *)b64, key, (int)keylen);
	line = xasprintf("%s %s %s\n", name, type, b64);
	free(b64);
	return line;
}

struct knownhosts_writer {
	char *path;
	/* Lines appended so far (open addressing, power-of-two size). */
	char **seen;
	size_t nseen, cap;
};

struct knownhosts_writer *
knownhosts_writer_new(const char *path)
{
	struct knownhosts_writer *w = xcalloc(1, sizeof(*w));

	w->path = xstrdup(path);
	return w;
}

static uint64_t
line_hash(const char *s)
{
	uint64_t h = UINT64_C(1469598103934665603); /* FNV-1a */

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * UINT64_C(1099511628211);
	return h;
}

/* The slot of line in the set: where it is, or the empty one to use. */
static size_t
seen_slot(char **set, size_t cap, const char *line)
{
	size_t i, mask = cap - 1;

	for (i = line_hash(line) & mask; set[i] != NULL; i = (i + 1) & mask)
		if (strcmp(set[i], line) == 0)
			break;
	return i;
}

/* Keep the set at most half full: a run that learns 5,000 keys stays fast. */
static void
seen_grow(struct knownhosts_writer *w)
{
	size_t cap = w->cap ? w->cap * 2 : 64, i;
	char **t;

	if (2 * (w->nseen + 1) <= w->cap)
		return;
	t = xcalloc(cap, sizeof(*t));
	for (i = 0; i < w->cap; i++)
		if (w->seen[i] != NULL)
			t[seen_slot(t, cap, w->seen[i])] = w->seen[i];
	free(w->seen);
	w->seen = t;
	w->cap = cap;
}

int
knownhosts_append(struct knownhosts_writer *w, const char *line)
{
	char *text;
	size_t slot;
	int fd, rc = -1, saved;

	seen_grow(w);
	slot = seen_slot(w->seen, w->cap, line);
	if (w->seen[slot] != NULL)
		return 0;
	w->seen[slot] = xstrdup(line);
	w->nseen++;
	text = xasprintf("%s\n", line);
	fd = open(w->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd != -1 && write_all(fd, text, strlen(text)) == 0)
		rc = 1;
	saved = errno;
	if (fd != -1)
		close(fd);
	free(text);
	errno = saved;
	return rc;
}

void
knownhosts_writer_free(struct knownhosts_writer *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->cap; i++)
		free(w->seen[i]);
	free(w->seen);
	free(w->path);
	free(w);
}
