/*
 * frame: encoding and incremental decoding of the worker-to-collector
 * record protocol. A writer assembles header and payload in one buffer and
 * hands it to a single write_all(), so a worker that dies mid-write can only
 * truncate the tail of its last frame, never interleave two. The decoder
 * keeps unparsed bytes in a buffer; the length in a header is checked
 * against FRAME_MAX_PAYLOAD before the decoder waits for (and so buffers)
 * the payload, which bounds its memory to one frame plus one read. A
 * protocol error is sticky: once the stream is broken nothing after it can
 * be trusted.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frame.h"
#include "util.h"

struct frame_decoder {
	struct buf in;
	size_t used; /* bytes of in already returned as frames */
	int failed;  /* sticky protocol error */
	char err[128];
};

static void
put_u16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
put_u64(unsigned char *p, uint64_t v)
{
	put_u32(p, (uint32_t)(v >> 32));
	put_u32(p + 4, (uint32_t)v);
}

static uint16_t
get_u16(const unsigned char *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static uint64_t
get_u64(const unsigned char *p)
{
	return (uint64_t)get_u32(p) << 32 | get_u32(p + 4);
}

static int
type_known(uint16_t type)
{
	return type >= FRAME_EVENT && type <= FRAME_NOTICE;
}

static _Thread_local int64_t blocked_ns;

int64_t
frame_blocked_ns(void)
{
	int64_t ns = blocked_ns;

	blocked_ns = 0;
	return ns;
}

/* One frame from a payload in two pieces (prefix, data), one write. */
static int
write_frame2(int fd, enum frame_type type, uint16_t flags, uint32_t device,
    const void *pre, size_t prelen, const void *data, size_t len)
{
	unsigned char stackbuf[512], *p;
	size_t total;
	int64_t t0;
	int ret, save;

	if (prelen + len > FRAME_MAX_PAYLOAD) {
		errno = EMSGSIZE;
		return -1;
	}
	total = FRAME_HDR_LEN + prelen + len;
	p = total <= sizeof(stackbuf) ? stackbuf : xmalloc(total);
	put_u32(p, FRAME_MAGIC);
	put_u16(p + 4, (uint16_t)type);
	put_u16(p + 6, flags);
	put_u32(p + 8, device);
	put_u32(p + 12, (uint32_t)(prelen + len));
	if (prelen > 0)
		memcpy(p + FRAME_HDR_LEN, pre, prelen);
	if (len > 0)
		memcpy(p + FRAME_HDR_LEN + prelen, data, len);
	t0 = mono_ns();
	ret = write_all(fd, p, total);
	save = errno;
	blocked_ns += mono_ns() - t0;
	if (p != stackbuf)
		free(p);
	errno = save;
	return ret;
}

int
frame_write(int fd, enum frame_type type, uint16_t flags, uint32_t device,
    const void *payload, size_t len)
{
	return write_frame2(fd, type, flags, device, NULL, 0, payload, len);
}

int
frame_write_event(int fd, uint32_t device, enum stage stage, uint32_t cmd)
{
	unsigned char p[16];
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	put_u32(p, (uint32_t)stage);
	put_u32(p + 4, cmd);
	put_u64(p + 8,
	    (uint64_t)ts.tv_sec * (uint64_t)NS_PER_SEC + (uint64_t)ts.tv_nsec);
	return frame_write(fd, FRAME_EVENT, 0, device, p, sizeof(p));
}

int
frame_write_output(int fd, uint32_t device, uint32_t cmd, uint16_t flags,
    const void *data, size_t len)
{
	const unsigned char *d = data;
	unsigned char pre[4];
	size_t n;
	uint16_t fl;

	put_u32(pre, cmd);
	do {
		n = len < FRAME_CHUNK ? len : FRAME_CHUNK;
		fl = flags & (uint16_t)~FRAME_F_END;
		if (n == len)
			fl |= flags & FRAME_F_END;
		if (write_frame2(fd, FRAME_OUTPUT, fl, device, pre, sizeof(pre),
			d, n) == -1)
			return -1;
		d += n;
		len -= n;
	} while (len > 0);
	return 0;
}

int
frame_write_error(int fd, uint32_t device, enum err_kind kind, const char *msg)
{
	unsigned char pre[4];
	size_t len = msg != NULL ? strlen(msg) : 0;

	if (len > FRAME_MAX_PAYLOAD - sizeof(pre))
		len = FRAME_MAX_PAYLOAD - sizeof(pre);
	put_u32(pre, (uint32_t)kind);
	return write_frame2(
	    fd, FRAME_ERROR, 0, device, pre, sizeof(pre), msg, len);
}

int
frame_write_hostkey(int fd, uint32_t device, const char *line)
{
	return frame_write(fd, FRAME_HOSTKEY, 0, device, line, strlen(line));
}

int
frame_write_notice(int fd, uint32_t device, const char *line)
{
	return frame_write(fd, FRAME_NOTICE, 0, device, line, strlen(line));
}

int
frame_write_status(int fd, uint32_t device, uint32_t cmd, int status)
{
	unsigned char p[8];

	put_u32(p, cmd);
	put_u32(p + 4, (uint32_t)(int32_t)status);
	return frame_write(fd, FRAME_OUTPUT, FRAME_F_STATUS | FRAME_F_END,
	    device, p, sizeof(p));
}

int
frame_parse_status(const unsigned char *data, size_t len, int *status)
{
	int32_t v;

	if (len != 4)
		return -1;
	v = (int32_t)get_u32(data);
	if (v < -1 || v > 255)
		return -1;
	*status = v;
	return 0;
}

int
frame_write_done(int fd, uint32_t device, const struct timings *t)
{
	unsigned char p[40];

	put_u64(p, (uint64_t)t->connect);
	put_u64(p + 8, (uint64_t)t->auth);
	put_u64(p + 16, (uint64_t)t->enable);
	put_u64(p + 24, (uint64_t)t->commands);
	put_u64(p + 32, (uint64_t)t->total);
	return frame_write(fd, FRAME_DONE, 0, device, p, sizeof(p));
}

char **
frame_output_field(struct cmd_output *o, uint16_t flags, size_t **len)
{
	if (flags & FRAME_F_STDERR) {
		*len = &o->err_len;
		return &o->err;
	}
	if (flags & FRAME_F_RAW) {
		*len = &o->raw_len;
		return &o->raw;
	}
	if (flags & FRAME_F_PARSED) {
		*len = &o->parsed_len;
		return &o->parsed;
	}
	if (flags & FRAME_F_PARSE_ERROR) {
		*len = &o->parse_error_len;
		return &o->parse_error;
	}
	*len = &o->len;
	return &o->output;
}

int
frame_parse_event(
    const struct frame *f, enum stage *stage, uint32_t *cmd, int64_t *when)
{
	uint32_t s;

	if (f->type != FRAME_EVENT || f->len != 16)
		return -1;
	s = get_u32(f->payload);
	if (s < STAGE_CONNECTING || s > STAGE_COMMAND_DONE)
		return -1;
	*stage = (enum stage)s;
	*cmd = get_u32(f->payload + 4);
	*when = (int64_t)get_u64(f->payload + 8);
	return 0;
}

int
frame_parse_output(const struct frame *f, uint32_t *cmd,
    const unsigned char **data, size_t *len)
{
	if (f->type != FRAME_OUTPUT || f->len < 4)
		return -1;
	*cmd = get_u32(f->payload);
	*data = f->payload + 4;
	*len = f->len - 4;
	return 0;
}

int
frame_parse_error(const struct frame *f, enum err_kind *kind, const char **msg,
    size_t *msglen)
{
	uint32_t k;

	if (f->type != FRAME_ERROR || f->len < 4)
		return -1;
	k = get_u32(f->payload);
	if (k == ERR_NONE || k >= ERR_KIND_COUNT)
		return -1;
	*kind = (enum err_kind)k;
	*msg = (const char *)f->payload + 4;
	*msglen = f->len - 4;
	return 0;
}

int
frame_parse_done(const struct frame *f, struct timings *t)
{
	if (f->type != FRAME_DONE || f->len != 40)
		return -1;
	t->connect = (int64_t)get_u64(f->payload);
	t->auth = (int64_t)get_u64(f->payload + 8);
	t->enable = (int64_t)get_u64(f->payload + 16);
	t->commands = (int64_t)get_u64(f->payload + 24);
	t->total = (int64_t)get_u64(f->payload + 32);
	return 0;
}

struct frame_decoder *
frame_decoder_new(void)
{
	struct frame_decoder *d = xcalloc(1, sizeof(*d));

	buf_init(&d->in);
	return d;
}

void
frame_decoder_free(struct frame_decoder *d)
{
	if (d == NULL)
		return;
	buf_free(&d->in);
	free(d);
}

/* Drop the frames already handed out; their payload pointers expire. */
static void
compact(struct frame_decoder *d)
{
	if (d->used > 0) {
		buf_consume(&d->in, d->used);
		d->used = 0;
	}
}

void
frame_decoder_feed(struct frame_decoder *d, const void *p, size_t n)
{
	compact(d);
	if (d->failed || n == 0)
		return;
	buf_append(&d->in, p, n);
}

static int
fail(struct frame_decoder *d, const char *fmt, unsigned long long v)
{
	snprintf(d->err, sizeof(d->err), fmt, v);
	d->failed = 1;
	buf_reset(&d->in);
	d->used = 0;
	return -1;
}

int
frame_decoder_next(struct frame_decoder *d, struct frame *f)
{
	const unsigned char *h;
	uint32_t magic, len;
	uint16_t type;
	size_t avail;

	if (d->failed)
		return -1;
	compact(d);
	avail = d->in.len;
	if (avail < FRAME_HDR_LEN)
		return 0;
	h = (const unsigned char *)d->in.data;
	magic = get_u32(h);
	if ((magic & 0xffff0000u) != (FRAME_MAGIC & 0xffff0000u))
		return fail(d, "bad magic 0x%08llx", magic);
	if (magic != FRAME_MAGIC)
		return fail(
		    d, "unsupported protocol version %llu", magic & 0xffffu);
	type = get_u16(h + 4);
	if (!type_known(type))
		return fail(d, "unknown frame type %llu", type);
	len = get_u32(h + 12);
	if (len > FRAME_MAX_PAYLOAD)
		return fail(d, "frame length %llu over the limit", len);
	if (avail - FRAME_HDR_LEN < len)
		return 0;
	f->type = (enum frame_type)type;
	f->flags = get_u16(h + 6);
	f->device = get_u32(h + 8);
	f->len = len;
	f->payload = h + FRAME_HDR_LEN;
	d->used = FRAME_HDR_LEN + len;
	return 1;
}

int
frame_decoder_finish(struct frame_decoder *d)
{
	size_t pending;

	if (d->failed)
		return -1;
	compact(d);
	pending = d->in.len;
	if (pending == 0)
		return 0;
	if (pending < FRAME_HDR_LEN)
		return fail(
		    d, "truncated frame header: %llu bytes at EOF", pending);
	return fail(d, "truncated frame: %llu payload bytes missing at EOF",
	    FRAME_HDR_LEN + get_u32((const unsigned char *)d->in.data + 12) -
		pending);
}

const char *
frame_decoder_error(const struct frame_decoder *d)
{
	return d->failed ? d->err : "";
}
