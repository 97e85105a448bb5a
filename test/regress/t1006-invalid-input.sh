#!/usr/bin/env bash
# t1006-invalid-input: unknown commands: the caret line and % Invalid input, exact bytes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0
printf 'show foo\nfoo\nshow running-config\nshow\nsh\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
{
	printf '\r\nR1>show foo\r\n'
	printf '        ^\r\n%% Invalid input detected at '"'"'^'"'"' marker.\r\n\r\n'
	printf 'R1>foo\r\n'
	printf '   ^\r\n%% Invalid input detected at '"'"'^'"'"' marker.\r\n\r\n'
	# running-config is a privileged command: invalid in user mode.
	printf 'R1>show running-config\r\n'
	printf '        ^\r\n%% Invalid input detected at '"'"'^'"'"' marker.\r\n\r\n'
	printf 'R1>show\r\n%% Incomplete command.\r\n\r\n'
	printf 'R1>sh\r\n%% Incomplete command.\r\n\r\n'
	printf 'R1>exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
