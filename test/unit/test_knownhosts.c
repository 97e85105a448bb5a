/*
 * Unit tests for knownhosts: decisions against a known_hosts file written
 * by the test (plain and hashed entries), exact "[host]:port" semantics,
 * key-type awareness, fingerprints in OpenSSH's form, and the line that
 * records a new key. The keys are fixed ones made with ssh-keygen; their
 * fingerprints are what `ssh-keygen -lf` printed for them.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <libssh2.h>
#include <openssl/evp.h>

#include "knownhosts.h"
#include "util.h"

#define KEY_A                                                                  \
	"AAAAC3NzaC1lZDI1NTE5AAAAIP6sSrZ8SvOxyRvcO5QlYAYP57sMxei/i/dwZ8t1jbeT"
#define FP_A "SHA256:PGnIwhtZde717MPE40kXmHQunSg2srd8AJuGb+ldBeM"
#define KEY_B                                                                  \
	"AAAAC3NzaC1lZDI1NTE5AAAAIAq/VeOi999mua7cZl4492uxKyLgSZI+66OTl+Wa2a+1"
#define FP_B "SHA256:LZcFQB26Ws4G+jPHeRhiEZoT9yA+1AExdDwVj54Qutg"
#define KEY_E                                                                  \
	"AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOfWRR7asay5t72"  \
	"In/YSpj1tYPF8JsiuhtgnwluDWgIVL50KSKe7Wr+I6PYX7tqtFnJ1SnAheQ6AUj/E4"   \
	"mQbg6M="
#define FP_E "SHA256:BxMn4i12EU0WI0L+qUqYYFJ5yMJRSKxF0OBGPxWclVs"
/* "[10.0.0.1]:2222" with KEY_A, hashed by ssh-keygen -H. */
#define HASHED_A                                                               \
	"|1|HwZ0LVf8e4dOO/aAVxARuhapI2A=|3iA+6sr3ycnTEZ1Rht7bH3RMcRg="         \
	" ssh-ed25519 " KEY_A

struct fixture {
	LIBSSH2_SESSION *ssh;
	struct knownhosts *kh;
	char path[64];
	unsigned char a[128], b[128], e[256];
	size_t alen, blen, elen;
};

static size_t
decode(const char *b64, unsigned char *out)
{
	size_t len = strlen(b64);
	int n = EVP_DecodeBlock(out, (const unsigned char *)b64, (int)len);

	assert_true(n > 0);
	if (b64[len - 1] == '=')
		n--;
	if (b64[len - 2] == '=')
		n--;
	return (size_t)n;
}

static struct fixture *
load(const char *content)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char err[256];
	int fd;

	snprintf(f->path, sizeof(f->path), "/tmp/test_knownhosts.XXXXXX");
	fd = mkstemp(f->path);
	assert_true(fd >= 0);
	assert_int_equal(write_all(fd, content, strlen(content)), 0);
	close(fd);
	f->ssh = libssh2_session_init();
	assert_non_null(f->ssh);
	f->kh = knownhosts_load(f->ssh, f->path, err, sizeof(err));
	assert_non_null(f->kh);
	f->alen = decode(KEY_A, f->a);
	f->blen = decode(KEY_B, f->b);
	f->elen = decode(KEY_E, f->e);
	return f;
}

static void
unload(struct fixture *f)
{
	knownhosts_free(f->kh);
	libssh2_session_free(f->ssh);
	unlink(f->path);
	free(f);
}

/*
 * knownhosts_load_for() keeps only the lines that can concern one host, and
 * gives the same decisions for it as loading the whole file.
 */
