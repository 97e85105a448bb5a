#!/usr/bin/env bash
# Thread and serial modes give the same results as process mode for every
# behaviour that makes sense there (not crash, garbage or half a record,
# which break or kill an in-process worker).
. "$(dirname "$0")/lib.sh"

set -- ok exit3 hang norecord big1m error hostkey slow50 flood ok
for mode in process thread serial; do
	timeout 30 "$TOOLS/fakepool" --mode "$mode" -j 4 --timeout-ms 300 \
		--max-output 2000000 --sum "$@" >"$T/$mode.out" 2>"$T/$mode.err" ||
		fail "$mode: exit $?"
	grep -v '^max_alive=' "$T/$mode.out" | sort -n >"$T/$mode"
done
cat >"$T/want" <<'END'
0 ok 58 59dc5c77 -
1 crashed 0 811c9dc5 exited 3
2 timeout 0 811c9dc5 timed out after 300 ms
3 crashed 0 811c9dc5 exited 0 without a result
4 ok 1048576 01e1b328 -
5 auth 0 811c9dc5 authentication failed
6 hostkey [10.0.0.1]:22 ssh-ed25519 AAAAC3Nz
6 ok 58 59dc5c77 -
7 ok 58 59dc5c77 -
8 output-limit 2000000 1dbccfc5 output exceeded 2000000 bytes
9 ok 58 59dc5c77 -
END
for mode in process thread serial; do
	expect_file_eq "$T/want" "$T/$mode"
done
expect_eq "serial max_alive" "max_alive=1" "$(tail -n 1 "$T/serial.out")"
exit 0
