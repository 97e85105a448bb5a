#!/usr/bin/env bash
# -j beyond the open-file hard limit fails at start with one clear line;
# within it the soft limit is raised as needed.
. "$(dirname "$0")/lib.sh"

( ulimit -n 256 && exec "$TOOLS/fakepool" -j 5000 --repeat 5000 ok ) \
	>"$T/out" 2>"$T/err"
expect_eq "status" 1 "$?"
expect_eq "message" "fakepool: -j 5000 needs 10064 open files; the limit is 256" "$(cat "$T/err")"
expect_eq "no results" "max_alive=0" "$(cat "$T/out")"

hard=$(ulimit -Hn)
[ "$hard" = unlimited ] || [ "$hard" -ge 1000 ] || skip "hard limit $hard"
( ulimit -Sn 256 && exec timeout 60 "$TOOLS/fakepool" -j 400 --repeat 400 slow50 ) \
	>"$T/out" 2>"$T/err" || fail "exit $?"
expect_eq "all ok" 400 "$(grep -c ' ok 58 -$' "$T/out")"
exit 0
