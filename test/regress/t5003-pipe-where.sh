#!/usr/bin/env bash
# t5003-pipe-where: the --pipe command runs inside the worker: in process
# mode its parent is the forked child (one per device, spread over cores),
# in thread and serial modes it is netcollect itself.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
for mode in process thread serial; do
	{ exec "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" \
		--mode "$mode" --format jsonl --pipe 'echo $PPID' "show clock" \
		>"$T/$mode" 2>"$T/$mode.err"; } &
	nc=$!
	wait "$nc"
	expect_eq "$mode exit status" 0 $?
	parents=$(jq -r '.outputs[0].output' "$T/$mode" | grep -v "^$" | sort -u)
	case $mode in
	process)
		expect_eq "distinct parents" 3 "$(echo "$parents" | wc -l)"
		for p in $parents; do
			[ "$p" != "$nc" ] || fail "process mode ran --pipe in the parent"
		done
		;;
	thread | serial)
		expect_eq "$mode: parent is netcollect" "$nc" "$parents"
		;;
	esac
done
