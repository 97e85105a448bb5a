/*
 * Unit tests for frame: every type written and decoded back, every split of
 * the byte stream, lengths bounded before allocation, bad headers,
 * truncation at EOF, and output bytes that look like headers.
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "frame.h"
#include "util.h"

/* Frames written through a pipe-free path: a memfd, read back whole. */
static unsigned char *
spool(void (*writer)(int fd), size_t *lenp)
{
	unsigned char *p;
	off_t end;
	int fd;

	fd = memfd_create("test_frame", MFD_CLOEXEC);
	assert_true(fd != -1);
	writer(fd);
	end = lseek(fd, 0, SEEK_END);
	assert_true(end >= 0);
	p = xmalloc((size_t)end + 1);
	assert_int_equal(pread(fd, p, (size_t)end, 0), end);
	close(fd);
	*lenp = (size_t)end;
	return p;
}

static const char out_bytes[] = "a\0b\x4e\x43\x00\x01\x00\x05 hdr-like\n";
static const struct timings tim = {1, 2, 3, 4, INT64_C(5000000000)};

static void
write_all_types(int fd)
{
	assert_int_equal(frame_write_event(fd, 7, STAGE_READY, 2), 0);
	assert_int_equal(frame_write_output(fd, 7, 3, FRAME_F_END | FRAME_F_RAW,
			     out_bytes, sizeof(out_bytes) - 1),
	    0);
	assert_int_equal(frame_write_hostkey(fd, 7, "h ssh-ed25519 AAAA"), 0);
	assert_int_equal(frame_write_error(fd, 7, ERR_AUTH, "bad password"), 0);
	assert_int_equal(frame_write_notice(fd, 7, "R7: retrying"), 0);
	assert_int_equal(frame_write_done(fd, 7, &tim), 0);
}

/* Check the six frames of write_all_types(), in order. */
static void
check_frame(int i, const struct frame *f)
{
	enum stage st;
	enum err_kind kind;
	const unsigned char *data;
	const char *msg;
	struct timings t;
	size_t len;
	uint32_t cmd;
	int64_t when;

	assert_int_equal(f->device, 7);
	switch (i) {
	case 0:
		assert_int_equal(f->type, FRAME_EVENT);
		assert_int_equal(frame_parse_event(f, &st, &cmd, &when), 0);
		assert_int_equal(st, STAGE_READY);
		assert_int_equal(cmd, 2);
		assert_true(when > 0);
		break;
	case 1:
		assert_int_equal(f->type, FRAME_OUTPUT);
		assert_int_equal(f->flags, FRAME_F_END | FRAME_F_RAW);
		assert_int_equal(frame_parse_output(f, &cmd, &data, &len), 0);
		assert_int_equal(cmd, 3);
		assert_int_equal(len, sizeof(out_bytes) - 1);
		assert_memory_equal(data, out_bytes, len);
		break;
	case 2:
		assert_int_equal(f->type, FRAME_HOSTKEY);
		assert_int_equal(f->len, strlen("h ssh-ed25519 AAAA"));
		assert_memory_equal(f->payload, "h ssh-ed25519 AAAA", f->len);
		break;
	case 3:
		assert_int_equal(f->type, FRAME_ERROR);
		assert_int_equal(frame_parse_error(f, &kind, &msg, &len), 0);
		assert_int_equal(kind, ERR_AUTH);
		assert_int_equal(len, strlen("bad password"));
		assert_memory_equal(msg, "bad password", len);
		break;
	case 4:
		assert_int_equal(f->type, FRAME_NOTICE);
		assert_int_equal(f->len, strlen("R7: retrying"));
		assert_memory_equal(f->payload, "R7: retrying", f->len);
		break;
	case 5:
		assert_int_equal(f->type, FRAME_DONE);
		assert_int_equal(frame_parse_done(f, &t), 0);
		assert_memory_equal(&t, &tim, sizeof(t));
		break;
	default:
		fail_msg("extra frame %d", i);
	}
}

