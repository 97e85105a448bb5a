/*
 * invcursor: libyaml's event stream over an inventory file, one event at
 * a time, for the scan. Every event moved past is also re-emitted
 * (through a libyaml emitter) into a document: the same YAML, with the
 * scalars the scan replaced, for the loader to read. Aliases are never
 * expanded. Syntax errors, aliases and emitter failures are recorded as
 * problems with their position; once any problem is recorded emission
 * stops, since a file with problems is never loaded.
 */
#ifndef NC_INVCURSOR_H
#define NC_INVCURSOR_H

#include <stddef.h>

#include <yaml.h>

#include "invproblem.h"

struct invcursor {
	yaml_event_t ev; /* the current event (read it, never free it) */
	int have_ev;
	int failed; /* a syntax error: no more events */
	/* private */
	struct invproblems *probs;
	const unsigned char *data;
	size_t len;
	yaml_parser_t parser;
	int alias_reported;
	char *value;
	int wrap;
	yaml_emitter_t em;
	int emitting;
	unsigned char *doc;
	size_t doclen, doccap;
};

/* The current event's position, 1-based. */
#define INVCURSOR_AT(c)                                                        \
	(unsigned)((c)->ev.start_mark.line + 1),                               \
	    (unsigned)((c)->ev.start_mark.column + 1)

/*
 * Start reading len bytes of data (data[len] is NUL; it must outlive c),
 * recording problems in probs. Returns 0, or -1 (recorded) when libyaml
 * has no memory.
 */
int invcursor_init(struct invcursor *c, const unsigned char *data, size_t len,
    struct invproblems *probs);

/* Move to the next event: 0, or -1 after a syntax error (recorded). */
int invcursor_next(struct invcursor *c);

/*
 * Skip the node whose first event is current, leaving its last event
 * current; aliases inside are recorded. -1 on a syntax error.
 */
int invcursor_skip(struct invcursor *c);

/*
 * Move to the next event of the list or mapping being read: 1 when it
 * starts an item (or a key), 0 when it is the list's (mapping's) end, -1
 * after a syntax error (recorded).
 */
int invcursor_next_in(struct invcursor *c);

/*
 * Skip the current key's value, then the next key's, leaving the last
 * event of that one current. -1 on a syntax error.
 */
int invcursor_skip_pair(struct invcursor *c);

/*
 * The current event is not what was expected: record fmt (two %s: ctx,
 * then what the event starts, as invcursor_kind says) as a problem at
 * it; an alias is recorded as invcursor_alias does instead.
 */
void invcursor_shape_problem(
    struct invcursor *c, const char *fmt, const char *ctx);

/* The current scalar goes into the document as value instead (copied). */
void invcursor_replace(struct invcursor *c, const char *value);

/* The current scalar goes into the document as a list of one. */
void invcursor_wrap(struct invcursor *c);

/* Record the current alias event as a problem (once per event). */
void invcursor_alias(struct invcursor *c);

/* What the current event starts, for messages: "a string", "a list"... */
const char *invcursor_kind(const struct invcursor *c);

/* The current event is a plain null scalar ("", "~", "null"). */
int invcursor_is_null(const struct invcursor *c);

/*
 * End: emit the current event (the stream's end) and flush. Returns the
 * document (NUL-terminated, the caller frees it after secure_zero) and
 * its length through *len, or NULL when a problem was recorded.
 */
unsigned char *invcursor_finish(struct invcursor *c, size_t *len);

/* Free what c holds (the document too, wiped, unless finish took it). */
void invcursor_free(struct invcursor *c);

#endif
