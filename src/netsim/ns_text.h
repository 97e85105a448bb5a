/*
 * ns_text: a growing text buffer and the word handling the rendered
 * configurations share. Memory exhaustion ends netsim (it is a
 * simulator: there is nothing useful to do without memory).
 */
#ifndef NS_TEXT_H
#define NS_TEXT_H

#include <stddef.h>

struct ns_text {
	char *p; /* NUL-terminated once anything was added; may be NULL */
	size_t len, cap;
};

/* Append n bytes of s. */
void ns_text_add(struct ns_text *t, const char *s, size_t n);
/* Append the string s. */
void ns_text_str(struct ns_text *t, const char *s);
/* Append s and a "\n" (indented by indent spaces first). */
void ns_text_line(struct ns_text *t, size_t indent, const char *s);
/* The text, owned by the caller from now on ("" when nothing was added). */
char *ns_text_take(struct ns_text *t);
/* strdup() that exits on memory exhaustion. */
char *ns_text_dup(const char *s);
/*
 * 1 when the first n words of a equal those of b (n == 0: all words);
 * words are separated by runs of spaces, leading spaces do not count.
 */
int ns_text_same_words(const char *a, const char *b, size_t n);
/* 1 when the words of prefix are the first words of s. */
int ns_text_starts_words(const char *s, const char *prefix);

#endif
