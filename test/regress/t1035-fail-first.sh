#!/usr/bin/env bash
# t1035-fail-first: fail_first=N drops a device's first N connections right
# after accept (as drop_on_connect does), then it serves normally; other
# devices are not touched; every connection counts in connections=.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port --set 2:fail_first=2
for i in 1 2; do
	if printf 'exit\n' | sim "$(port 2)" >"$T/out" 2>"$T/err"; then
		fail "connection $i to R2 was served"
	fi
	expect_grep 'Connection closed\|Connection reset' "$T/err"
done
printf 'exit\n' | sim "$(port 2)" >"$T/out" 2>"$T/err" ||
	fail "third connection to R2: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR2>exit\r\n') "$T/out"
printf 'exit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "R1: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR1>exit\r\n') "$T/out"
netsim_stats
expect_eq connections 4 "$(netsim_stat connections)"
expect_eq max_sessions 1 "$(netsim_stat max_sessions)"
# The knob is checked like any other.
rc=0
"$NETSIM" --devices 1 --set fail_first=x >"$T/o" 2>"$T/e" || rc=$?
expect_eq "bad value status" 2 "$rc"
expect_file_eq <(echo "netsim: --set: bad value for 'fail_first': 'x'") "$T/e"
