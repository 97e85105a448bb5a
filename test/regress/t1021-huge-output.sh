#!/usr/bin/env bash
# t1021-huge-output: huge_output=N: show running-config is N MB, delivered whole past the 2 MB window
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --fault huge_output=6
printf 'enable\ns3cret\nterminal length 0\nshow running-config\nexit\n' |
	sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "ssh failed: $(cat "$T/err")"
size=$(wc -c <"$T/out")
[ "$size" -gt $((6 * 1024 * 1024)) ] || fail "only $size bytes"
expect_eq "tail" "$(printf 'end\r\n\r\nR1#exit\r')" "$(tail -n 3 "$T/out")"
# Every filler line arrived, in order.
n=$(grep -c '^ip host fill-' "$T/out")
expect_eq "last filler" "$(printf 'fill-%08d' $((n - 1)))" \
	"$(grep '^ip host fill-' "$T/out" | tail -n 1 | cut -d' ' -f3)"
