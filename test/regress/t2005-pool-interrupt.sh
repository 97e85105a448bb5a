#!/usr/bin/env bash
# Ctrl-C mid-run: finished results are kept, every other device (running or
# never launched) is interrupted, the signal is re-raised (130; 143 for
# SIGTERM), and no worker process is left. A second SIGINT kills workers that
# ignore SIGTERM at once.
. "$(dirname "$0")/lib.sh"

# run_until_oks SIG NOKS ARGS...: start fakepool, wait for NOKS result lines,
# send SIG, collect everything; sets RC.
run_until_oks()
{
	local sig=$1 n=$2 i line
	shift 2
	rm -f "$T/pids"
	rm -f "$T/err"
	mkfifo "$T/err"
	coproc FP { exec "$TOOLS/fakepool" -v --pid-file "$T/pids" "$@" 2>"$T/err"; }
	local pid=$FP_PID
	# bash unsets FP once the coprocess exits: keep our own copy of its fd.
	exec 5<&"${FP[0]}"
	exec 4<"$T/err"
	track "$pid"
	: >"$T/out"
	for ((i = 0; i < n; i++)); do
		read -r -t 20 -u 5 line || fail "no result line"
		echo "$line" >>"$T/out"
	done
	# The next signal only once the pool has taken the previous one
	# (two pending signals of one kind merge into one).
	local what=stopping
	for s in $sig; do
		kill -"$s" "$pid"
		read -r -t 20 -u 4 line || fail "no reaction to SIG$s"
		expect_eq "log line" "fakepool: SIG$s: $what" "$line"
		what="killing every worker"
	done
	timeout 20 cat <&5 >>"$T/out"
	wait "$pid"
	RC=$?
	exec 4<&- 5<&-
	for p in $(cat "$T/pids"); do
		! kill -0 "$p" 2>/dev/null || fail "worker $p left behind"
	done
}

run_until_oks INT 2 -j 3 --timeout-ms 20000 ok ok hang hang hang hang
expect_eq "exit status" 130 "$RC"
{ grep -v "^max_alive=" "$T/out" | sort -n; grep "^max_alive=" "$T/out"; } >"$T/got"
cat >"$T/want" <<'END'
0 ok 58 -
1 ok 58 -
2 interrupted 0 interrupted by SIGINT
3 interrupted 0 interrupted by SIGINT
4 interrupted 0 interrupted by SIGINT
5 interrupted 0 interrupted by SIGINT
max_alive=3
END
expect_file_eq "$T/want" "$T/got"

run_until_oks TERM 1 -j 3 --timeout-ms 20000 ok hang hang hang hang
expect_eq "exit status" 143 "$RC"
expect_eq "interrupted" 4 "$(grep -c 'interrupted 0 interrupted by SIGTERM$' "$T/out")"

# Workers ignore SIGTERM; the grace is long: only the second press ends them.
ms() { echo $(($(date +%s%N) / 1000000)); }
t0=$(ms)
run_until_oks "INT INT" 1 -j 3 --grace-ms 20000 ok stubborn stubborn
el=$(($(ms) - t0))
expect_eq "exit status" 130 "$RC"
expect_eq "interrupted" 2 "$(grep -c 'interrupted 0 interrupted by SIGINT$' "$T/out")"
[ $el -lt 5000 ] || fail "second SIGINT took $el ms"
exit 0