static void
test_round_trip(void **state)
{
	struct frame_decoder *d;
	struct frame f;
	unsigned char *p;
	size_t len;
	int i = 0;

	(void)state;
	p = spool(write_all_types, &len);
	d = frame_decoder_new();
	frame_decoder_feed(d, p, len);
	while (frame_decoder_next(d, &f) == 1)
		check_frame(i++, &f);
	assert_int_equal(i, 6);
	assert_int_equal(frame_decoder_finish(d), 0);
	frame_decoder_free(d);
	free(p);
}

/* The stream cut in two at every offset, and fed one byte at a time. */
static void
test_every_split(void **state)
{
	struct frame_decoder *d;
	struct frame f;
	unsigned char *p;
	size_t len, cut, j;
	int i, rc;

	(void)state;
	p = spool(write_all_types, &len);
	for (cut = 0; cut <= len; cut++) {
		d = frame_decoder_new();
		i = 0;
		frame_decoder_feed(d, p, cut);
		while ((rc = frame_decoder_next(d, &f)) == 1)
			check_frame(i++, &f);
		assert_int_equal(rc, 0);
		frame_decoder_feed(d, p + cut, len - cut);
		while ((rc = frame_decoder_next(d, &f)) == 1)
			check_frame(i++, &f);
		assert_int_equal(rc, 0);
		assert_int_equal(i, 6);
		assert_int_equal(frame_decoder_finish(d), 0);
		frame_decoder_free(d);
	}
	d = frame_decoder_new();
	i = 0;
	for (j = 0; j < len; j++) {
		frame_decoder_feed(d, p + j, 1);
		while (frame_decoder_next(d, &f) == 1)
			check_frame(i++, &f);
	}
	assert_int_equal(i, 6);
	frame_decoder_free(d);
	free(p);
}

static void
write_big(int fd)
{
	size_t n = 3 * FRAME_CHUNK + 10, i;
	unsigned char *b = xmalloc(n);

	for (i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 7);
	assert_int_equal(frame_write_output(fd, 1, 0, FRAME_F_END, b, n), 0);
	free(b);
}

static void
test_output_chunks(void **state)
{
	struct frame_decoder *d;
	struct frame f;
	const unsigned char *data;
	unsigned char *p;
	size_t len, dlen, total = 0;
	uint32_t cmd;
	int n = 0;

	(void)state;
	p = spool(write_big, &len);
	d = frame_decoder_new();
	frame_decoder_feed(d, p, len);
	while (frame_decoder_next(d, &f) == 1) {
		assert_int_equal(frame_parse_output(&f, &cmd, &data, &dlen), 0);
		assert_true(dlen <= FRAME_CHUNK);
		assert_int_equal(data[0], (unsigned char)(total * 7));
		total += dlen;
		n++;
		/* Only the last chunk carries END. */
		assert_int_equal(
		    !!(f.flags & FRAME_F_END), total == 3 * FRAME_CHUNK + 10);
	}
	assert_int_equal(n, 4);
	assert_int_equal(total, 3 * FRAME_CHUNK + 10);
	frame_decoder_free(d);
	free(p);
}

static void
header(unsigned char *h, uint32_t magic, uint16_t type, uint32_t len)
{
	memset(h, 0, FRAME_HDR_LEN);
	h[0] = (unsigned char)(magic >> 24);
	h[1] = (unsigned char)(magic >> 16);
	h[2] = (unsigned char)(magic >> 8);
	h[3] = (unsigned char)magic;
	h[4] = (unsigned char)(type >> 8);
	h[5] = (unsigned char)type;
	h[12] = (unsigned char)(len >> 24);
	h[13] = (unsigned char)(len >> 16);
	h[14] = (unsigned char)(len >> 8);
	h[15] = (unsigned char)len;
}

