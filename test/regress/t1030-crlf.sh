#!/usr/bin/env bash
# t1030-crlf: Enter may be CR, LF or CR LF: each is one Enter; backspace edits the line
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0
printf 'show privilege\rshow privilege\r\nshow privilege\nshox\177w privilege\r\nexit\r\n' |
	sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "ssh failed: $(cat "$T/err")"
{
	printf '\r\n'
	for i in 1 2 3; do
		printf 'R1>show privilege\r\nCurrent privilege level is 1\r\n'
	done
	printf 'R1>shox\b \bw privilege\r\nCurrent privilege level is 1\r\n'
	printf 'R1>exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
