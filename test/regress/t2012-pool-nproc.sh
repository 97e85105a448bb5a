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

# fakepool and 2 workers: -j 4 runs 2 at a time, and all 6 are ok. Each
# device's work() span (start and end, monotonic) goes to a file: at most
# 2 of them ever overlap, and 2 do (the limit costs parallelism, and no
# more). (The collector's own count of devices in flight is no measure:
# a device whose worker is done stays in flight until its EOF is read,
# while that worker may already run the next one.)
for mode in process thread; do
	: >"$T/spans"
	chmod 666 "$T/spans" # written by fakepool as $uid
	as_user 3 "$TOOLS/fakepool" --mode $mode -j 4 --span-file "$T/spans" \
		slow100 slow100 slow100 slow100 slow100 slow100 \
		>"$T/out" 2>"$T/err" || fail "$mode: fakepool exit $?"
	expect_eq "$mode ok" 6 "$(grep -c '^[0-5] ok 58 -$' "$T/out")"
	expect_eq "$mode spans" 6 "$(wc -l <"$T/spans")"
	max=$(awk '{ print $1, 1; print $2, -1 }' "$T/spans" | sort -n -k1,1 -k2,2n |
		awk '{ n += $2; if (n > m) m = n } END { print m }')
	expect_eq "$mode: most at once" 2 "$max"
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