static void
test_load_for(void **state)
{
	struct fixture *f;
	struct knownhosts *kh;
	char err[256], fp[80];

	(void)state;
	f = load("# a comment\n"
		 "10.0.0.9 ssh-ed25519 " KEY_B "\n"
		 "[10.0.0.1]:2223 ssh-ed25519 " KEY_B "\n" HASHED_A "\n"
		 "other,[10.0.0.1]:2224 ssh-ed25519 " KEY_B "\n");
	/* The hashed entry is [10.0.0.1]:2222's: found through its HMAC. */
	kh = knownhosts_load_for(
	    f->ssh, f->path, "10.0.0.1", 2222, err, sizeof(err));
	assert_non_null(kh);
	assert_int_equal(knownhosts_check(kh, "10.0.0.1", 2222, f->a, f->alen,
			     LIBSSH2_HOSTKEY_TYPE_ED25519, fp, sizeof(fp)),
	    KH_MATCH);
	assert_int_equal(knownhosts_check(kh, "10.0.0.1", 2222, f->b, f->blen,
			     LIBSSH2_HOSTKEY_TYPE_ED25519, fp, sizeof(fp)),
	    KH_MISMATCH);
	assert_string_equal(fp, FP_A);
	/* Other hosts' lines were not loaded at all. */
	assert_int_equal(knownhosts_check(kh, "10.0.0.9", 22, f->b, f->blen,
			     LIBSSH2_HOSTKEY_TYPE_ED25519, fp, sizeof(fp)),
	    KH_NOTFOUND);
	knownhosts_free(kh);
	/* A name in a comma list is found; so is a plain port-22 name. */
	kh = knownhosts_load_for(
	    f->ssh, f->path, "10.0.0.1", 2224, err, sizeof(err));
	assert_int_equal(knownhosts_check(kh, "10.0.0.1", 2224, f->b, f->blen,
			     LIBSSH2_HOSTKEY_TYPE_ED25519, fp, sizeof(fp)),
	    KH_MATCH);
	knownhosts_free(kh);
	kh = knownhosts_load_for(
	    f->ssh, f->path, "10.0.0.9", 22, err, sizeof(err));
	assert_int_equal(knownhosts_check(kh, "10.0.0.9", 22, f->b, f->blen,
			     LIBSSH2_HOSTKEY_TYPE_ED25519, fp, sizeof(fp)),
	    KH_MATCH);
	assert_int_equal(knownhosts_check(kh, "10.0.0.1", 2223, f->b, f->blen,
			     LIBSSH2_HOSTKEY_TYPE_ED25519, fp, sizeof(fp)),
	    KH_NOTFOUND);
	knownhosts_free(kh);
	unload(f);
}

static void
test_fingerprint(void **state)
{
	unsigned char raw[256];
	char fp[80];
	size_t n;

	(void)state;
	n = decode(KEY_A, raw);
	knownhosts_fingerprint(raw, n, fp, sizeof(fp));
	assert_string_equal(fp, FP_A);
	n = decode(KEY_E, raw);
	knownhosts_fingerprint(raw, n, fp, sizeof(fp));
	assert_string_equal(fp, FP_E);
}

static void
test_match_mismatch_notfound(void **state)
{
	struct fixture *f;
	char fp[80] = "";

	(void)state;
	f = load("# comment\n\n[127.0.0.1]:2223 ssh-ed25519 " KEY_A "\n");
	assert_int_equal(
	    knownhosts_check(f->kh, "127.0.0.1", 2223, f->a, f->alen,
		LIBSSH2_HOSTKEY_TYPE_ED25519, fp, sizeof(fp)),
	    KH_MATCH);
	assert_int_equal(
	    knownhosts_check(f->kh, "127.0.0.1", 2223, f->b, f->blen,
		LIBSSH2_HOSTKEY_TYPE_ED25519, fp, sizeof(fp)),
	    KH_MISMATCH);
	/* Both fingerprints are known: the stored one comes back. */
	assert_string_equal(fp, FP_A);
	assert_int_equal(knownhosts_check(f->kh, "127.0.0.2", 2223, f->a,
			     f->alen, LIBSSH2_HOSTKEY_TYPE_ED25519, NULL, 0),
	    KH_NOTFOUND);
	unload(f);
}

static void
test_port_exact(void **state)
{
	struct fixture *f;

	(void)state;
	/* A plain entry means port 22 only (libssh2 alone would match). */
	f = load("127.0.0.1 ssh-ed25519 " KEY_A "\n");
	assert_int_equal(knownhosts_check(f->kh, "127.0.0.1", 2223, f->a,
			     f->alen, LIBSSH2_HOSTKEY_TYPE_ED25519, NULL, 0),
	    KH_NOTFOUND);
	assert_int_equal(knownhosts_check(f->kh, "127.0.0.1", 22, f->a, f->alen,
			     LIBSSH2_HOSTKEY_TYPE_ED25519, NULL, 0),
	    KH_MATCH);
	unload(f);
	/* A [host]:port entry is for that port only. */
	f = load("[127.0.0.1]:2223 ssh-ed25519 " KEY_A "\n");
	assert_int_equal(knownhosts_check(f->kh, "127.0.0.1", 2224, f->b,
			     f->blen, LIBSSH2_HOSTKEY_TYPE_ED25519, NULL, 0),
	    KH_NOTFOUND);
	assert_int_equal(knownhosts_check(f->kh, "127.0.0.1", 22, f->b, f->blen,
			     LIBSSH2_HOSTKEY_TYPE_ED25519, NULL, 0),
	    KH_NOTFOUND);
	unload(f);
}

