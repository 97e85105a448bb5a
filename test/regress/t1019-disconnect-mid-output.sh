#!/usr/bin/env bash
# t1019-disconnect-mid-output: disconnect_mid_output drops the connection halfway through the output
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --fault disconnect_mid_output --interfaces 20
rc=0
printf 'term len 0\nshow ip interface brief\nshow clock\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "ssh exited 0 after a dropped connection"
expect_grep '^GigabitEthernet0/8 ' "$T/out"
expect_no_grep 'GigabitEthernet0/9 ' "$T/out"
expect_no_grep 'R1>show clock' "$T/out"
