#!/usr/bin/env bash
# t1026-trickle: trickle limits output to N bytes per ms
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --set trickle=20 --config-size 30000
t0=$(date +%s%N)
printf 'enable\ns3cret\nterm len 0\nshow running-config\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
ms=$((($(date +%s%N) - t0) / 1000000))
size=$(wc -c <"$T/out")
# 30 KB at 20 bytes/ms takes at least ~1.5 s (minus one 400-byte burst).
[ "$ms" -ge $(((size - 400) / 20)) ] || fail "$size bytes in $ms ms"
expect_eq "tail" "$(printf 'end\r\n\r\nR1#exit\r')" "$(tail -n 3 "$T/out")"
