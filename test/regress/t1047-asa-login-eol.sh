#!/usr/bin/env bash
# t1047-asa-login-eol: cisco_asa's login command (Username:, Password: not
# echoed) reaches privileged mode with the device's credentials and not
# with wrong ones; with eol=crlfcr every line ends in \r\n\r. Exact bytes.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port \
	--set platform=cisco_asa --set 2:eol=crlfcr
printf '%s\n' login admin nope 'show curpriv' login admin admin \
	'show curpriv' exit | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh: $(cat "$T/err")"
{
	printf '\r\nR1>login\r\nUsername: admin\r\nPassword: \r\nInvalid password\r\n'
	printf 'R1>show curpriv\r\nCurrent privilege level is 1\r\n'
	printf 'R1>login\r\nUsername: admin\r\nPassword: \r\n'
	printf 'R1#show curpriv\r\nCurrent privilege level is 15\r\n'
	printf 'R1#exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"

printf '%s\n' 'terminal pager 0' 'show curpriv' foo exit |
	sim "$(port 2)" >"$T/out" 2>"$T/err" || fail "ssh: $(cat "$T/err")"
{
	printf '\r\n\rR2>terminal pager 0\r\n\r'
	printf 'R2>show curpriv\r\n\rCurrent privilege level is 1\r\n\r'
	printf "R2>foo\r\n\r   ^\r\n\rERROR: %% Invalid input detected at '^' marker.\r\n\r"
	printf 'R2>exit\r\n\r'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
