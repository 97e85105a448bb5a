#!/usr/bin/env bash
# t1001-enable: enable, the right secret, privileged prompt: exact bytes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0
printf 'enable\ns3cret\nshow privilege\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
printf '\r\nR1>enable\r\nPassword: \r\nR1#show privilege\r\nCurrent privilege level is 15\r\nR1#exit\r\n' >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
