#!/usr/bin/env bash
# t1049-junos-chassis-shell: with chassis=master:0 Junos prints
# {master:0} above each operational prompt and {master:0}[edit] in
# configuration mode; with login_shell root lands in the shell
# ("root@R1:~ # "), whose commands are not the CLI's, and "cli" starts
# the CLI (exit goes back to the shell). Exact bytes.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port \
	--set platform=juniper_junos --set 1:chassis=master:0 \
	--set 2:login_shell=true --set 2:username=root
printf 'set cli screen-length 0\nconfigure\nexit\nexit\n' |
	sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "ssh: $(cat "$T/err")"
{
	printf '\r\n{master:0}\r\nadmin@R1> set cli screen-length 0\r\n'
	printf 'Screen length set to 0\r\n{master:0}\r\nadmin@R1> configure\r\n'
	printf 'Entering configuration mode\r\n\r\n{master:0}[edit]\r\n'
	printf 'admin@R1# exit\r\nExiting configuration mode\r\n\r\n'
	printf '{master:0}\r\nadmin@R1> exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"

printf 'show version\ncli\nshow foo\nexit\nexit\n' |
	SIM_USER=root sim "$(port 2)" >"$T/out" 2>"$T/err" ||
	fail "ssh: $(cat "$T/err")"
{
	printf '\r\nroot@R2:~ # show version\r\nshow: Command not found.\r\n'
	printf 'root@R2:~ # cli\r\nroot@R2> show foo\r\n              ^\r\n'
	printf 'syntax error, expecting <command>.\r\n'
	printf 'root@R2> exit\r\nroot@R2:~ # exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
