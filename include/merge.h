/*
 * merge: "netcollect merge [-i INVENTORY] [options] FILE...": the jsonl
 * results of several shards, or of a run and its reruns, as one run: the
 * same output formats (through the run's own sinks), the same summary
 * line and the same exit status. Memory is bounded by one record plus a
 * few dozen bytes per device, not by the size of the run.
 */
#ifndef NC_MERGE_H
#define NC_MERGE_H

/*
 * Run the sub-command; argv[0] is "merge". Returns the exit status: 0
 * every device ok, 1 some failed (kind missing included), 2 usage, an
 * unreadable file or a device claimed twice (nothing written then), 3
 * stdout failed.
 */
int merge_main(int argc, char **argv);

#endif
