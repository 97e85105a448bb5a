#!/usr/bin/env bash
# t1003-paging: paging is on by default: --More-- after 23 lines, space, erase
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0
p=$(port 1)
# The reference: the same output with paging off.
printf 'terminal length 0\nshow version\nexit\n' | sim "$p" >"$T/flat" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
printf 'show version\n exit\n' | sim "$p" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
# Build the expected paged transcript from the flat output.
sed -n '/^R1>show version\r$/,/^R1>exit\r$/p' "$T/flat" | sed '1d;$d' >"$T/lines"
expect_eq "version lines" 33 "$(wc -l <"$T/lines")"
expect_eq "first line" "Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.6(2)T, RELEASE SOFTWARE (fc2)" \
	"$(head -n 1 "$T/lines" | tr -d '\r')"
bs=$(printf '\b\b\b\b\b\b\b\b\b\b')
{
	printf '\r\nR1>show version\r\n'
	head -n 23 "$T/lines"
	printf ' --More-- %s          %s' "$bs" "$bs"
	tail -n +24 "$T/lines"
	printf 'R1>exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
