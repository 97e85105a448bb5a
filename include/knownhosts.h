/*
 * knownhosts: host-key decisions against an OpenSSH known_hosts file
 * (plain and hashed entries) through libssh2_knownhost, with OpenSSH's
 * exact "[host]:port" semantics (stricter than libssh2's own lookup),
 * key-type aware, plus fingerprints and the line to record a new key.
 * Used by the transport to decide, and by the parent (the only writer
 * of the file) to append the lines the workers learnt in accept-new
 * mode. Use from one thread.
 */
#ifndef NC_KNOWNHOSTS_H
#define NC_KNOWNHOSTS_H

#include <stddef.h>

#include <libssh2.h>

/*
 * How a device's host key is checked (the command line's
 * --host-key-check, an inventory's host_key_check:).
 */
enum hostkey_mode {
	HOSTKEY_DEFAULT = 0, /* not set here: use the command line's */
	HOSTKEY_ACCEPT_NEW,  /* unknown keys accepted and recorded */
	HOSTKEY_STRICT,	     /* unknown or changed key refused */
	HOSTKEY_OFF,	     /* no checking */
};

enum kh_status {
	KH_MATCH,    /* this host has this key */
	KH_NOTFOUND, /* no entry for this host and key type */
	KH_MISMATCH, /* an entry of this key type holds another key */
	KH_FAILURE,  /* the check itself failed */
};

struct knownhosts;

/*
 * Load path (a missing file is an empty set) using ssh for libssh2's
 * knownhost handle. Returns NULL with a reason in err when the file
 * cannot be read or parsed. Free with knownhosts_free() (NULL is fine).
 */
struct knownhosts *knownhosts_load(
    LIBSSH2_SESSION *ssh, const char *path, char *err, size_t errlen);

/*
 * The same, keeping only the lines that can concern host and port (its
 * plain and "[host]:port" names, hashed entries of either, markers and
 * wildcard patterns): the decisions for that host are the same, and a
 * large file costs a session one pass instead of a parsed copy.
 */
struct knownhosts *knownhosts_load_for(LIBSSH2_SESSION *ssh, const char *path,
    const char *host, unsigned port, char *err, size_t errlen);
void knownhosts_free(struct knownhosts *kh);

/*
 * Check key (raw blob, hostkey_type a LIBSSH2_HOSTKEY_TYPE_*) for host
 * and port. "[host]:port" entries match only that port, plain "host"
 * entries only port 22. On KH_MISMATCH the known key's fingerprint is
 * put in known_fp ("SHA256:...").
 */
enum kh_status knownhosts_check(struct knownhosts *kh, const char *host,
    unsigned port, const void *key, size_t keylen, int hostkey_type,
    char *known_fp, size_t fplen);

/*
 * The host-key algorithms of the key types known for host and port,
 * comma-separated in libssh2's preference order, into out ("" when
 * none). Used to ask the server for a key type we can verify.
 */
void knownhosts_known_algs(struct knownhosts *kh, const char *host,
    unsigned port, char *out, size_t outlen);

/* "SHA256:" + unpadded base64 of SHA-256(blob), as OpenSSH prints it. */
void knownhosts_fingerprint(
    const void *blob, size_t len, char *out, size_t outlen);

/* The known_hosts name: "host" for port 22, "[host]:port" otherwise. */
void knownhosts_hostname(
    const char *host, unsigned port, char *out, size_t outlen);

/* OpenSSH name of a LIBSSH2_HOSTKEY_TYPE_*, or NULL when unknown. */
const char *knownhosts_type_name(int hostkey_type);

/*
 * The known_hosts line for this key ("name type base64\n"), new string
 * (caller frees), or NULL for an unknown key type.
 */
char *knownhosts_line(const char *host, unsigned port, const void *key,
    size_t keylen, int hostkey_type);

/*
 * The parent's appender: a line is written only when the file does not
 * hold it yet. Each append locks the file (flock, exclusive; concurrent
 * runs that learn the same host wait for each other), reads what was
 * added since the last append (constant time per line; the whole file
 * again when it was replaced or truncated), and writes a missing line
 * with one write() on an O_APPEND fd, after a newline when the file did
 * not end with one. Free with knownhosts_writer_free().
 */
struct knownhosts_writer;
struct knownhosts_writer *knownhosts_writer_new(const char *path);

/*
 * Append line (a known_hosts line without its newline; the newline is
 * added) unless the file already holds it. Returns 1 when written, 0
 * when it was there (from this run or another), -1 with errno when the
 * file cannot be opened, locked, read or written (that line is not tried
 * again: 0 from then on, so one failure is reported once).
 */
int knownhosts_append(struct knownhosts_writer *w, const char *line);
void knownhosts_writer_free(struct knownhosts_writer *w);

#endif
