#!/usr/bin/env bash
# t4028-collect-slow-reader: a reader of stdout that takes 8 s to start
# reading blocks netcollect's writes; the time waited on the output is not
# the devices': with --timeout 3 every healthy device is still ok, in
# every mode. (The 8 s sleep is the slow reader under test.)
. "$(dirname "$0")/lib.sh"

netsim_start --devices 20 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
for mode in process thread serial; do
	# 20 running-configs of 7 KB fill the 64 KB pipe after a few.
	"$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" --mode $mode -j 5 \
		--timeout 3 "show running-config" 2>"$T/err.$mode" |
		(sleep 8; cat) >"$T/out.$mode"
	expect_eq "$mode: exit status" 0 "${PIPESTATUS[0]}"
	expect_grep '^20 devices: 20 ok, 0 failed in ' "$T/err.$mode"
	expect_eq "$mode: headers" 20 "$(grep -c '^=== R[0-9]* (.*) ok ' "$T/out.$mode")"
done
