/*
 * util: time, fds, allocation and the byte buffer every module shares.
 * Allocation failure is not a device problem we can report, so the x*
 * functions end the process with one line instead of returning NULL.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

int64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

int64_t
real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

int
deadline_poll_ms(int64_t deadline)
{
	int64_t left;

	if (deadline == 0)
		return -1;
	left = deadline - mono_ns();
	if (left <= 0)
		return 0;
	left = (left + NS_PER_MS - 1) / NS_PER_MS;
	return left > 24 * 3600 * 1000 ? 24 * 3600 * 1000 : (int)left;
}

int64_t
deadline_min(int64_t a, int64_t b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	return a < b ? a : b;
}

int
deadline_passed(int64_t deadline)
{
	return deadline != 0 && mono_ns() >= deadline;
}

int
fd_set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl == -1 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1)
		return -1;
	return 0;
}

int
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void
oom(size_t n)
{
	fatal("out of memory allocating %zu bytes", n);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		oom(strlen(fmt));
	va_end(ap);
	return s;
}

void
secure_zero(void *p, size_t len)
{
	volatile unsigned char *v = p;

	while (len-- > 0)
		*v++ = 0;
}

void
free_secret(char *s)
{
	if (s == NULL)
		return;
	secure_zero(s, strlen(s));
	free(s);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

char *
buf_reserve(struct buf *b, size_t n)
{
	size_t need = b->len + n + 1;

	if (need < b->len)
		oom(SIZE_MAX);
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < need)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	return b->data + b->len;
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	char *dst = buf_reserve(b, n);

	if (n > 0)
		memcpy(dst, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_appendf(struct buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		buf_append(b, small, (size_t)n);
		return;
	}
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_consume(struct buf *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
	} else {
		memmove(b->data, b->data + n, b->len - n);
		b->len -= n;
	}
	if (b->data != NULL)
		b->data[b->len] = '\0';
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

char *
buf_steal(struct buf *b, size_t *lenp)
{
	char *p;

	buf_reserve(b, 0);
	p = b->data;
	p[b->len] = '\0';
	if (lenp != NULL)
		*lenp = b->len;
	buf_init(b);
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

int
parse_seconds(const char *v, int64_t *ms)
{
	int64_t secs = 0, frac = 0, scale = 100;
	size_t i = 0;

	if (v[0] < '0' || v[0] > '9' ||
	    (v[0] == '0' && v[1] >= '0' && v[1] <= '9'))
		return -1;
	for (; v[i] >= '0' && v[i] <= '9'; i++) {
		secs = secs * 10 + (v[i] - '0');
		if (secs > PARSE_SECONDS_MAX)
			return -1;
	}
	if (v[i] == '.') {
		i++;
		if (v[i] < '0' || v[i] > '9')
			return -1;
		for (; v[i] >= '0' && v[i] <= '9'; i++) {
			frac += (v[i] - '0') * scale;
			scale /= 10;
		}
	}
	if (v[i] != '\0')
		return -1;
	*ms = secs * 1000 + frac;
	if (*ms <= 0 || *ms > (int64_t)PARSE_SECONDS_MAX * 1000)
		return -1;
	return 0;
}

int
parse_count(const char *s, long min, long max, long *out)
{
	long n = 0;
	size_t i;

	if (s[0] < '1' || s[0] > '9')
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
		if (n > max)
			return -1;
	}
	if (n < min)
		return -1;
	*out = n;
	return 0;
}

int
parse_size(const char *s, size_t *out)
{
	uint64_t n = 0, mul = 1;
	size_t i;

	if (s[0] < '1' || s[0] > '9')
		return -1;
	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
		n = n * 10 + (uint64_t)(s[i] - '0');
		if (n > PARSE_SIZE_MAX)
			return -1;
	}
	switch (s[i]) {
	case 'k':
	case 'K':
		mul = UINT64_C(1) << 10;
		i++;
		break;
	case 'm':
	case 'M':
		mul = UINT64_C(1) << 20;
		i++;
		break;
	case 'g':
	case 'G':
		mul = UINT64_C(1) << 30;
		i++;
		break;
	}
	if (mul > 1 && s[i] == 'i' && s[i + 1] == 'B')
		i += 2;
	else if (s[i] == 'B')
		i++;
	if (s[i] != '\0' || n > PARSE_SIZE_MAX / mul ||
	    n * mul > (uint64_t)SIZE_MAX)
		return -1;
	*out = (size_t)(n * mul);
	return 0;
}
