#!/usr/bin/env bash
# t3023: every CLI platform netsim simulates answers bad input with its
# own error text, and netcollect classifies each as device-error, naming
# the command and quoting the device's line: an unknown word, an unknown
# first word, an incomplete command, an ambiguous one (issue 10). IOS,
# XE, NX-OS, EOS, ASA ("ERROR: %"), ProCurve, XR, Junos (its "'s' is
# ambiguous." was taken for output before).
. "$(dirname "$0")/lib.sh"

netsim_start --devices 8 --base "$TEST_NET.1:0" \
	--set 2:platform=cisco_xe --set 3:platform=cisco_nxos \
	--set 4:platform=arista_eos --set 5:platform=cisco_asa \
	--set 6:platform=hp_procurve --set 7:platform=cisco_xr \
	--set 8:platform=juniper_junos
chmod 600 "$T/inv.yaml"
q="'"

# refused CMD DEVICE=TEXT...: each device refuses CMD with TEXT.
refused()
{
	local cmd=$1 want dev text
	shift
	run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl \
		-c "$cmd" >"$T/out" 2>"$T/err"
	expect_eq "'$cmd': exit status" 1 $?
	for want in "$@"; do
		dev=${want%%=*} text=${want#*=}
		expect_eq "$dev '$cmd': kind" device-error \
			"$(jq -r "select(.device == \"$dev\") | .error.kind" "$T/out")"
		expect_eq "$dev '$cmd': message" "'$cmd' refused: $text" \
			"$(jq -r "select(.device == \"$dev\") | .error.message" "$T/out")"
	done
}

ios="% Invalid input detected at ${q}^${q} marker."
refused "show foo" R1="$ios" R2="$ios" \
	R3="% Invalid command at ${q}^${q} marker." R4="% Invalid input" \
	R5="ERROR: $ios" R6="Invalid input: foo" R7="$ios" \
	R8="syntax error, expecting <command>."
refused "foo" R1="$ios" R2="$ios" \
	R3="% Invalid command at ${q}^${q} marker." R4="% Invalid input" \
	R5="ERROR: $ios" R6="Invalid input: foo" R7="$ios" \
	R8="unknown command."
refused "sh" R1="% Incomplete command." R2="% Incomplete command." \
	R3="% Incomplete command at ${q}^${q} marker." \
	R4="% Incomplete command" R5="ERROR: % Incomplete command" \
	R6="Incomplete input: sh" R7="% Incomplete command." \
	R8="syntax error, expecting <command>."
amb='% Ambiguous command:  "c"'
refused "c" R1="$amb" R2="$amb" R3="% Ambiguous command at ${q}^${q} marker." \
	R4="% Ambiguous command" R5="ERROR: $amb" R6="Ambiguous input: c" \
	R7="$amb"
# Junos: "set" and "show".
refused "s" R8="'s' is ambiguous."
