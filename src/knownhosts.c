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
#include <sys/file.h>
#include <sys/stat.h>
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
pattern_is(const char *pat, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(pat, s, len) == 0;
}

static int
line_may_match(const char *line, const char *host, const char *name)
{
	const char *p = line + strspn(line, " \t"), *end, *pat, *comma;
	char hashed[256];
	size_t len;

	if (*p == '#' || *p == '\n' || *p == '\0')
		return 0;
	if (*p == '@')
		return 1;
	end = p + strcspn(p, " \t\n");
	/* No copy of the line: this runs for every line, for every device. */
	for (pat = p; pat < end; pat = comma + 1) {
		comma = memchr(pat, ',', (size_t)(end - pat));
		if (comma == NULL)
			comma = end;
		len = (size_t)(comma - pat);
		if (memchr(pat, '*', len) != NULL ||
		    memchr(pat, '?', len) != NULL ||
		    (len > 0 && pat[0] == '!') || pattern_is(pat, len, host) ||
		    pattern_is(pat, len, name))
			return 1;
		if (len > 3 && memcmp(pat, "|1|", 3) == 0) {
			if (len >= sizeof(hashed))
				return 1;
			memcpy(hashed, pat, len);
			hashed[len] = '\0';
			if (hashed_is(hashed, host) || hashed_is(hashed, name))
				return 1;
		}
	}
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

/*
 * The appender. Several runs may learn the same host at once, so every
 * append holds an exclusive flock() on the file itself, reads what was
 * added since it last looked (what other runs wrote, and its own lines),
 * and writes only a line that is still missing. Reading resumes where it
 * stopped unless the file was replaced (ssh-keygen -R renames a new one
 * in) or truncated; then it starts over. Only a line that could not be
 * written is answered without the file (its failure is reported once).
 */
struct lineset {
	char **slot; /* open addressing, 2^n slots, at most half full */
	size_t n, cap;
};

struct knownhosts_writer {
	char *path;
	struct lineset in_file; /* the lines the file was seen to hold */
	struct lineset failed;	/* the lines whose append failed */
	/* How far the file was read, and which file it was. */
	off_t offset;
	dev_t dev;
	ino_t ino;
	int no_newline; /* the file's last byte read is not a newline */
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
lineset_slot(char **slot, size_t cap, const char *line)
{
	size_t i, mask = cap - 1;

	for (i = line_hash(line) & mask; slot[i] != NULL; i = (i + 1) & mask)
		if (strcmp(slot[i], line) == 0)
			break;
	return i;
}

static int
lineset_has(const struct lineset *set, const char *line)
{
	return set->cap > 0 &&
	    set->slot[lineset_slot(set->slot, set->cap, line)] != NULL;
}

/* Keep the set at most half full: a run that learns 5,000 keys stays fast. */
static void
lineset_grow(struct lineset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 64, i;
	char **t;

	if (2 * (set->n + 1) <= set->cap)
		return;
	t = xcalloc(cap, sizeof(*t));
	for (i = 0; i < set->cap; i++)
		if (set->slot[i] != NULL)
			t[lineset_slot(t, cap, set->slot[i])] = set->slot[i];
	free(set->slot);
	set->slot = t;
	set->cap = cap;
}

/* Add line (len bytes) to the set. */
static void
lineset_add(struct lineset *set, const char *line, size_t len)
{
	char *copy = xstrndup(line, len);
	size_t i;

	lineset_grow(set);
	i = lineset_slot(set->slot, set->cap, copy);
	if (set->slot[i] != NULL) {
		free(copy);
		return;
	}
	set->slot[i] = copy;
	set->n++;
}

static void
lineset_clear(struct lineset *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++) {
		free(set->slot[i]);
		set->slot[i] = NULL;
	}
	set->n = 0;
}

/*
 * Read what fd (the locked file) holds past w->offset into the set,
 * from the start when it is another file than last time or shorter.
 * 0, or -1 with errno.
 */
static int
catch_up(struct knownhosts_writer *w, int fd)
{
	struct stat st;
	struct buf b;
	const char *p, *end, *nl;
	ssize_t n;
	int rc = -1;

	if (fstat(fd, &st) == -1)
		return -1;
	if (st.st_dev != w->dev || st.st_ino != w->ino ||
	    st.st_size < w->offset) {
		lineset_clear(&w->in_file);
		w->offset = 0;
		w->no_newline = 0;
		w->dev = st.st_dev;
		w->ino = st.st_ino;
	}
	buf_init(&b);
	for (;;) {
		n = pread(fd, buf_reserve(&b, 65536), 65536,
		    w->offset + (off_t)b.len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto out;
		if (n == 0)
			break;
		b.len += (size_t)n;
	}
	for (p = b.data, end = b.data + b.len; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl > p)
			lineset_add(&w->in_file, p,
			    (size_t)(nl - p - (nl[-1] == '\r')));
	}
	if (b.len > 0)
		w->no_newline = b.data[b.len - 1] != '\n';
	w->offset += (off_t)b.len;
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/* flock(LOCK_EX), or nothing where the filesystem has no locks. */
static int
lock_file(int fd)
{
	while (flock(fd, LOCK_EX) == -1)
		if (errno != EINTR)
			return errno == ENOLCK || errno == EOPNOTSUPP ||
				errno == EINVAL
			    ? 0
			    : -1;
	return 0;
}

int
knownhosts_append(struct knownhosts_writer *w, const char *line)
{
	char *text = NULL;
	int fd, rc = -1, saved;

	if (lineset_has(&w->failed, line))
		return 0;
	fd = open(w->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1 || lock_file(fd) == -1 || catch_up(w, fd) == -1)
		goto out;
	if (lineset_has(&w->in_file, line)) {
		rc = 0;
		goto out;
	}
	text = xasprintf("%s%s\n", w->no_newline ? "\n" : "", line);
	if (write_all(fd, text, strlen(text)) == 0)
		rc = 1;
out:
	saved = errno;
	if (rc == -1)
		lineset_add(&w->failed, line, strlen(line));
	if (fd != -1)
		close(fd);
	free(text);
	errno = saved;
	return rc;
}

void
knownhosts_writer_free(struct knownhosts_writer *w)
{
	if (w == NULL)
		return;
	lineset_clear(&w->in_file);
	lineset_clear(&w->failed);
	free(w->in_file.slot);
	free(w->failed.slot);
	free(w->path);
	free(w);
}
