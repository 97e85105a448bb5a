#!/usr/bin/env bash
# t1018-hang-mid-output: hang_mid_output stops halfway through the output and never prompts
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --fault hang_mid_output --interfaces 20
# Feed the commands, then keep stdin open: the session must stall.
mkfifo "$T/in"
sim "$(port 1)" <"$T/in" >"$T/out" 2>"$T/err" &
track $!
exec 4>"$T/in"
printf 'term len 0\nshow ip interface brief\nshow clock\n' >&4
timeout 10 sh -c "until grep -q 'GigabitEthernet0/8 ' '$T/out'; do :; done" ||
	fail "no partial output"
# The output stops after 10 of its 21 lines, for good: nothing follows within 1 s.
timeout 1 sh -c "until grep -q 'GigabitEthernet0/9 \|R1>show clock' '$T/out'; do :; done" &&
	fail "output went on"
exec 4>&-
tail -n 1 "$T/out" | grep -q '^GigabitEthernet0/8 ' || fail "last line: $(tail -n 1 "$T/out")"