static void
test_hashed(void **state)
{
	struct fixture *f;
	char fp[80];

	(void)state;
	f = load(HASHED_A "\n");
	assert_int_equal(knownhosts_check(f->kh, "10.0.0.1", 2222, f->a,
			     f->alen, LIBSSH2_HOSTKEY_TYPE_ED25519, NULL, 0),
	    KH_MATCH);
	assert_int_equal(
	    knownhosts_check(f->kh, "10.0.0.1", 2222, f->b, f->blen,
		LIBSSH2_HOSTKEY_TYPE_ED25519, fp, sizeof(fp)),
	    KH_MISMATCH);
	assert_string_equal(fp, FP_A);
	assert_int_equal(knownhosts_check(f->kh, "10.0.0.1", 22, f->a, f->alen,
			     LIBSSH2_HOSTKEY_TYPE_ED25519, NULL, 0),
	    KH_NOTFOUND);
	unload(f);
}

static void
test_key_type(void **state)
{
	struct fixture *f;
	char algs[128];

	(void)state;
	/* Known by ed25519; an ecdsa key is "not found", not "changed". */
	f = load("[h1]:2200 ssh-ed25519 " KEY_A "\n"
		 "[h2]:2200 ssh-ed25519 " KEY_B "\n"
		 "[h2]:2200 ecdsa-sha2-nistp256 " KEY_E "\n");
	assert_int_equal(knownhosts_check(f->kh, "h1", 2200, f->e, f->elen,
			     LIBSSH2_HOSTKEY_TYPE_ECDSA_256, NULL, 0),
	    KH_NOTFOUND);
	assert_int_equal(knownhosts_check(f->kh, "h2", 2200, f->e, f->elen,
			     LIBSSH2_HOSTKEY_TYPE_ECDSA_256, NULL, 0),
	    KH_MATCH);
	/* Known types, in libssh2's preference order. */
	knownhosts_known_algs(f->kh, "h1", 2200, algs, sizeof(algs));
	assert_string_equal(algs, "ssh-ed25519");
	knownhosts_known_algs(f->kh, "h2", 2200, algs, sizeof(algs));
	assert_string_equal(algs, "ecdsa-sha2-nistp256,ssh-ed25519");
	knownhosts_known_algs(f->kh, "h3", 2200, algs, sizeof(algs));
	assert_string_equal(algs, "");
	unload(f);
}

static void
test_line_and_missing_file(void **state)
{
	unsigned char raw[128];
	size_t n;
	char *line, err[256];
	LIBSSH2_SESSION *ssh;
	struct knownhosts *kh;

	(void)state;
	n = decode(KEY_A, raw);
	line = knownhosts_line(
	    "127.0.0.1", 2223, raw, n, LIBSSH2_HOSTKEY_TYPE_ED25519);
	assert_string_equal(line, "[127.0.0.1]:2223 ssh-ed25519 " KEY_A "\n");
	free(line);
	line = knownhosts_line(
	    "r1.example", 22, raw, n, LIBSSH2_HOSTKEY_TYPE_ED25519);
	assert_string_equal(line, "r1.example ssh-ed25519 " KEY_A "\n");
	free(line);
	/* A missing file is an empty set. */
	ssh = libssh2_session_init();
	kh = knownhosts_load(ssh, "/nonexistent/known_hosts", err, sizeof(err));
	assert_non_null(kh);
	assert_int_equal(knownhosts_check(kh, "127.0.0.1", 22, raw, n,
			     LIBSSH2_HOSTKEY_TYPE_ED25519, NULL, 0),
	    KH_NOTFOUND);
	knownhosts_free(kh);
	libssh2_session_free(ssh);
}

