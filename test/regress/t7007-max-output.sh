#!/usr/bin/env bash
# t7007: --max-output cuts two devices streaming 300 MB each with
# output-limit while the 18 others are complete and byte-exact, and
# netcollect (parent and children: /usr/bin/time's max RSS) stays far below
# the streamed size, in every mode.
. "$(dirname "$0")/lib.sh"
FL_N=20 FL_FIRST=1 FL_LAST=2 FL_CMD='show running-config'
. "$(dirname "$0")/fault-lib.sh"
[ -x /usr/bin/time ] || skip "no /usr/bin/time"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" \
	--fault "huge_output=300:$FL_BAD"
chmod 600 "$T/inv.yaml"
bound=$((150 * 1024)) # KB: generous (ASan), half of one device's stream
for mode in process thread serial; do
	fl_nc "$mode" -i "$T/inv.yaml" --known-hosts "$T/kh.$mode" -j 20 \
		--mode "$mode" --format jsonl --max-output 2M "$FL_CMD"
	fl_no_leftovers "$mode"
	expect_eq "$mode exit" 1 "$FL_RC"
	fl_split "$mode"
	expect_kinds "$mode" output-limit
	expect_healthy_exact "$mode"
	expect_fault_messages "$mode" output-limit "2097152 bytes"
	/usr/bin/time -f %M -o "$T/$mode.rss" "$NETCOLLECT" -i "$T/inv.yaml" \
		--known-hosts "$T/kh.$mode" -j 20 --mode "$mode" \
		--max-output 2M "$FL_CMD" >/dev/null 2>&1
	rss=$(tail -n 1 "$T/$mode.rss")
	echo "$mode: max RSS $rss KB"
	[ "$rss" -lt "$bound" ] || fail "$mode: max RSS $rss KB >= $bound KB"
done
