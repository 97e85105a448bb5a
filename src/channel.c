/*
 * channel: the deadline-bounded loops every channel user needs, written
 * once over the ops table: keep calling the non-blocking operation, and
 * when it would block, wait (never sleep) until the deadline.
 */
#include <stddef.h>

#include "channel.h"

#define READ_CHUNK 32768

int
channel_write_all(struct channel *c, const char *p, size_t n, int64_t deadline)
{
	ssize_t w;

	while (n > 0) {
		w = c->ops->write(c, p, n);
		if (w > 0) {
			p += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0)
			return CHANNEL_LOST;
		if (c->ops->wait(c, deadline) == -1)
			return CHANNEL_TIMEOUT;
	}
	return 0;
}

ssize_t
channel_read_some(struct channel *c, enum channel_stream stream, struct buf *b,
    size_t max, int64_t deadline)
{
	size_t total = 0;
	ssize_t n;
	char *p;

	for (;;) {
		p = buf_reserve(b, READ_CHUNK);
		n = c->ops->read(c, stream, p, READ_CHUNK);
		if (n > 0) {
			b->len += (size_t)n;
			b->data[b->len] = '\0';
			total += (size_t)n;
			if (total >= max)
				return (ssize_t)total;
			continue;
		}
		if (total > 0)
			return (ssize_t)total;
		if (n < 0)
			return n;
		if (c->ops->wait(c, deadline) == -1)
			return CHANNEL_TIMEOUT;
	}
}
