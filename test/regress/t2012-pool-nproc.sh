#!/usr/bin/env bash
# A process limit (ulimit -u) costs parallelism, never devices: a fork() or
# pthread_create() that fails with EAGAIN waits for a worker to end and
# tries again. Only with nothing running does a second failure fail the
# device, with one line in its result and nothing else on stderr.
. "$(dirname "$0")/lib.sh"

# RLIMIT_NPROC counts every process of a user and root ignores it: run as
# a uid of our own, which owns no other process.
[ "$(id -u)" = 0 ] || skip "needs root to run as a user of its own"
command -v setpriv >/dev/null && command -v prlimit >/dev/null ||
	skip "needs setpriv and prlimit"
uid=$((60000 + 10#$TEST_NUM % 5000))
as_user() # NPROC CMD...: CMD as $uid with at most NPROC processes
{
	local n=$1
	shift
	timeout 60 prlimit --nproc="$n:$n" -- setpriv --reuid="$uid" --regid="$uid" \
		--clear-groups -- "$@"
}

# fakepool and 2 workers: -j 4 runs 2 at a time, and all 6 are ok. A
# device is in flight until its result is in: one whose worker just ended
# may still be read when the next starts, so 2 or 3 at once, never 4.
for mode in process thread; do
	as_user 3 "$TOOLS/fakepool" --mode $mode -j 4 \
		slow100 slow100 slow100 slow100 slow100 slow100 \
		>"$T/out" 2>"$T/err" || fail "$mode: fakepool exit $?"
	expect_eq "$mode ok" 6 "$(grep -c '^[0-5] ok 58 -$' "$T/out")"
	max=$(sed -n 's/^max_alive=//p' "$T/out")
	[ "$max" -ge 2 ] && [ "$max" -le 3 ] || fail "$mode: max_alive $max"
	expect_eq "$mode stderr" "" "$(cat "$T/err")"
done

# No process to spare at all: every device fails, once, in its result.
# (LeakSanitizer's tracer is a process too: no leak check here.)
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" as_user 1 "$TOOLS/fakepool" -j 2 ok ok >"$T/out" 2>"$T/err" ||
	fail "fakepool exit $?"
why="could not start a worker: Resource temporarily unavailable (too many processes or threads: ulimit -u)"
cat >"$T/want" <<END
0 internal 0 $why
1 internal 0 $why
max_alive=0
END
expect_file_eq "$T/want" "$T/out"
expect_eq "stderr" "" "$(cat "$T/err")"
exit 0
