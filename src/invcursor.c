/*
 * invcursor: the scan's event cursor. Emission is lazy: an event is
 * passed to the emitter when the cursor moves past it, so the scan can
 * first decide to replace a scalar's text (a ${NAME} value). The
 * document grows in a buffer of our own that never leaves a copy of a
 * secret behind; libyaml's own buffers are freed without being wiped (a
 * known gap, like the parser's).
 */
#include <stdlib.h>
#include <string.h>

#include "invcursor.h"
#include "util.h"

/* Line and column (1-based, in characters) of a byte offset. */
static void
offset_position(
    const struct invcursor *c, size_t off, unsigned *line, unsigned *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && i < c->len; i++) {
		if (c->data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((c->data[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

static void
syntax_problem(struct invcursor *c)
{
	yaml_parser_t *p = &c->parser;
	const char *what = p->problem != NULL ? p->problem : "unknown error";
	unsigned line, col;

	/*
	 * What was found before is often a consequence of the same mistake
	 * (a mis-indented key read as part of the previous value): the
	 * syntax error alone is the clearest report.
	 */
	invproblem_clear(c->probs);
	if (p->error == YAML_READER_ERROR) {
		offset_position(c, p->problem_offset, &line, &col);
		invproblem_add(
		    c->probs, line, col, "YAML syntax error: %s", what);
	} else if (p->error == YAML_MEMORY_ERROR)
		invproblem_add(c->probs, 0, 0, "YAML parser out of memory");
	else
		invproblem_add(c->probs, (unsigned)p->problem_mark.line + 1,
		    (unsigned)p->problem_mark.column + 1,
		    "YAML syntax error: %s", what);
}

/* The emitter's output: the document grows without leaving copies. */
static int
doc_write(void *ctx, unsigned char *buffer, size_t size)
{
	struct invcursor *c = ctx;
	unsigned char *grown;

	if (c->doclen + size + 1 > c->doccap) {
		c->doccap = (c->doclen + size + 1) * 2;
		grown = xmalloc(c->doccap);
		if (c->doclen > 0)
			memcpy(grown, c->doc, c->doclen);
		if (c->doc != NULL)
			secure_zero(c->doc, c->doclen);
		free(c->doc);
		c->doc = grown;
	}
	memcpy(c->doc + c->doclen, buffer, size);
	c->doclen += size;
	c->doc[c->doclen] = '\0';
	return 1;
}

/*
 * A copy of ev for the emitter, value replacing a scalar's text. Tags
 * and anchors are left out: the loader reads neither.
 */
static int
copy_event(const yaml_event_t *ev, const char *value, yaml_event_t *e)
{
	yaml_char_t *text = ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	yaml_scalar_style_t style = ev->data.scalar.style;

	switch (ev->type) {
	case YAML_STREAM_START_EVENT:
		return yaml_stream_start_event_initialize(
		    e, YAML_UTF8_ENCODING);
	case YAML_STREAM_END_EVENT:
		return yaml_stream_end_event_initialize(e);
	case YAML_DOCUMENT_START_EVENT:
		return yaml_document_start_event_initialize(
		    e, NULL, NULL, NULL, 1);
	case YAML_DOCUMENT_END_EVENT:
		return yaml_document_end_event_initialize(e, 1);
	case YAML_SEQUENCE_START_EVENT:
		return yaml_sequence_start_event_initialize(
		    e, NULL, NULL, 1, YAML_ANY_SEQUENCE_STYLE);
	case YAML_SEQUENCE_END_EVENT:
		return yaml_sequence_end_event_initialize(e);
	case YAML_MAPPING_START_EVENT:
		return yaml_mapping_start_event_initialize(
		    e, NULL, NULL, 1, YAML_ANY_MAPPING_STYLE);
	case YAML_MAPPING_END_EVENT:
		return yaml_mapping_end_event_initialize(e);
	case YAML_SCALAR_EVENT:
		if (value != NULL) {
			text = (yaml_char_t *)value;
			len = strlen(value);
			style = YAML_ANY_SCALAR_STYLE;
		}
		return yaml_scalar_event_initialize(
		    e, NULL, NULL, text, (int)len, 1, 1, style);
	case YAML_ALIAS_EVENT:
	case YAML_NO_EVENT:
		break;
	}
	return 0;
}

/* Pass the current event on to the document, unless it is moot. */
static void
emit_current(struct invcursor *c)
{
	yaml_event_t e;

	if (!c->emitting)
		return;
	if (c->probs->nerrors > 0) {
		c->emitting = 0;
		return;
	}
	if ((c->wrap &&
		(!yaml_sequence_start_event_initialize(
		     &e, NULL, NULL, 1, YAML_ANY_SEQUENCE_STYLE) ||
		    !yaml_emitter_emit(&c->em, &e))) ||
	    !copy_event(&c->ev, c->value, &e) ||
	    !yaml_emitter_emit(&c->em, &e) ||
	    (c->wrap &&
		(!yaml_sequence_end_event_initialize(&e) ||
		    !yaml_emitter_emit(&c->em, &e)))) {
		invproblem_add(c->probs, INVCURSOR_AT(c),
		    "internal: cannot re-emit this YAML (%s)",
		    c->em.problem != NULL ? c->em.problem : "out of memory");
		c->emitting = 0;
	}
}

int
invcursor_init(struct invcursor *c, const unsigned char *data, size_t len,
    struct invproblems *probs)
{
	memset(c, 0, sizeof(*c));
	c->probs = probs;
	c->data = data;
	c->len = len;
	if (!yaml_parser_initialize(&c->parser)) {
		invproblem_add(probs, 0, 0, "YAML parser out of memory");
		return -1;
	}
	if (!yaml_emitter_initialize(&c->em)) {
		invproblem_add(probs, 0, 0, "YAML parser out of memory");
		yaml_parser_delete(&c->parser);
		return -1;
	}
	yaml_parser_set_input_string(&c->parser, data, len);
	yaml_emitter_set_output(&c->em, doc_write, c);
	yaml_emitter_set_unicode(&c->em, 1);
	yaml_emitter_set_width(&c->em, -1);
	c->emitting = 1;
	return 0;
}

int
invcursor_next(struct invcursor *c)
{
	if (c->failed)
		return -1;
	if (c->have_ev) {
		emit_current(c);
		yaml_event_delete(&c->ev);
		c->have_ev = 0;
	}
	free_secret(c->value);
	c->value = NULL;
	c->wrap = 0;
	c->alias_reported = 0;
	if (!yaml_parser_parse(&c->parser, &c->ev)) {
		syntax_problem(c);
		c->failed = 1;
		return -1;
	}
	c->have_ev = 1;
	return 0;
}

void
invcursor_replace(struct invcursor *c, const char *value)
{
	free_secret(c->value);
	c->value = xstrdup(value);
}

void
invcursor_wrap(struct invcursor *c)
{
	c->wrap = 1;
}

void
invcursor_alias(struct invcursor *c)
{
	if (c->alias_reported)
		return;
	c->alias_reported = 1;
	invproblem_add(c->probs, INVCURSOR_AT(c),
	    "aliases are not supported ('*%s'); use 'defaults:' for shared "
	    "values",
	    (const char *)c->ev.data.alias.anchor);
}

int
invcursor_skip(struct invcursor *c)
{
	size_t depth = 0;

	for (;;) {
		switch (c->ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			depth++;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_ALIAS_EVENT:
			invcursor_alias(c);
			break;
		case YAML_SCALAR_EVENT:
		case YAML_NO_EVENT:
		case YAML_STREAM_START_EVENT:
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		}
		if (depth == 0)
			return 0;
		if (invcursor_next(c) == -1)
			return -1;
	}
}

const char *
invcursor_kind(const struct invcursor *c)
{
	switch (c->ev.type) {
	case YAML_SCALAR_EVENT:
		return "a string";
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_ALIAS_EVENT:
		return "an alias";
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_START_EVENT:
	case YAML_DOCUMENT_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		break;
	}
	return "nothing";
}

int
invcursor_next_in(struct invcursor *c)
{
	if (invcursor_next(c) == -1)
		return -1;
	return c->ev.type != YAML_SEQUENCE_END_EVENT &&
	    c->ev.type != YAML_MAPPING_END_EVENT;
}

int
invcursor_skip_pair(struct invcursor *c)
{
	if (invcursor_skip(c) == -1 || invcursor_next(c) == -1)
		return -1;
	return invcursor_skip(c);
}

void
invcursor_shape_problem(struct invcursor *c, const char *fmt, const char *ctx)
{
	if (c->ev.type == YAML_ALIAS_EVENT)
		invcursor_alias(c);
	else
		invproblem_add(
		    c->probs, INVCURSOR_AT(c), fmt, ctx, invcursor_kind(c));
}

int
invcursor_is_null(const struct invcursor *c)
{
	const char *v = (const char *)c->ev.data.scalar.value;

	if (c->ev.type != YAML_SCALAR_EVENT ||
	    c->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return strcmp(v, "") == 0 || strcmp(v, "~") == 0 ||
	    strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
	    strcmp(v, "NULL") == 0;
}

unsigned char *
invcursor_finish(struct invcursor *c, size_t *len)
{
	unsigned char *doc;

	if (c->have_ev && c->ev.type == YAML_STREAM_END_EVENT)
		emit_current(c);
	if (!c->emitting || c->probs->nerrors > 0)
		return NULL;
	if (!yaml_emitter_flush(&c->em) || c->doc == NULL) {
		invproblem_add(
		    c->probs, 0, 0, "internal: cannot re-emit the YAML");
		return NULL;
	}
	doc = c->doc;
	*len = c->doclen;
	c->doc = NULL;
	c->doclen = c->doccap = 0;
	return doc;
}

void
invcursor_free(struct invcursor *c)
{
	if (c->have_ev)
		yaml_event_delete(&c->ev);
	c->have_ev = 0;
	free_secret(c->value);
	c->value = NULL;
	yaml_parser_delete(&c->parser);
	yaml_emitter_delete(&c->em);
	if (c->doc != NULL)
		secure_zero(c->doc, c->doclen);
	free(c->doc);
	c->doc = NULL;
}
