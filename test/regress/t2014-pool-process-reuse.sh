#!/usr/bin/env bash
# Process mode reuses a worker process for up to --reuse devices, one after
# another, and still isolates them: a device that crashes, hangs past its
# deadline or ignores SIGTERM ends its own worker only, and the next device
# runs in a fresh one. The pid file has one line per device: the pid of the
# worker that ran it.
. "$(dirname "$0")/lib.sh"

# run NAME ARGS...: fakepool -j 1 (devices in order), its results sorted
# by device, then the workers as letters (A for the first pid, B for the
# next new one, and so on), then its stderr.
run()
{
	local name=$1
	shift
	rm -f "$T/pids"
	timeout 30 "$TOOLS/fakepool" -j 1 --pid-file "$T/pids" "$@" \
		>"$T/$name.out" 2>"$T/$name.err" || fail "$name: fakepool exit $?"
	grep -v '^max_alive=' "$T/$name.out" | sort -n
	awk '!($1 in id) { id[$1] = sprintf("%c", 65 + n++) } { printf "%s", id[$1] } END { print "" }' "$T/pids"
	cat "$T/$name.err"
}

expect_eq "reuse 3" "$(printf '%s\n' '0 ok 58 -' '1 ok 58 -' '2 ok 58 -' \
	'3 ok 58 -' '4 ok 58 -' '5 ok 58 -' '6 ok 58 -' AAABBBC)" \
	"$(run r3 --reuse 3 ok ok ok ok ok ok ok)"
expect_eq "reuse 1" "$(printf '%s\n' '0 ok 58 -' '1 ok 58 -' '2 ok 58 -' ABC)" \
	"$(run r1 --reuse 1 ok ok ok)"
# The default: one worker for all of them.
expect_eq "default" "$(printf '%s\n' '0 ok 58 -' '1 ok 58 -' '2 ok 58 -' AAA)" \
	"$(run rd ok ok ok)"

# A crash ends that device; the worker that ran it is gone.
expect_eq "crash" "$(printf '%s\n' '0 ok 58 -' '1 crashed 0 signal 11' \
	'2 ok 58 -' '3 ok 58 -' AABB)" "$(run crash ok crash ok ok)"
# A worker's non-zero return without a result is that device's failure;
# the worker itself is fine and runs the next one.
expect_eq "exit3" "$(printf '%s\n' '0 ok 58 -' '1 crashed 0 exited 3' \
	'2 ok 58 -' AAA)" "$(run exit3 ok exit3 ok)"
# fatal() in a worker (_exit(2)): that device only.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:allocator_may_return_null=1:log_path=$T/asan"
expect_eq "oom" "$(printf '%s\n' '0 ok 58 -' '1 crashed 0 exited 2' '2 ok 58 -' \
	AAB "fakepool: out of memory allocating $(( (1 << 63) - 1 )) bytes")" \
	"$(run oom ok oom ok)"
# Killed at its deadline, then SIGKILLed after the grace when it ignores
# SIGTERM: the next device gets a new worker.
expect_eq "hang" "$(printf '%s\n' '0 ok 58 -' '1 timeout 0 timed out after 300 ms' \
	'2 ok 58 -' AAB)" "$(run hang --timeout-ms 300 ok hang ok)"
expect_eq "stubborn" "$(printf '%s\n' '0 ok 58 -' '1 timeout 0 timed out after 300 ms' \
	'2 ok 58 -' AAB)" "$(run stubborn --timeout-ms 300 --grace-ms 200 ok stubborn ok)"

# Many devices through few workers: every result once, and at -j 4 with
# --reuse 10 at most 4 workers at once, 40 devices in at least 4 workers.
timeout 60 "$TOOLS/fakepool" -j 4 --reuse 10 --pid-file "$T/pids40" \
	--repeat 40 slow5 >"$T/many" 2>"$T/many.err" || fail "many: exit $?"
expect_eq "many ok" 40 "$(grep -c ' ok 58 -$' "$T/many")"
expect_eq "many once" 40 "$(grep -v '^max_alive' "$T/many" | cut -d' ' -f1 | sort -u | wc -l)"
w=$(sort -u "$T/pids40" | wc -l)
[ "$w" -ge 4 ] && [ "$w" -le 8 ] || fail "many: $w workers"
expect_eq "per worker" "" "$(sort "$T/pids40" | uniq -c | awk '$1 > 10')"
expect_eq "many stderr" "" "$(cat "$T/many.err")"

# A worker that ran its quota is reaped before the next device starts:
# no worker ever sees a zombie sibling (nozombie fails its device if it
# does). With one device at a time this holds at every start.
for reuse in 1 3; do
	timeout 60 "$TOOLS/fakepool" -j 1 --reuse $reuse --repeat 100 nozombie \
		>"$T/nz" 2>"$T/nz.err" || fail "nozombie: exit $?"
	expect_eq "no zombie, reuse $reuse" 100 "$(grep -c ' ok 58 -$' "$T/nz")"
done
# Every worker was reaped before fakepool exited.
expect_eq "workers left" "" "$(pgrep -f -- "$T/pids" || true)"
exit 0
