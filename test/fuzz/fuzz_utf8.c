/*
 * libFuzzer harness for the two byte filters of the escape module.
 * escape_utf8: the result is valid UTF-8 (jansson accepts it as
 * a JSON string of the same length and dumps it), valid input comes out
 * unchanged, and each input byte becomes at most 3 bytes.
 * escape_tty: no C0 control other than \n and \t, no DEL and no
 * C1 control (U+0080..U+009F, which terminals obey as ESC sequences)
 * reaches the terminal; text without controls (nor any byte in the C1
 * range, which stray ones are escaped for 8-bit terminals) is unchanged.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "escape.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_sanitize(const char *s, size_t n)
{
	struct buf b;
	json_t *j, *v;
	char *dump;

	buf_init(&b);
	escape_utf8(&b, s, n);
	if (b.len > 3 * n || (n > 0 && b.len == 0))
		abort();
	j = json_stringn(b.data != NULL ? b.data : "", b.len);
	if (j == NULL || json_string_length(j) != b.len)
		abort();
	dump = json_dumps(j, JSON_ENCODE_ANY);
	if (dump == NULL)
		abort();
	free(dump);
	/* Valid input is kept byte for byte. */
	if ((v = json_stringn(s, n)) != NULL) {
		if (b.len != n || (n > 0 && memcmp(b.data, s, n) != 0))
			abort();
		json_decref(v);
	}
	json_decref(j);
	buf_free(&b);
}

static int
has_controls(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t') ||
		    p[i] == 0x7f)
			return 1;
		if (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}

/* Any byte 0x80..0x9f (C1 as UTF-8, or a stray one, or neither). */
static int
has_c1_range(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 0x80 && p[i] <= 0x9f)
			return 1;
	return 0;
}

static void
check_escape(const char *s, size_t n)
{
	struct buf b;

	buf_init(&b);
	escape_tty(&b, s, n);
	if (b.len < n || has_controls((const unsigned char *)b.data, b.len))
		abort();
	if (!has_c1_range((const unsigned char *)s, n) &&
	    !has_controls((const unsigned char *)s, n) &&
	    (b.len != n || (n > 0 && memcmp(b.data, s, n) != 0)))
		abort();
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_sanitize((const char *)data, size);
	check_escape((const char *)data, size);
	return 0;
}
