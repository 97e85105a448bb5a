#!/usr/bin/env bash
# t1029-more-keys: at --More--: Enter shows one line, q quits to the prompt
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0
p=$(port 1)
printf 'terminal length 0\nshow version\nexit\n' | sim "$p" >"$T/flat" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
sed -n '/^R1>show version\r$/,/^R1>exit\r$/p' "$T/flat" | sed '1d;$d' >"$T/lines"
printf 'show version\n\nq' | sim "$p" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
bs=$(printf '\b\b\b\b\b\b\b\b\b\b')
{
	printf '\r\nR1>show version\r\n'
	head -n 23 "$T/lines"
	printf ' --More-- %s          %s' "$bs" "$bs"
	sed -n 24p "$T/lines"
	printf ' --More-- %s          %sR1>' "$bs" "$bs"
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
