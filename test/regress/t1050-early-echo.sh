#!/usr/bin/env bash
# t1050-early-echo: what is typed while the device is still busy (here:
# before the first prompt, login_delay) is echoed at once with
# early_echo; "once" (XR) does not echo it again when the CLI reads it,
# "twice" (EOS, NX-OS falling behind) does. Without the knob nothing is
# echoed early. Exact bytes.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base 127.0.0.1:0 --per-port --set login_delay=2000 \
	--set 1:early_echo=once --set 2:early_echo=twice
for n in 1 2 3; do
	printf 'show clock\nexit\n' | sim "$(port $n)" >"$T/out$n" 2>"$T/err$n" &
	pids[$n]=$!
done
for n in 1 2 3; do
	wait "${pids[$n]}" || fail "ssh to $n: $(cat "$T/err$n")"
	sed 's/\*[0-9:.]* UTC [^\r]*/CLOCK/' "$T/out$n" >"$T/got$n"
done
printf 'show clock\r\nexit\r\n\r\nR1>CLOCK\r\nR1>' >"$T/exp1"
expect_file_eq "$T/exp1" "$T/got1"
printf 'show clock\r\nexit\r\n\r\nR2>show clock\r\nCLOCK\r\nR2>exit\r\n' >"$T/exp2"
expect_file_eq "$T/exp2" "$T/got2"
printf '\r\nR3>show clock\r\nCLOCK\r\nR3>exit\r\n' >"$T/exp3"
expect_file_eq "$T/exp3" "$T/got3"
