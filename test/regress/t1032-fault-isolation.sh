#!/usr/bin/env bash
# t1032-fault-isolation: clients that fail auth and leave must never take
# another device's session down with them (libssh flushes a write by
# polling the session's event; with one event shared by all sessions a
# departing client put a healthy session into the error state).
. "$(dirname "$0")/lib.sh"

netsim_start --devices 10 --base "$TEST_NET.1:0" --fault auth_fail:2,4,6,8,10
chmod 600 "$T/inv.yaml"
for run in 1 2 3 4 5 6 7 8 9 10; do
	run_nc -i "$T/inv.yaml" --host-key-check off -q "show running-config" \
		>"$T/out" 2>"$T/err"
	got=$(sed -n 's/^=== \(R[0-9]*\) ([0-9.:]*) \([a-z-]*\) .*/\1 \2/p' "$T/out" | paste -sd' ')
	expect_eq "run $run" \
		"R1 ok R2 auth R3 ok R4 auth R5 ok R6 auth R7 ok R8 auth R9 ok R10 auth" \
		"$got"
done
