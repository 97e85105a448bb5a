#!/usr/bin/env bash
# t1013-sigterm: SIGTERM: exit 0, final stats written, sessions closed
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0
printf 'show clock\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
expect_eq "pid file" "$NETSIM_PID" "$(cat "$T/netsim.pid")"
# A session still open when the signal comes.
mkfifo "$T/in"
sim "$(port 1)" <"$T/in" >"$T/out2" 2>&1 &
track $!
exec 4>"$T/in"
timeout 10 sh -c "until grep -q 'R1>' '$T/out2'; do :; done" || fail "no prompt"
rc=0
netsim_stop || rc=$?
exec 4>&-
expect_eq "exit status" 0 "$rc"
expect_eq connections 2 "$(netsim_stat connections)"
expect_eq commands 2 "$(netsim_stat commands)"
expect_eq sessions 0 "$(netsim_stat sessions)"
expect_eq max_sessions 1 "$(netsim_stat max_sessions)"
