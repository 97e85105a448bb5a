/*
 * main: netcollect's entry point (being assembled: options, inventory,
 * pool and sinks land as their modules do).
 */
#include <stdio.h>

#include "log.h"

int
main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	log_set_progname("netcollect");
	fatal("not assembled yet");
}
