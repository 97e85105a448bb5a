#!/usr/bin/env bash
# t5005-process-reuse: process mode gives the same results whatever
# --process-reuse is (1: a fresh process per device; 2; the default; a
# large one), failures included, and the same as thread mode: a device
# killed at its deadline in a reused worker (R4 hangs after auth) takes
# no other device with it, and the devices after it in the run are ok.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 9 --base "$TEST_NET.1:0" --fault auth_fail:2 \
	--fault hang_after_auth:4 --fault prompt_in_output:6 --fault garbage:8
chmod 600 "$T/inv.yaml"
for run in thread p1 p2 pdefault p1000; do
	case $run in
	thread) args=(--mode thread) ;;
	pdefault) args=(--mode process) ;;
	p*) args=(--mode process --process-reuse "${run#p}") ;;
	esac
	run_nc -i "$T/inv.yaml" --host-key-check off "${args[@]}" -j 2 \
		--timeout 2 --read-timeout 5 --format jsonl -c "show version" \
		-c "show ip interface brief" >"$T/$run.raw" 2>"$T/$run.err"
	expect_eq "$run exit status" 1 $?
	jq -c 'del(.timings, .started, .finished)' "$T/$run.raw" >"$T/$run"
done
expect_eq "kinds" "R1 ok|R2 auth|R3 ok|R4 timeout|R5 ok|R6 ok|R7 ok|R8 ok|R9 ok" \
	"$(jq -r '.device + " " + (if .ok then "ok" else .error.kind end)' "$T/p2" | paste -sd'|')"
for run in p1 pdefault p1000; do
	expect_file_eq "$T/p2" "$T/$run"
done
# Thread mode cannot kill R4's worker: it gives up on it, same message.
expect_file_eq "$T/p2" "$T/thread"

run_nc --process-reuse 0 -i "$T/inv.yaml" "show version" >"$T/out" 2>"$T/err"
expect_eq "reuse 0 status" 2 $?
expect_eq "reuse 0 message" \
	"netcollect: --process-reuse: '0' is not a number from 1 to 1000000" \
	"$(head -n 1 "$T/err")"
exit 0
