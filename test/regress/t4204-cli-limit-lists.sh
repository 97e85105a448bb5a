#!/usr/bin/env bash
# t4204-cli-limit-lists: --limit takes Ansible's comma lists (R1,R2) and
# pdsh's host ranges (R[3-5], R[01-12] padded), keeps globs and !
# exclusion, matches a device's name, group or host; a malformed pattern
# is a usage error (exit 2) before any connection.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 12 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"

# names LIMIT...: the devices selected, in inventory order, on one line
names()
{
	local args=() l
	for l in "$@"; do
		args+=(--limit "$l")
	done
	run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl -q \
		"${args[@]}" "show clock" >"$T/out" 2>"$T/err"
	expect_eq "exit status of --limit $*" 0 $?
	jq -r .device "$T/out" | tr '\n' ' ' | sed 's/ $//'
}

expect_eq "R1,R2" "R1 R2" "$(names 'R1,R2')"
expect_eq "R2, R1 (blanks, order)" "R1 R2" "$(names 'R2, R1')"
expect_eq "R[3-5]" "R3 R4 R5" "$(names 'R[3-5]')"
expect_eq "R[1-3,11]" "R1 R2 R3 R11" "$(names 'R[1-3,11]')"
expect_eq "R[01-12] (padded: R01 is not R1)" "R10 R11 R12" "$(names 'R[01-12]')"
expect_eq "glob R1*" "R1 R10 R11 R12" "$(names 'R1*')"
expect_eq "range minus glob" "R2 R3 R4 R5 R6 R7 R8 R9" "$(names 'R[1-12],!R1*')"
expect_eq "repeated --limit" "R4 R9" "$(names R4 'R9')"
expect_eq "only exclusions" "R1 R2 R3 R4 R5 R6 R7 R8 R9 R10" "$(names '!R11,!R12')"
expect_eq "group" "R1 R2 R3 R4 R5 R6 R7 R8 R9 R10 R11 R12" "$(names routers)"
host=$(inv_field 3 ip)
expect_eq "host" "R3" "$(names "$host" | awk '{print $1}')"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --limit 'R[01-09]' "show clock" \
	>"$T/out" 2>"$T/err"
expect_eq "no match exit status" 2 $?
expect_eq "no match message" "netcollect: no device matches --limit" "$(cat "$T/err")"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --limit 'R[1-' "show clock" \
	>"$T/out" 2>"$T/err"
expect_eq "bad pattern exit status" 2 $?
expect_eq "bad pattern message" "netcollect: --limit: 'R[1-': '[' without its ']'
Try 'netcollect --help'." "$(cat "$T/err")"
netsim_stop
expect_eq "connections (only the runs that selected something)" \
	$((2 + 2 + 3 + 4 + 3 + 4 + 8 + 2 + 10 + 12 + 1)) "$(netsim_stat connections)"
