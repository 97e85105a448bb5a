#!/usr/bin/env bash
# Thread mode's trade-off, as documented: a worker that crashes takes the
# whole process with it (status 128+11), unlike process mode where only that
# device fails.
. "$(dirname "$0")/lib.sh"

timeout 30 "$TOOLS/fakepool" --mode thread -j 2 ok crash >"$T/out" 2>&1
expect_eq "thread crash status" 139 "$?"
timeout 30 "$TOOLS/fakepool" --mode process -j 2 ok crash >"$T/out" 2>&1 ||
	fail "process mode: exit $?"
expect_grep '^1 crashed 0 signal 11$' "$T/out"
exit 0
