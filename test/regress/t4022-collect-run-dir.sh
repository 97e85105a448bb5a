#!/usr/bin/env bash
# t4022-collect-run-dir: --run-dir DIR writes each run to DIR/<UTC time>/
# (sortable names, distinct even within one second) with the per-device
# files and results.jsonl, points DIR/latest at the newest atomically, and
# --keep N removes the oldest runs; an interrupted run does not become
# latest.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
nc() { run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" -q "$@"; }
runs() { (cd "$T/runs" && ls -d 2* 2>/dev/null | xargs); }

nc --run-dir "$T/runs" "show clock" >"$T/out1" 2>&1
expect_eq "run 1: exit status" 0 $?
nc --run-dir "$T/runs" "show clock" >"$T/out2" 2>&1
expect_eq "run 2: exit status" 0 $?
set -- $(runs)
expect_eq "two runs" 2 $#
for r in "$@"; do
	[[ $r =~ ^[0-9]{8}T[0-9]{6}\.[0-9]{6}Z$ ]] || fail "run name $r"
done
[[ $1 < $2 ]] || fail "run names do not sort in time order: $1 $2"
expect_eq "latest" "$2" "$(readlink "$T/runs/latest")"
expect_eq "files" "R1.txt R2.txt R3.txt results.jsonl" "$(ls "$T/runs/latest" | xargs)"
expect_eq "results.jsonl" "R1 R2 R3" "$(jq -r .device "$T/runs/latest/results.jsonl" | xargs)"
expect_eq "stdout unchanged" "3" "$(grep -c '^=== R' "$T/out2")"
expect_eq "R2 file = R2 output" "$(jq -r 'select(.device == "R2") | .outputs[0].output' "$T/runs/$2/results.jsonl")" \
	"$(cat "$T/runs/$2/R2.txt")"

nc --run-dir "$T/runs" --keep 2 "show clock" >/dev/null 2>&1
expect_eq "run 3: exit status" 0 $?
set -- $(runs)
expect_eq "--keep 2" 2 $#
expect_eq "latest after --keep" "$2" "$(readlink "$T/runs/latest")"

# Interrupted: the run is kept but latest stays where it was.
netsim_stop
netsim_start --devices 2 --base "$TEST_NET.1:0" --set 2:latency=20000
chmod 600 "$T/inv.yaml"
before=$(readlink "$T/runs/latest")
mkfifo "$T/trace"
{ exec "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" --trace \
	--run-dir "$T/runs" "show clock" >/dev/null 2>"$T/trace"; } &
nc=$!
track "$nc"
exec 7<"$T/trace"
while IFS= read -r -t 30 line <&7; do
	case $line in "<=== "*) break ;; esac
done
kill -INT "$nc"
cat <&7 >/dev/null
wait "$nc"
expect_eq "interrupted: exit status" 130 $?
expect_eq "latest after an interrupted run" "$before" "$(readlink "$T/runs/latest")"
expect_eq "runs" 3 "$(runs | wc -w)"

nc --keep 2 "show clock" >"$T/out" 2>"$T/err"
expect_eq "--keep without --run-dir" 2 $?
expect_grep "^netcollect: --keep needs --run-dir$" "$T/err"