/* The parent's appender: each line once per run, newline added. */
static void
test_append_once(void **state)
{
	char dir[] = "/tmp/nc-kh-XXXXXX", path[64], line[64], got[8192];
	struct knownhosts_writer *w;
	struct buf want;
	FILE *fp;
	size_t n;

	(void)state;
	buf_init(&want);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/known_hosts", dir);
	w = knownhosts_writer_new(path);
	assert_int_equal(knownhosts_append(w, "[h]:2222 ssh-ed25519 AAAA"), 1);
	assert_int_equal(knownhosts_append(w, "[h]:2222 ssh-ed25519 AAAA"), 0);
	assert_int_equal(knownhosts_append(w, "h ssh-ed25519 BBBB"), 1);
	buf_appendf(&want, "[h]:2222 ssh-ed25519 AAAA\nh ssh-ed25519 BBBB\n");
	/* Past the first growth of the set, repeats are still seen. */
	for (int i = 0; i < 200; i++) {
		snprintf(line, sizeof(line), "[h%d]:22 ssh-ed25519 C", i % 100);
		assert_int_equal(knownhosts_append(w, line), i < 100 ? 1 : 0);
		if (i < 100)
			buf_appendf(&want, "%s\n", line);
	}
	knownhosts_writer_free(w);
	assert_non_null(fp = fopen(path, "r"));
	n = fread(got, 1, sizeof(got) - 1, fp);
	got[n] = '\0';
	fclose(fp);
	assert_string_equal(got, want.data);
	buf_free(&want);
	unlink(path);
	/* A file that cannot be written: -1 with errno, reported once. */
	w = knownhosts_writer_new(dir);
	assert_int_equal(knownhosts_append(w, "x ssh-ed25519 D"), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(knownhosts_append(w, "x ssh-ed25519 D"), 0);
	knownhosts_writer_free(w);
	rmdir(dir);
}

static void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static void
expect_text(const char *path, const char *want)
{
	char got[65536];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(got, 1, sizeof(got) - 1, fp);
	got[n] = '\0';
	fclose(fp);
	assert_string_equal(got, want);
}

/*
 * What others wrote counts: a line already in the file (from another run
 * or from the user) is not appended again, a file without a final
 * newline gets one before our line, and a file replaced or truncated
 * behind our back is read again from its start.
 */
static void
test_append_reads_file(void **state)
{
	char dir[] = "/tmp/nc-kh-XXXXXX", path[64], tmp[64];
	struct knownhosts_writer *w, *other;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/known_hosts", dir);
	snprintf(tmp, sizeof(tmp), "%s/known_hosts.new", dir);
	write_text(path, "a ssh-ed25519 A\r\n# comment\nb ssh-ed25519 B");
	w = knownhosts_writer_new(path);
	other = knownhosts_writer_new(path);
	assert_int_equal(knownhosts_append(w, "a ssh-ed25519 A"), 0);
	assert_int_equal(knownhosts_append(w, "b ssh-ed25519 B"), 0);
	assert_int_equal(knownhosts_append(w, "c ssh-ed25519 C"), 1);
	expect_text(path,
	    "a ssh-ed25519 A\r\n# comment\nb ssh-ed25519 B\n"
	    "c ssh-ed25519 C\n");
	/* Another run learns d first: we see its line and add nothing. */
	assert_int_equal(knownhosts_append(other, "d ssh-ed25519 D"), 1);
	assert_int_equal(knownhosts_append(w, "d ssh-ed25519 D"), 0);
	assert_int_equal(knownhosts_append(other, "c ssh-ed25519 C"), 0);
	/* ssh-keygen -R renames a new file in: a is gone and comes back. */
	write_text(tmp, "d ssh-ed25519 D\n");
	assert_int_equal(rename(tmp, path), 0);
	assert_int_equal(knownhosts_append(w, "e ssh-ed25519 E"), 1);
	assert_int_equal(knownhosts_append(w, "a ssh-ed25519 A"), 1);
	expect_text(
	    path, "d ssh-ed25519 D\ne ssh-ed25519 E\na ssh-ed25519 A\n");
	/* Truncated in place: read again from the start. */
	assert_int_equal(truncate(path, 0), 0);
	assert_int_equal(knownhosts_append(other, "a ssh-ed25519 A"), 1);
	assert_int_equal(knownhosts_append(other, "f ssh-ed25519 F"), 1);
	expect_text(path, "a ssh-ed25519 A\nf ssh-ed25519 F\n");
	knownhosts_writer_free(w);
	knownhosts_writer_free(other);
	unlink(path);
	rmdir(dir);
}

/* Five processes learn the same 300 hosts at once: each line once. */
static void
test_append_concurrent(void **state)
{
	char dir[] = "/tmp/nc-kh-XXXXXX", path[64], line[64];
	struct knownhosts_writer *w;
	struct buf want;
	pid_t pids[5];
	int i, k, st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/known_hosts", dir);
	for (k = 0; k < 5; k++) {
		pids[k] = fork();
		assert_true(pids[k] != -1);
		if (pids[k] != 0)
			continue;
		w = knownhosts_writer_new(path);
		for (i = 0; i < 300; i++) {
			snprintf(
			    line, sizeof(line), "[h%d]:22 ssh-ed25519 K", i);
			if (knownhosts_append(w, line) == -1)
				_exit(1);
		}
		knownhosts_writer_free(w);
		_exit(0);
	}
	for (k = 0; k < 5; k++) {
		assert_int_equal(waitpid(pids[k], &st, 0), pids[k]);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	buf_init(&want);
	for (i = 0; i < 300; i++)
		buf_appendf(&want, "[h%d]:22 ssh-ed25519 K\n", i);
	expect_text(path, want.data);
	buf_free(&want);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fingerprint),
	    cmocka_unit_test(test_load_for),
	    cmocka_unit_test(test_match_mismatch_notfound),
	    cmocka_unit_test(test_port_exact),
	    cmocka_unit_test(test_hashed),
	    cmocka_unit_test(test_key_type),
	    cmocka_unit_test(test_line_and_missing_file),
	    cmocka_unit_test(test_append_once),
	    cmocka_unit_test(test_append_reads_file),
	    cmocka_unit_test(test_append_concurrent),
	};
	int rc;

	libssh2_init(0);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	libssh2_exit();
	return rc;
}
