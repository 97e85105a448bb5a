/*
 * optcheck: the command line's checks as a whole (options.c applies the
 * options one by one). Both return 0, or -1 after usage_error().
 */
#ifndef NC_OPTCHECK_H
#define NC_OPTCHECK_H

#include "options.h"

/*
 * Passwords never come from argv: an option that looks like one
 * (--password, --secret, ...) before "--" is refused, saying where a
 * password goes instead.
 */
int optcheck_argv(int argc, char **argv);

/* Options that only make sense together (--keep needs --run-dir, ...). */
int optcheck_config(const struct config *cfg);

#endif
