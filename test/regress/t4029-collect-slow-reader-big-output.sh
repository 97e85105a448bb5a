#!/usr/bin/env bash
# t4029-collect-slow-reader-big-output: outputs larger than a pipe holds
# (300 KB running-configs) block the worker on its frames while netcollect
# waits for a slow reader of stdout; that time is not the device's: with
# --timeout 2 and the reader starting after 6 s, the second command still
# runs within its budget and every device is ok, in every mode. (The 6 s
# sleep is the slow reader under test.)
. "$(dirname "$0")/lib.sh"

netsim_start --devices 4 --base "$TEST_NET.1:0" --config-size 300000
chmod 600 "$T/inv.yaml"
for mode in process thread serial; do
	"$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" --mode $mode -j 4 \
		--timeout 2 -c "show running-config" -c "show version" \
		2>"$T/err.$mode" | (sleep 6; cat) >"$T/out.$mode"
	expect_eq "$mode: exit status" 0 "${PIPESTATUS[0]}"
	expect_grep '^4 devices: 4 ok, 0 failed in ' "$T/err.$mode"
	expect_eq "$mode: headers" 4 "$(grep -c '^=== R[0-9]* (.*) ok ' "$T/out.$mode")"
	expect_eq "$mode: uptime lines" 4 "$(grep -c ' uptime is ' "$T/out.$mode")"
done
exit 0