static int
decode_header(uint32_t magic, uint16_t type, uint32_t len, const char *err)
{
	struct frame_decoder *d = frame_decoder_new();
	unsigned char h[FRAME_HDR_LEN];
	struct frame f;
	int rc;

	header(h, magic, type, len);
	frame_decoder_feed(d, h, sizeof(h));
	rc = frame_decoder_next(d, &f);
	if (err != NULL) {
		assert_string_equal(frame_decoder_error(d), err);
		/* Sticky: nothing after a protocol error is decoded. */
		frame_decoder_feed(d, h, sizeof(h));
		assert_int_equal(frame_decoder_next(d, &f), -1);
		assert_int_equal(frame_decoder_finish(d), -1);
	}
	frame_decoder_free(d);
	return rc;
}

static void
test_bad_headers(void **state)
{
	(void)state;
	/* Rejected from the header alone, before any payload is buffered. */
	assert_int_equal(
	    decode_header(FRAME_MAGIC, FRAME_OUTPUT, FRAME_MAX_PAYLOAD + 1,
		"frame length 1048577 over the limit"),
	    -1);
	assert_int_equal(decode_header(FRAME_MAGIC, FRAME_OUTPUT, 0xffffffffu,
			     "frame length 4294967295 over the limit"),
	    -1);
	assert_int_equal(
	    decode_header(FRAME_MAGIC, FRAME_OUTPUT, FRAME_MAX_PAYLOAD, NULL),
	    0);
	assert_int_equal(
	    decode_header(0x12345678u, FRAME_OUTPUT, 0, "bad magic 0x12345678"),
	    -1);
	assert_int_equal(decode_header(0x4e430002u, FRAME_OUTPUT, 0,
			     "unsupported protocol version 2"),
	    -1);
	assert_int_equal(
	    decode_header(FRAME_MAGIC, 0, 0, "unknown frame type 0"), -1);
	assert_int_equal(
	    decode_header(FRAME_MAGIC, 99, 0, "unknown frame type 99"), -1);
	/* Once EXIT, written by the v1 pool: never on the wire. */
	assert_int_equal(
	    decode_header(FRAME_MAGIC, 7, 4, "unknown frame type 7"), -1);
	assert_int_equal(
	    decode_header(FRAME_MAGIC, 8, 0, "unknown frame type 8"), -1);
}

static void
test_truncation(void **state)
{
	struct frame_decoder *d;
	struct frame f;
	unsigned char *p;
	size_t len, cut;

	(void)state;
	p = spool(write_all_types, &len);
	/* Any cut inside the last frame (DONE: 16 + 40 bytes) is truncation. */
	for (cut = len - 55; cut < len; cut++) {
		d = frame_decoder_new();
		frame_decoder_feed(d, p, cut);
		while (frame_decoder_next(d, &f) == 1)
			;
		assert_int_equal(frame_decoder_finish(d), -1);
		assert_true(
		    strncmp(frame_decoder_error(d), "truncated", 9) == 0);
		frame_decoder_free(d);
	}
	free(p);
}

static void
test_bad_payloads(void **state)
{
	struct frame f = {0};
	unsigned char pl[40] = {0};
	enum err_kind kind;
	enum stage st;
	const char *msg;
	const unsigned char *data;
	struct timings t;
	size_t len;
	uint32_t cmd;
	int64_t when;

	(void)state;
	f.payload = pl;
	f.type = FRAME_EVENT;
	f.len = 15;
	assert_int_equal(frame_parse_event(&f, &st, &cmd, &when), -1);
	f.len = 16; /* stage 0 is no stage */
	assert_int_equal(frame_parse_event(&f, &st, &cmd, &when), -1);
	f.type = FRAME_OUTPUT;
	f.len = 3;
	assert_int_equal(frame_parse_output(&f, &cmd, &data, &len), -1);
	f.type = FRAME_ERROR;
	f.len = 4; /* kind 0 is "ok", not an error */
	assert_int_equal(frame_parse_error(&f, &kind, &msg, &len), -1);
	pl[3] = ERR_KIND_COUNT;
	assert_int_equal(frame_parse_error(&f, &kind, &msg, &len), -1);
	f.type = FRAME_DONE;
	f.len = 39;
	assert_int_equal(frame_parse_done(&f, &t), -1);
	/* A parser refuses another type's frame. */
	f.len = 40;
	f.type = FRAME_OUTPUT;
	assert_int_equal(frame_parse_done(&f, &t), -1);
}

