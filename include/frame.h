/*
 * frame: the record protocol between a worker and the collector. A frame
 * is a 16-byte header in network byte order
 *   magic+version (u32) | type (u16) | flags (u16) | device (u32) | len (u32)
 * followed by len payload bytes (len <= FRAME_MAX_PAYLOAD, checked before
 * any allocation). Output bytes are opaque. The decoder is incremental:
 * feed it whatever read() returned, take out 0..n frames.
 */
#ifndef NC_FRAME_H
#define NC_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "result.h"

#define FRAME_MAGIC 0x4e430001u /* "NC", protocol version 1 */
#define FRAME_HDR_LEN 16
#define FRAME_MAX_PAYLOAD (1u << 20)
#define FRAME_CHUNK (64u * 1024) /* output is sent in chunks of this size */

enum frame_type {
	FRAME_EVENT = 1,   /* stage reached */
	FRAME_OUTPUT = 2,  /* u32 command index + a chunk of output */
	FRAME_HOSTKEY = 3, /* a known_hosts line for the parent to append */
	FRAME_ERROR = 4,   /* u32 err_kind + one line of text */
	FRAME_DONE = 5,	   /* final: 5 x u64 timings (struct timings) */
	FRAME_NOTICE = 6,  /* one line for the parent's stderr (a retry) */
};

/* Flags on OUTPUT frames. */
#define FRAME_F_END 0x1	   /* last chunk of this command's output */
#define FRAME_F_RAW 0x2	   /* raw device output kept beside a --pipe result */
#define FRAME_F_STDERR 0x4 /* the command's stderr (exec), not its output */
/* The command's exit status (exec): the data is an i32, -1 for none. */
#define FRAME_F_STATUS 0x8
/* The command's TextFSM rows (JSON text), or why its parse failed. */
#define FRAME_F_PARSED 0x10
#define FRAME_F_PARSE_ERROR 0x20
/* Data kept beside the command's output, not part of it. */
#define FRAME_F_ASIDE                                                          \
	(FRAME_F_RAW | FRAME_F_STDERR | FRAME_F_PARSED | FRAME_F_PARSE_ERROR)

enum stage {
	STAGE_CONNECTING = 1,
	STAGE_CONNECTED,
	STAGE_AUTHENTICATED,
	STAGE_READY, /* prompt found, paging off, enabled */
	STAGE_COMMAND_START,
	STAGE_COMMAND_DONE,
};

struct frame {
	enum frame_type type;
	uint16_t flags;
	uint32_t device;
	uint32_t len;
	const unsigned char *payload; /* valid until the next decoder call */
};

/*
 * Writers, for workers. Each writes whole frames to a blocking fd with
 * write_all() (safe after fork() and from threads, one fd per writer).
 * Return 0, or -1 with errno.
 */
int frame_write(int fd, enum frame_type type, uint16_t flags, uint32_t device,
    const void *payload, size_t len);
/*
 * The ns this thread spent in frame writes since its last call, and the
 * count starts again. A write blocks while the reader does not read (the
 * collector is writing stdout to a slow reader, say): a worker gives
 * that time back to its device's deadlines.
 */
int64_t frame_blocked_ns(void);
/*
 * EVENT payload: u32 stage | u32 command index | u64 CLOCK_REALTIME ns.
 * For STAGE_CONNECTING the u32 is the attempt, 1-based (--retries).
 */
int frame_write_event(int fd, uint32_t device, enum stage stage, uint32_t cmd);
/* OUTPUT, split into FRAME_CHUNK pieces; the last carries FRAME_F_END. */
int frame_write_output(int fd, uint32_t device, uint32_t cmd, uint16_t flags,
    const void *data, size_t len);
/* OUTPUT with FRAME_F_STATUS: command cmd exited with status. */
int frame_write_status(int fd, uint32_t device, uint32_t cmd, int status);
int frame_write_error(
    int fd, uint32_t device, enum err_kind kind, const char *msg);
int frame_write_hostkey(int fd, uint32_t device, const char *line);
/*
 * NOTICE: line (no newline, escaped for a terminal, the device named in
 * it), which the parent logs as a warning: a worker never writes stderr.
 */
int frame_write_notice(int fd, uint32_t device, const char *line);
int frame_write_done(int fd, uint32_t device, const struct timings *t);

/*
 * The field of o that an OUTPUT frame with these flags appends to (its
 * output, raw, stderr, parsed rows or parse error), and its length in
 * *len. Not for FRAME_F_STATUS.
 */
char **frame_output_field(struct cmd_output *o, uint16_t flags, size_t **len);

/* Payload parsers: return 0, or -1 when the payload is malformed. */
int frame_parse_event(
    const struct frame *f, enum stage *stage, uint32_t *cmd, int64_t *when);
int frame_parse_output(const struct frame *f, uint32_t *cmd,
    const unsigned char **data, size_t *len);
/* The status in the data of an OUTPUT frame with FRAME_F_STATUS. */
int frame_parse_status(const unsigned char *data, size_t len, int *status);
int frame_parse_error(const struct frame *f, enum err_kind *kind,
    const char **msg, size_t *msglen);
int frame_parse_done(const struct frame *f, struct timings *t);

struct frame_decoder;

struct frame_decoder *frame_decoder_new(void);
void frame_decoder_free(struct frame_decoder *d);

/* Append bytes read from the pipe. */
void frame_decoder_feed(struct frame_decoder *d, const void *p, size_t n);

/*
 * Take the next complete frame: 1 and *f set, 0 when more bytes are
 * needed, -1 on a protocol error (bad magic or version, unknown type,
 * oversized length) with the reason in frame_decoder_error().
 */
int frame_decoder_next(struct frame_decoder *d, struct frame *f);

/* After EOF: 0 when no partial frame is pending, -1 when truncated. */
int frame_decoder_finish(struct frame_decoder *d);

const char *frame_decoder_error(const struct frame_decoder *d);

#endif
