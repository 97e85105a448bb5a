#!/usr/bin/env bash
# t8105: --rerun-failed FILE runs only the devices that failed in that
# run (a device's last record counts; a run directory is read through its
# results.jsonl; with --limit and --list-hosts as usual; none failed: an
# empty run, exit 0); merge old new then gives the combined picture, the
# rerun's record replacing the failed one. A file that is not jsonl is a
# usage error.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip "no jq"
netsim_start --devices 6 --base "$TEST_NET.1:0" --set 2,5:fail_first=1
chmod 600 "$T/inv.yaml"
H=(-i "$T/inv.yaml" --host-key-check off)
run_nc "${H[@]}" --format jsonl "show clock" >"$T/run1" 2>/dev/null
expect_eq "run 1: exit" 1 $?
expect_eq "run 1 failed" "R2 R5" "$(jq -r 'select(.ok | not) | .device' "$T/run1" | paste -sd' ')"
run_nc "${H[@]}" --rerun-failed "$T/run1" --list-hosts >"$T/list" 2>"$T/err"
expect_eq "list: exit" 0 $?
expect_eq "list" "R2 R5" "$(paste -sd' ' "$T/list")"
run_nc "${H[@]}" --rerun-failed "$T/run1" --limit R5 --list-hosts >"$T/list" 2>/dev/null
expect_eq "with --limit" "R5" "$(paste -sd' ' "$T/list")"
netsim_stats
c0=$(netsim_stat connections)
run_nc "${H[@]}" --format jsonl --rerun-failed "$T/run1" "show clock" >"$T/run2" 2>"$T/err"
expect_eq "rerun: exit" 0 $?
expect_eq "rerun ran" "R2 R5" "$(jq -r .device "$T/run2" | paste -sd' ')"
expect_grep '^2 devices: 2 ok, 0 failed in ' "$T/err"
netsim_stats
expect_eq "connections of the rerun" 2 $(($(netsim_stat connections) - c0))
run_nc merge -i "$T/inv.yaml" --format jsonl "$T/run1" "$T/run2" >"$T/all" 2>"$T/err"
expect_eq "merge: exit" 0 $?
expect_eq "combined" "R1 R2 R3 R4 R5 R6" "$(jq -r 'select(.ok) | .device' "$T/all" | paste -sd' ')"
expect_file_eq <(grep '"device":"R2"' "$T/run2") <(grep '"device":"R2"' "$T/all")
# A device's last record counts: run1 then run2 concatenated, nothing failed.
cat "$T/run1" "$T/run2" >"$T/both"
run_nc "${H[@]}" --format jsonl --rerun-failed "$T/both" "show clock" >"$T/run3" 2>"$T/err"
expect_eq "none failed: exit" 0 $?
expect_eq "none failed: nothing run" 0 "$(wc -c <"$T/run3")"
expect_grep '^0 devices: 0 ok, 0 failed in ' "$T/err"
# A run directory.
mkdir -p "$T/rd" && cp "$T/run1" "$T/rd/results.jsonl"
run_nc "${H[@]}" --rerun-failed "$T/rd" --list-hosts >"$T/list" 2>/dev/null
expect_eq "run dir" "R2 R5" "$(paste -sd' ' "$T/list")"
# Not a result file, or none.
echo 'not json' >"$T/bad"
run_nc "${H[@]}" --rerun-failed "$T/bad" "show clock" >/dev/null 2>"$T/err"
expect_eq "bad file: exit" 2 $?
expect_grep "^netcollect: --rerun-failed: $T/bad:1: not a netcollect result: " "$T/err"
run_nc "${H[@]}" --rerun-failed "$T/none" "show clock" >/dev/null 2>"$T/err"
expect_eq "no file: exit" 2 $?
expect_eq "no file" "netcollect: --rerun-failed: $T/none: No such file or directory" "$(cat "$T/err")"
