#!/usr/bin/env bash
# t1023-platforms: other platforms: prompts, paging commands and their replies
. "$(dirname "$0")/lib.sh"

netsim_start --devices 6 --base 127.0.0.1:0 --per-port --set 1:platform=juniper_junos \
	--set 2:platform=arista_eos --set 3:platform=cisco_nxos --set 4:platform=linux \
	--set 5:platform=cisco_asa --set 6:platform=hp_procurve
printf 'set cli screen-length 0\nset cli screen-width 511\nset cli complete-on-space off\nshow foo\nexit\n' |
	sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "junos: $(cat "$T/err")"
{
	printf '\r\nadmin@R1> set cli screen-length 0\r\nScreen length set to 0\r\n'
	printf 'admin@R1> set cli screen-width 511\r\nScreen width set to 511\r\n'
	printf 'admin@R1> set cli complete-on-space off\r\nDisabling complete-on-space\r\n'
	printf 'admin@R1> show foo\r\n               ^\r\nsyntax error, expecting <command>.\r\n'
	printf 'admin@R1> exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
printf 'terminal width 511\nterminal length 0\nenable\ns3cret\nexit\n' |
	sim "$(port 2)" >"$T/out" 2>"$T/err" || fail "eos: $(cat "$T/err")"
printf '\r\nR2>terminal width 511\r\nWidth set to 511 columns.\r\nR2>terminal length 0\r\nPagination disabled.\r\nR2>enable\r\nPassword: \r\nR2#exit\r\n' >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
printf 'terminal length 0\nexit\n' | sim "$(port 3)" >"$T/out" 2>"$T/err" ||
	fail "nxos: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR3#terminal length 0\r\nR3#exit\r\n') "$T/out"
printf 'uname -a\nfoo\nexit\n' | sim "$(port 4)" >"$T/out" 2>"$T/err" ||
	fail "linux: $(cat "$T/err")"
printf '\r\nadmin@R4:~$ uname -a\r\nLinux R4 6.1.0-netsim #1 SMP x86_64 GNU/Linux\r\nadmin@R4:~$ foo\r\n-bash: foo: command not found\r\nadmin@R4:~$ exit\r\n' >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
# cisco_asa: terminal pager 0; hp_procurve: no page. Both turn paging off.
printf 'terminal pager 0\nshow version\nexit\n' | sim "$(port 5)" >"$T/out" 2>"$T/err" ||
	fail "asa: $(cat "$T/err")"
expect_grep '^R5>terminal pager 0' "$T/out"
expect_no_grep 'More' "$T/out"
printf 'no page\nshow version\nexit\n' | sim "$(port 6)" >"$T/out" 2>"$T/err" ||
	fail "procurve: $(cat "$T/err")"
expect_grep '^R6>no page' "$T/out"
expect_no_grep 'More' "$T/out"
printf 'show version\nq' | sim "$(port 6)" >"$T/out" 2>"$T/err" ||
	fail "procurve: $(cat "$T/err")"
expect_grep 'More' "$T/out"
