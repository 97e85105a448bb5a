#!/usr/bin/env bash
# t4026-collect-stdout-stops-run: SIGPIPE semantics without the signal:
# once a write to stdout fails (the reader is gone), no further device is
# contacted and the running ones are ended; exit 3. In every mode.
. "$(dirname "$0")/lib.sh"

for mode in process thread serial; do
	netsim_start --devices 20 --base "$TEST_NET.1:0"
	chmod 600 "$T/inv.yaml"
	# `true` exits at once: the first result's write gets EPIPE.
	run_nc -i "$T/inv.yaml" --known-hosts "$T/kh.$mode" --mode "$mode" -j 1 \
		"show clock" 2>"$T/err.$mode" | true
	expect_eq "$mode: exit status" 3 "${PIPESTATUS[0]}"
	expect_grep '^netcollect: cannot write the results to stdout: Broken pipe (0 of 20 devices written); stopped$' "$T/err.$mode"
	netsim_stop
	expect_eq "$mode: devices contacted" 1 "$(netsim_stat connections)"
done