static void
write_statuses(int fd)
{
	assert_int_equal(frame_write_status(fd, 4, 2, 127), 0);
	assert_int_equal(frame_write_status(fd, 4, 3, -1), 0);
}

/* An exec command's exit status: an OUTPUT frame with FRAME_F_STATUS. */
static void
test_status(void **state)
{
	static const int want[2] = {127, -1};
	struct frame_decoder *dec = frame_decoder_new();
	const unsigned char *data;
	unsigned char *p, bad[4] = {0, 0, 1, 0};
	struct frame f;
	size_t len, n;
	uint32_t cmd;
	int st;

	(void)state;
	p = spool(write_statuses, &len);
	frame_decoder_feed(dec, p, len);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(frame_decoder_next(dec, &f), 1);
		assert_int_equal(f.type, FRAME_OUTPUT);
		assert_true(f.flags & FRAME_F_STATUS);
		assert_int_equal(frame_parse_output(&f, &cmd, &data, &n), 0);
		assert_int_equal(cmd, (uint32_t)(2 + i));
		assert_int_equal(frame_parse_status(data, n, &st), 0);
		assert_int_equal(st, want[i]);
	}
	assert_int_equal(frame_decoder_next(dec, &f), 0);
	/* 256 is no exit status; nor is a payload of the wrong size. */
	assert_int_equal(frame_parse_status(bad, 4, &st), -1);
	assert_int_equal(frame_parse_status(bad, 3, &st), -1);
	free(p);
	frame_decoder_free(dec);
}

/*
 * A small frame into a full pipe blocks until the reader reads: that
 * time is frame_blocked_ns()'s, whatever the frame (the worker gives it
 * back to the device's deadlines), and the count starts again after.
 */
static void
test_blocked_time(void **state)
{
	const int64_t delay = 300 * NS_PER_MS;
	char junk[4096];
	int fds[2], flags, st;
	int64_t forked, start, blocked;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	flags = fcntl(fds[1], F_GETFL);
	fcntl(fds[1], F_SETFL, flags | O_NONBLOCK);
	memset(junk, 'x', sizeof(junk));
	while (
	    write(fds[1], junk, sizeof(junk)) > 0 || write(fds[1], junk, 1) > 0)
		;
	assert_int_equal(errno, EAGAIN);
	fcntl(fds[1], F_SETFL, flags);
	(void)frame_blocked_ns();
	forked = mono_ns();
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The reader comes back after delay, and drains the pipe. */
		close(fds[1]);
		poll(NULL, 0, (int)(delay / NS_PER_MS));
		while (read(fds[0], junk, sizeof(junk)) > 0)
			;
		_exit(0);
	}
	close(fds[0]);
	start = mono_ns();
	assert_int_equal(
	    frame_write_event(fds[1], 1, STAGE_COMMAND_DONE, 0), 0);
	blocked = frame_blocked_ns();
	/* The reader read no sooner than delay after the fork. */
	assert_true(blocked >= delay - (start - forked));
	assert_int_equal(frame_blocked_ns(), 0);
	close(fds[1]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_every_split),
	    cmocka_unit_test(test_output_chunks),
	    cmocka_unit_test(test_bad_headers),
	    cmocka_unit_test(test_truncation),
	    cmocka_unit_test(test_bad_payloads),
	    cmocka_unit_test(test_status),
	    cmocka_unit_test(test_blocked_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
