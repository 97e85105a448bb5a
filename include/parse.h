/*
 * parse: the `netcollect parse` sub-command, TextFSM offline. Parses saved
 * command output with one template (--template FILE) or with the
 * template an ntc-templates index picks for a platform and a command
 * (--textfsm DIR --platform NAME --command CMD; DIR defaults to
 * $NET_TEXTFSM). One input, or stdin: a JSON array of row objects on
 * stdout. Several inputs: JSON Lines, {"input": PATH, "rows": [...]} or
 * {"input": PATH, "error": "..."} per input, in argument order. Keys are
 * the Value names lower-cased, in Value order.
 */
#ifndef NC_PARSE_H
#define NC_PARSE_H

/*
 * Run the sub-command; argv[0] is "parse". Returns the exit status: 0 all
 * inputs parsed, 1 some input failed (or stdout could not be written), 2
 * a usage, index or template error.
 */
int parse_main(int argc, char **argv);

#endif
