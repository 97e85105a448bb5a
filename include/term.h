/*
 * term: whether output to a file descriptor gets colour. One decision for
 * every program part that colours (the run's stdout and stderr, `netcollect
 * diff`): `always`, `never`, or `auto` = a terminal whose TERM is not
 * "dumb"; NO_COLOR (set and not empty) makes the default `never`.
 */
#ifndef NC_TERM_H
#define NC_TERM_H

enum color_mode {
	COLOR_AUTO,   /* on a terminal, unless NO_COLOR or TERM=dumb */
	COLOR_ALWAYS, /* --color always */
	COLOR_NEVER,  /* --color never, --no-color, NO_COLOR */
};

/* The mode before any option: COLOR_NEVER under NO_COLOR, else AUTO. */
enum color_mode term_color_default(void);

/* 1 when output to fd is coloured under mode, else 0. */
int term_color(enum color_mode mode, int fd);

#endif
