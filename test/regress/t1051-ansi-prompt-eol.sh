#!/usr/bin/env bash
# t1051-ansi-prompt-eol: ansi_prompt wraps every prompt in colour
# escapes (ESC[01;32m ... ESC[00m); eol=crcrlf ends lines in \r\r\n, as
# NX-OS and EOS do. Exact bytes, on two platforms.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port \
	--set ansi_prompt=yes --set eol=crcrlf --set 2:platform=linux
on=$'\033[01;32m' off=$'\033[00m'
printf 'enable\ns3cret\nshow privilege\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh: $(cat "$T/err")"
printf '\r\r\n%sR1>%senable\r\r\nPassword: \r\r\n%sR1#%sshow privilege\r\r\nCurrent privilege level is 15\r\r\n%sR1#%sexit\r\r\n' \
	"$on" "$off" "$on" "$off" "$on" "$off" >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
printf 'hostname\nexit\n' | sim "$(port 2)" >"$T/out" 2>"$T/err" ||
	fail "ssh: $(cat "$T/err")"
printf '\r\r\n%sadmin@R2:~$ %shostname\r\r\nR2\r\r\n%sadmin@R2:~$ %sexit\r\r\n' \
	"$on" "$off" "$on" "$off" >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
