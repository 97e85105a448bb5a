#!/usr/bin/env bash
# t1020-garbage-prompt-in-output: garbage and prompt_in_output insert their line in the middle of the output
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port --interfaces 5 \
	--fault garbage:1 --fault prompt_in_output:2
printf 'show ip interface brief\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
# 6 lines of output; the garbage is the 4th (line 6 of the transcript).
sed -n 6p "$T/out" | od -An -c | tr -s ' ' >"$T/line4"
printf '\000\001\002\377\376\033[2J\033[1;31mGARBAGE\033[0m\a\033]0;title\a\033[6n\200\233\r\n' |
	od -An -c | tr -s ' ' >"$T/exp4"
expect_file_eq "$T/exp4" "$T/line4"
expect_eq "lines" 10 "$(wc -l <"$T/out")"
printf 'show ip interface brief\nexit\n' | sim "$(port 2)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
expect_eq "prompt line" "$(printf 'R2>\r')" "$(sed -n 6p "$T/out")"
expect_grep '^GigabitEthernet0/2 ' <(sed -n 7p "$T/out")
