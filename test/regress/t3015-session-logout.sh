#!/usr/bin/env bash
# t3015: netcollect logs out politely: the platform's exit command
# reaches the device before the connection goes (netsim counts it as a
# command: enable, width, paging off, show clock and exit make 5), in
# every mode.
. "$(dirname "$0")/lib.sh"

for mode in process thread serial; do
	netsim_start --devices 1 --base "$TEST_NET.1:0"
	chmod 600 "$T/inv.yaml"
	run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --mode "$mode" "show clock" \
		>"$T/out" 2>"$T/err"
	expect_eq "$mode exit status" 0 $?
	netsim_stop
	expect_eq "$mode commands seen" 5 "$(netsim_stat commands)"
done
