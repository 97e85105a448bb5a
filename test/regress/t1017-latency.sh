#!/usr/bin/env bash
# t1017-latency: latency delays each command's output by the given ms (a timer, not a sleep)
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port --set 1:latency=400
t0=$(date +%s%N)
printf 'show clock\nshow clock\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
ms=$((($(date +%s%N) - t0) / 1000000))
# Three commands (exit included): at least 1.2 s.
[ "$ms" -ge 1200 ] || fail "latency not applied: $ms ms"
expect_eq "clock lines" 2 "$(grep -c ' UTC ' "$T/out")"
# The other device is not slowed down, even while R1 waits.
t0=$(date +%s%N)
printf 'show clock\nshow clock\nexit\n' | sim "$(port 2)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
ms=$((($(date +%s%N) - t0) / 1000000))
[ "$ms" -lt 1200 ] || fail "R2 slow: $ms ms"
