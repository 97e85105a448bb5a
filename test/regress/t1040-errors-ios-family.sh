#!/usr/bin/env bash
# t1040-errors-ios-family: each IOS-family platform answers bad input with
# its own error text, exact bytes: unknown word, unknown first word,
# incomplete, ambiguous, and a privileged command in user mode.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 6 --base 127.0.0.1:0 --per-port \
	--set 2:platform=cisco_nxos --set 3:platform=arista_eos \
	--set 4:platform=cisco_asa --set 5:platform=hp_procurve \
	--set 6:platform=cisco_xr
script='show foo\nfoo\nsh\ne\nconfigure terminal\nexit\n'
q="'"

# check N: device N's transcript of $script equals $T/expN
check()
{
	printf "$script" | sim "$(port "$1")" >"$T/out$1" 2>"$T/err$1" ||
		fail "device $1: ssh failed: $(cat "$T/err$1")"
	expect_file_eq "$T/exp$1" "$T/out$1"
}

{
	printf '\r\nR1>show foo\r\n        ^\r\n'
	printf '%% Invalid input detected at %s^%s marker.\r\n\r\n' "$q" "$q"
	printf 'R1>foo\r\n   ^\r\n'
	printf '%% Invalid input detected at %s^%s marker.\r\n\r\n' "$q" "$q"
	printf 'R1>sh\r\n%% Incomplete command.\r\n\r\n'
	printf 'R1>e\r\n%% Ambiguous command:  "e"\r\n'
	printf 'R1>configure terminal\r\n   ^\r\n'
	printf '%% Invalid input detected at %s^%s marker.\r\n\r\n' "$q" "$q"
	printf 'R1>exit\r\n'
} >"$T/exp1"
check 1

# NX-OS starts privileged: configure terminal works, and exit leaves it.
{
	printf '\r\nR2#show foo\r\n        ^\r\n'
	printf '%% Invalid command at %s^%s marker.\r\n' "$q" "$q"
	printf 'R2#foo\r\n   ^\r\n%% Invalid command at %s^%s marker.\r\n' "$q" "$q"
	printf 'R2#sh\r\n      ^\r\n%% Incomplete command at %s^%s marker.\r\n' "$q" "$q"
	printf 'R2#e\r\n   ^\r\n%% Ambiguous command at %s^%s marker.\r\n' "$q" "$q"
	printf 'R2#configure terminal\r\n'
	printf 'Enter configuration commands, one per line. End with CNTL/Z.\r\n'
	printf 'R2(config)#exit\r\nR2#'
} >"$T/exp2"
check 2

{
	printf '\r\nR3>show foo\r\n%% Invalid input\r\n'
	printf 'R3>foo\r\n%% Invalid input\r\n'
	printf 'R3>sh\r\n%% Incomplete command\r\n'
	printf 'R3>e\r\n%% Ambiguous command\r\n'
	printf 'R3>configure terminal\r\n%% Invalid input (privileged mode required)\r\n'
	printf 'R3>exit\r\n'
} >"$T/exp3"
check 3

{
	printf '\r\nR4>show foo\r\n        ^\r\n'
	printf 'ERROR: %% Invalid input detected at %s^%s marker.\r\n' "$q" "$q"
	printf 'R4>foo\r\n   ^\r\n'
	printf 'ERROR: %% Invalid input detected at %s^%s marker.\r\n' "$q" "$q"
	printf 'R4>sh\r\nERROR: %% Incomplete command\r\n'
	printf 'R4>e\r\nERROR: %% Ambiguous command:  "e"\r\n'
	printf 'R4>configure terminal\r\n   ^\r\n'
	printf 'ERROR: %% Invalid input detected at %s^%s marker.\r\n' "$q" "$q"
	printf 'R4>exit\r\n'
} >"$T/exp4"
check 4

{
	printf '\r\nR5>show foo\r\nInvalid input: foo\r\n'
	printf 'R5>foo\r\nInvalid input: foo\r\n'
	printf 'R5>sh\r\nIncomplete input: sh\r\n'
	printf 'R5>e\r\nAmbiguous input: e\r\n'
	printf 'R5>configure terminal\r\nInvalid input: configure\r\n'
	printf 'R5>exit\r\n'
} >"$T/exp5"
check 5

p=RP/0/RP0/CPU0:R6
{
	printf '\r\n%s#show foo\r\n                      ^\r\n' "$p"
	printf '%% Invalid input detected at %s^%s marker.\r\n\r\n' "$q" "$q"
	printf '%s#foo\r\n                 ^\r\n' "$p"
	printf '%% Invalid input detected at %s^%s marker.\r\n\r\n' "$q" "$q"
	printf '%s#sh\r\n%% Incomplete command.\r\n\r\n' "$p"
	printf '%s#e\r\n%% Ambiguous command:  "e"\r\n' "$p"
	printf '%s#configure terminal\r\n%s(config)#exit\r\n%s#' "$p" "$p" "$p"
} >"$T/exp6"
check 6
