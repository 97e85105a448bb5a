#!/usr/bin/env bash
# t8108: --rerun-failed FILE names the devices that failed in FILE but are
# not in the inventory in one warning (compressed as host ranges; checked
# before --limit, so a device --limit leaves out is not named); they are
# not run and the exit status is the rerun's own. A FILE that is empty, a
# --format json document, a directory without results.jsonl or unreadable
# is one line and exit 2, nothing run.
. "$(dirname "$0")/lib.sh"
netsim_start --devices 4 --base "$TEST_NET.1:0" --set 2:fail_first=1
chmod 600 "$T/inv.yaml"
H=(-i "$T/inv.yaml" --host-key-check off)
run_nc "${H[@]}" --format jsonl "show clock" >"$T/run1" 2>/dev/null
expect_eq "run 1: exit" 1 $?
for d in R7 R8 R9 sw1; do
	printf '{"device":"%s","ok":false}\n' "$d"
done >>"$T/run1"
printf '{"device":"R10","ok":true}\n' >>"$T/run1"
run_nc "${H[@]}" --rerun-failed "$T/run1" "show clock" >/dev/null 2>"$T/err"
expect_eq "unknown: exit" 0 $?
expect_eq "unknown: warning" "netcollect: --rerun-failed: 4 devices that failed in $T/run1 are not in the inventory, not run: R[7-9],sw1" "$(head -n 1 "$T/err")"
expect_grep '^1 device: 1 ok, 0 failed in ' "$T/err"
# --limit leaves R2 out: it is in the inventory, so not named.
run_nc "${H[@]}" --rerun-failed "$T/run1" --limit R1 --list-hosts >"$T/list" 2>"$T/err"
expect_eq "with --limit: exit" 0 $?
expect_eq "with --limit: nothing" "" "$(cat "$T/list")"
expect_eq "with --limit: warning" "netcollect: --rerun-failed: 4 devices that failed in $T/run1 are not in the inventory, not run: R[7-9],sw1" "$(cat "$T/err")"
# Only an unknown device failed: nothing to run, exit 0; -q hides the warning.
printf '{"device":"R1","ok":true}\n{"device":"X1","ok":false}\n' >"$T/run2"
run_nc "${H[@]}" --format jsonl --rerun-failed "$T/run2" "show clock" >"$T/out" 2>"$T/err"
expect_eq "only unknown: exit" 0 $?
expect_eq "only unknown: nothing run" 0 "$(wc -c <"$T/out")"
expect_eq "only unknown: warning" "netcollect: --rerun-failed: 1 device that failed in $T/run2 is not in the inventory, not run: X1" "$(head -n 1 "$T/err")"
run_nc "${H[@]}" -q --rerun-failed "$T/run2" "show clock" >/dev/null 2>"$T/err"
expect_eq "-q: exit" 0 $?
expect_eq "-q: quiet" "" "$(cat "$T/err")"
# Files that hold no earlier run: one line, exit 2.
bad()
{
	run_nc "${H[@]}" --rerun-failed "$1" "show clock" >"$T/out" 2>"$T/err"
	expect_eq "$1: exit" 2 $?
	expect_eq "$1: message" "$2" "$(cat "$T/err")"
	expect_eq "$1: no output" 0 "$(wc -c <"$T/out")"
}
: >"$T/empty"
bad "$T/empty" "netcollect: --rerun-failed: $T/empty: empty: no results of an earlier run"
printf '\n\n' >"$T/blank"
bad "$T/blank" "netcollect: --rerun-failed: $T/blank: empty: no results of an earlier run"
run_nc "${H[@]}" --format json "show clock" >"$T/doc.json" 2>/dev/null
bad "$T/doc.json" "netcollect: --rerun-failed: $T/doc.json:1: not a netcollect result: string or '}' expected near end of file (jsonl of --format jsonl, or a --run-dir run)"
mkdir "$T/dir"
bad "$T/dir" "netcollect: --rerun-failed: $T/dir/results.jsonl: No such file or directory"
if [ "$(id -u)" != 0 ]; then
	cp "$T/run2" "$T/locked" && chmod 000 "$T/locked"
	bad "$T/locked" "netcollect: --rerun-failed: $T/locked: Permission denied"
fi
# Root reads any file: a read error is the same one line.
bad /proc/self/mem "netcollect: --rerun-failed: /proc/self/mem: Input/output error"
