#!/usr/bin/env bash
# t1002-bad-secrets: three wrong enable secrets give % Bad secrets and R1>
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0
printf 'enable\nx\ny\nz\nshow privilege\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
printf '\r\nR1>enable\r\nPassword: \r\nPassword: \r\nPassword: \r\n%% Bad secrets\r\n\r\nR1>show privilege\r\nCurrent privilege level is 1\r\nR1>exit\r\n' >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
