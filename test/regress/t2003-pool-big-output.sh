#!/usr/bin/env bash
# 1 MiB of binary output (NULs, header-looking bytes) arrives intact, kept in
# the result or streamed through on_output, in every mode.
. "$(dirname "$0")/lib.sh"

for mode in process thread serial; do
	for stream in "" --stream; do
		timeout 30 "$TOOLS/fakepool" --mode "$mode" $stream --sum -j 2 \
			big1m ok >"$T/out" || fail "$mode $stream: exit $?"
		expect_eq "$mode $stream big1m" "0 ok 1048576 01e1b328 -" \
			"$(grep '^0 ' "$T/out")"
		expect_eq "$mode $stream ok" "1 ok 58 59dc5c77 -" \
			"$(grep '^1 ' "$T/out")"
	done
done
exit 0
