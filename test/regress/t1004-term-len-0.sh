#!/usr/bin/env bash
# t1004-term-len-0: terminal length 0 turns paging off
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --config-size 20000
printf 'enable\ns3cret\nterm len 0\nshow running-config\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
expect_no_grep "More" "$T/out"
lines=$(sed -n '/^R1#show running-config\r$/,/^R1#exit\r$/p' "$T/out" | wc -l)
[ "$lines" -gt 500 ] || fail "only $lines lines of show running-config"
expect_grep '^Current configuration : 19973 bytes' "$T/out"
expect_eq "end of config" "$(printf 'end\r\n\r\nR1#exit\r')" "$(tail -n 3 "$T/out")"
