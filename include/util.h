/*
 * util: monotonic time and deadlines, fd flags, a growable byte buffer,
 * allocation that cannot return NULL, and secret wiping. Everything here
 * is safe after fork(); nothing here is safe in a signal handler.
 */
#ifndef NC_UTIL_H
#define NC_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define NS_PER_MS INT64_C(1000000)
#define NS_PER_SEC INT64_C(1000000000)

/* Nanoseconds on CLOCK_MONOTONIC. */
int64_t mono_ns(void);

/* Nanoseconds since the epoch on CLOCK_REALTIME (for timestamps shown). */
int64_t real_ns(void);

/*
 * Milliseconds from now until the absolute monotonic deadline, rounded up,
 * for poll(): 0 when it has passed, -1 (wait forever) when deadline is 0.
 */
int deadline_poll_ms(int64_t deadline);

/* Earliest of two deadlines, where 0 means "none". */
int64_t deadline_min(int64_t a, int64_t b);

/* Nonzero when the absolute deadline (nonzero) has passed. */
int deadline_passed(int64_t deadline);

/* Set O_NONBLOCK on fd. Return 0 or -1 with errno. */
int fd_set_nonblock(int fd);

/*
 * Write all len bytes to a blocking fd, retrying on EINTR and short
 * writes. Return 0, or -1 with errno (EPIPE when the reader is gone).
 */
int write_all(int fd, const void *buf, size_t len);

/* Allocation that exits the process with a message on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Overwrite len bytes at p with zeros in a way the compiler keeps. */
void secure_zero(void *p, size_t len);

/* Free a string after wiping it (for passwords and secrets). NULL is fine. */
void free_secret(char *s);

/* A growable byte buffer. Always NUL-terminated past len for convenience. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
/* Make room for n more bytes; return a pointer to the free space. */
char *buf_reserve(struct buf *b, size_t n);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_appendf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Drop the first n bytes. */
void buf_consume(struct buf *b, size_t n);
void buf_reset(struct buf *b);
/* Hand the data over to the caller (NUL-terminated); b becomes empty. */
char *buf_steal(struct buf *b, size_t *lenp);
void buf_free(struct buf *b);

/*
 * Parse positive decimal seconds ("30", "2.5", "0.25"; no sign, exponent,
 * leading zero or suffix; at most PARSE_SECONDS_MAX) into milliseconds
 * (fractions past the millisecond are dropped; the result must be at
 * least 1 ms). Returns 0, or -1 when s is not such a duration.
 */
#define PARSE_SECONDS_MAX 604800 /* a week */
int parse_seconds(const char *s, int64_t *ms);

/* Decimal s (no sign, no leading zero) in [min, max] into *out: 0 or -1. */
int parse_count(const char *s, long min, long max, long *out);

/*
 * A size: "4096", "10k", "256M", "1G" (powers of 1024, an optional "B"
 * or "iB"), at most PARSE_SIZE_MAX, into *out: 0 or -1.
 */
#define PARSE_SIZE_MAX (UINT64_C(64) << 30)
int parse_size(const char *s, size_t *out);

#endif
