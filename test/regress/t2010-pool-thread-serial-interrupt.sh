#!/usr/bin/env bash
# Ctrl-C in thread mode: no more devices are handed out; workers get the
# grace to finish, then their devices are interrupted and the threads
# abandoned (a thread cannot be killed). Serial mode stops between devices.
# Both re-raise the signal (130).
. "$(dirname "$0")/lib.sh"

# interrupt_after N ARGS...: SIGINT once N result lines arrived; sets RC.
interrupt_after()
{
	local n=$1 i line
	shift
	coproc FP { exec "$TOOLS/fakepool" "$@" 2>"$T/err"; }
	local pid=$FP_PID
	# bash unsets FP once the coprocess exits: keep our own copy of its fd.
	exec 5<&"${FP[0]}"
	track "$pid"
	: >"$T/out"
	for ((i = 0; i < n; i++)); do
		read -r -t 20 -u 5 line || fail "no result line"
		echo "$line" >>"$T/out"
	done
	kill -INT "$pid"
	timeout 20 cat <&5 >>"$T/out"
	exec 5<&-
	wait "$pid"
	RC=$?
}

ms() { echo $(($(date +%s%N) / 1000000)); }
t0=$(ms)
# The hangs would take 20 s: only the 300 ms grace is waited for.
interrupt_after 1 --mode thread -j 2 --timeout-ms 20000 --grace-ms 300 \
	ok hang hang hang
el=$(($(ms) - t0))
expect_eq "thread exit status" 130 "$RC"
expect_grep '^0 ok 58 -$' "$T/out"
expect_eq "thread interrupted" 3 "$(grep -c ' interrupted 0 interrupted by SIGINT$' "$T/out")"
[ $el -lt 5000 ] || fail "thread mode took $el ms to stop"

# Serial: a device already running finishes (its own 300 ms deadline), the
# rest never start. Device 1 may or may not have started when the signal
# lands, so either outcome is right for it.
interrupt_after 1 --mode serial --timeout-ms 300 ok hang ok ok
expect_eq "serial exit status" 130 "$RC"
{ grep -v '^max_alive=' "$T/out" | sort -n |
	sed 's/^1 interrupted 0 interrupted by SIGINT$/1 timeout 0 timed out after 300 ms/'; } >"$T/got"
cat >"$T/want" <<'END'
0 ok 58 -
1 timeout 0 timed out after 300 ms
2 interrupted 0 interrupted by SIGINT
3 interrupted 0 interrupted by SIGINT
END
expect_file_eq "$T/want" "$T/got"
exit 0
