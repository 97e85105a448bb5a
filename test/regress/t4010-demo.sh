#!/usr/bin/env bash
# t4010-demo: make demo's script: inventory/lab.yaml serves as netsim's lab
# and netcollect's inventory; 5 devices ok, R3 fails auth, R2 (slow) comes
# last in the trace, and the lab is stopped afterwards.
. "$(dirname "$0")/lib.sh"

cd "$TOP"
BUILD=$BUILD mk/demo.sh >"$T/out" 2>&1
expect_eq "exit status" 0 $?
expect_eq "headers" "R1 ok|R2 ok|R3 auth|SW1 ok|NX1 ok|EDGE1 ok" \
	"$(sed -n 's/^=== \([A-Z0-9]*\) (127\.0\.1\.[1-6]:2222) \([a-z-]*\) .*/\1 \2/p' "$T/out" | paste -sd'|')"
expect_grep '^6 devices: 5 ok, 1 failed (auth 1) in ' "$T/out"
expect_grep '^R3 (127.0.1.3:2222): auth: ' "$T/out"
expect_eq "slow R2 received last" "127.0.1.2" \
	"$(grep '^<=== ' "$T/out" | tail -n 1 | awk '{print $NF}')"
expect_eq "===> lines" 6 "$(grep -c '^===> [0-9:.]* Connection to device: 127\.0\.1\.[1-6]$' "$T/out")"
# R2 has 4 interfaces in the lab file (sim: interfaces: 4).
expect_eq "R2 interfaces" 4 \
	"$(sed -n '/^=== R2 /,/^=== R3 /p' "$T/out" | grep -c '^GigabitEthernet')"
expect_no_grep 'readable by others' "$T/out"
# Nothing of the lab is left listening.
if ss -ltn 2>/dev/null | grep -q '127\.0\.1\.[1-6]:2222 '; then
	fail "the demo lab is still listening"
fi
