#!/usr/bin/env bash
# t1041-errors-junos-linux: Junos marks bad input with a caret line and
# says "unknown command." (first word), "syntax error, expecting
# <command>." (a later word or a missing one) or "'s' is ambiguous.";
# in configuration mode a bad statement is "syntax error."; the linux
# shell says "-bash: foo: command not found", or for a word its command
# does not take "uname: extra operand 'x'". Exact bytes.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port \
	--set 1:platform=juniper_junos --set 2:platform=linux
printf 'show foo\nfoo\nshow\ns\nconfigure\nset foo bar\ncommit foo\nexit\nexit\n' |
	sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "junos: $(cat "$T/err")"
{
	printf '\r\nadmin@R1> show foo\r\n               ^\r\n'
	printf 'syntax error, expecting <command>.\r\n'
	printf 'admin@R1> foo\r\n          ^\r\nunknown command.\r\n'
	printf 'admin@R1> show\r\n               ^\r\n'
	printf 'syntax error, expecting <command>.\r\n'
	printf "admin@R1> s\r\n          ^\r\n's' is ambiguous.\r\n"
	printf 'admin@R1> configure\r\nEntering configuration mode\r\n'
	printf '\r\n[edit]\r\nadmin@R1# set foo bar\r\n              ^\r\nsyntax error.\r\n'
	printf '\r\n[edit]\r\nadmin@R1# commit foo\r\n                 ^\r\nsyntax error.\r\n'
	printf '\r\n[edit]\r\nadmin@R1# exit\r\nExiting configuration mode\r\n\r\n'
	printf 'admin@R1> exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"

printf 'foo\nuname x\nexit\n' | sim "$(port 2)" >"$T/out" 2>"$T/err" ||
	fail "linux: $(cat "$T/err")"
{
	printf '\r\nadmin@R2:~$ foo\r\n-bash: foo: command not found\r\n'
	printf "admin@R2:~\$ uname x\r\nuname: extra operand 'x'\r\n"
	printf "Try 'uname --help' for more information.\r\n"
	printf 'admin@R2:~$ exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
