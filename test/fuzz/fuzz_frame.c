/*
 * libFuzzer harness for the incremental frame decoder. Input layout:
 *   byte 0: k = byte % 17, the number of split sizes that follow
 *   bytes 1..k: feed sizes (0..255), used in turn until the stream ends
 *   the rest: the byte stream a worker would have written
 * A reference decoder is fed the whole stream at once; the split decoder
 * must hand out exactly the same frames (same header fields, payload
 * equal to the stream's bytes at that offset), fail at the same point
 * with the same message, and agree at finish(). Every frame's length is
 * within FRAME_MAX_PAYLOAD and its type known; the payload parsers never
 * read outside the payload.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_REF 4096

struct ref {
	size_t off; /* of the header in the stream */
	struct frame f;
};

static struct ref refs[MAX_REF];

static void
check_parsers(const struct frame *f)
{
	enum stage stage;
	uint32_t cmd;
	int64_t when;
	const unsigned char *p;
	size_t n;
	enum err_kind kind;
	const char *msg;
	struct timings t;

	if (frame_parse_event(f, &stage, &cmd, &when) == 0 &&
	    (stage < STAGE_CONNECTING || stage > STAGE_COMMAND_DONE))
		abort();
	if (frame_parse_output(f, &cmd, &p, &n) == 0 &&
	    (p < f->payload || p + n != f->payload + f->len))
		abort();
	if (frame_parse_error(f, &kind, &msg, &n) == 0 &&
	    ((const unsigned char *)msg + n != f->payload + f->len ||
		kind == ERR_NONE || kind >= ERR_KIND_COUNT))
		abort();
	(void)frame_parse_done(f, &t);
}

static void
check_frame(
    const struct frame *f, const uint8_t *stream, size_t off, size_t total)
{
	if (f->len > FRAME_MAX_PAYLOAD || f->type < FRAME_EVENT ||
	    f->type > FRAME_NOTICE || off + FRAME_HDR_LEN + f->len > total ||
	    (f->len > 0 && f->payload == NULL) ||
	    memcmp(f->payload, stream + off + FRAME_HDR_LEN, f->len) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frame_decoder *ref, *d;
	struct frame f;
	const uint8_t *sizes, *stream;
	size_t k, total, nref = 0, fed = 0, got = 0, off = 0, zeros = 0;
	size_t step, si = 0;
	int ref_rc, rc = 0, ref_fin, fin;
	char ref_err[256];

	if (size == 0)
		return 0;
	k = data[0] % 17;
	if (size < 1 + k)
		return 0;
	sizes = data + 1;
	stream = data + 1 + k;
	total = size - 1 - k;

	/* The reference: the whole stream in one feed. */
	ref = frame_decoder_new();
	frame_decoder_feed(ref, stream, total);
	while ((ref_rc = frame_decoder_next(ref, &f)) == 1) {
		check_frame(&f, stream, off, total);
		check_parsers(&f);
		if (nref == MAX_REF) {
			frame_decoder_free(ref);
			return 0;
		}
		refs[nref].off = off;
		refs[nref].f = f;
		refs[nref].f.payload = NULL;
		nref++;
		off += FRAME_HDR_LEN + f.len;
	}
	if (ref_rc == -1 && frame_decoder_error(ref)[0] == '\0')
		abort();
	ref_fin = frame_decoder_finish(ref);
	if (ref_rc == -1 && ref_fin != -1)
		abort();
	if (ref_rc == 0 && (ref_fin == 0) != (off == total))
		abort();
	snprintf(ref_err, sizeof(ref_err), "%s", frame_decoder_error(ref));
	if (ref_fin == -1 && ref_err[0] == '\0')
		abort();
	/* Sticky: nothing more after an error. */
	if (ref_fin == -1) {
		frame_decoder_feed(ref, stream, total);
		if (frame_decoder_next(ref, &f) != -1 ||
		    frame_decoder_finish(ref) != -1)
			abort();
	}
	frame_decoder_free(ref);

	/* The same stream in pieces. */
	d = frame_decoder_new();
	while (fed < total && rc != -1) {
		if (k == 0 || zeros == k) {
			step = total - fed;
		} else {
			step = sizes[si++ % k];
			zeros = step == 0 ? zeros + 1 : 0;
			if (step > total - fed)
				step = total - fed;
		}
		frame_decoder_feed(d, stream + fed, step);
		fed += step;
		while ((rc = frame_decoder_next(d, &f)) == 1) {
			if (got >= nref || f.type != refs[got].f.type ||
			    f.flags != refs[got].f.flags ||
			    f.device != refs[got].f.device ||
			    f.len != refs[got].f.len)
				abort();
			check_frame(&f, stream, refs[got].off, total);
			got++;
		}
	}
	if (got != nref || (rc == -1) != (ref_rc == -1))
		abort();
	fin = frame_decoder_finish(d);
	if (fin != ref_fin || strcmp(frame_decoder_error(d), ref_err) != 0)
		abort();
	frame_decoder_free(d);
	return 0;
}
