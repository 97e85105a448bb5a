#!/usr/bin/env bash
# t3013: device text quoted in an error line has its control bytes
# escaped: a prompt whose terminator an escape byte swallows ("R1" ESC
# ">": a coloured prompt is still recognised, this is no prompt) ends in
# "no prompt ... (last: 'R1\x1b>')", and no ESC reaches stderr.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base "$TEST_NET.1:0" --set $'hostname=R1\e'
# The device's name in the inventory is plain (a name with ESC is refused).
sed -i 's/^\(  - name: \).*/\1R1/' "$T/inv.yaml"
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --read-timeout 1 "show clock" \
	>"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_grep "prompt: no prompt within 1 s (last: 'R1\\\\x1b>')\$" "$T/err"
! grep -q $'\e' "$T/err" || fail "an escape byte reached stderr: $(od -c "$T/err" | head -5)"
