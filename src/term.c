/*
 * term: the colour decision (see term.h). Reads the environment and
 * isatty() only; no state.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "term.h"

enum color_mode
term_color_default(void)
{
	const char *nc = getenv("NO_COLOR");

	return nc != NULL && nc[0] != '\0' ? COLOR_NEVER : COLOR_AUTO;
}

int
term_color(enum color_mode mode, int fd)
{
	const char *term = getenv("TERM");

	switch (mode) {
	case COLOR_ALWAYS:
		return 1;
	case COLOR_NEVER:
		return 0;
	case COLOR_AUTO:
		return isatty(fd) &&
		    (term == NULL || strcmp(term, "dumb") != 0);
	}
	return 0;
}
