#!/usr/bin/env bash
# Process mode: every fake worker behaviour ends in its own kind and message.
. "$(dirname "$0")/lib.sh"

timeout 30 "$TOOLS/fakepool" -j 7 --timeout-ms 500 --sum \
	ok exit3 crash hang half norecord big1m error garbage badtype \
	oversize hostkey >"$T/out" 2>"$T/err" || fail "fakepool exit $?"
{ grep -v "^max_alive=" "$T/out" | sort -n; grep "^max_alive=" "$T/out"; } >"$T/got"
cat >"$T/want" <<'END'
0 ok 58 59dc5c77 -
1 crashed 0 811c9dc5 exited 3
2 crashed 0 811c9dc5 signal 11
3 timeout 0 811c9dc5 timed out after 500 ms
4 protocol 0 811c9dc5 truncated frame: 50 payload bytes missing at EOF
5 crashed 0 811c9dc5 exited 0 without a result
6 ok 1048576 01e1b328 -
7 auth 0 811c9dc5 authentication failed
8 protocol 0 811c9dc5 bad magic 0x74686973
9 protocol 0 811c9dc5 unknown frame type 99
10 protocol 0 811c9dc5 frame length 1048577 over the limit
11 hostkey [10.0.0.1]:22 ssh-ed25519 AAAAC3Nz
11 ok 58 59dc5c77 -
max_alive=7
END
expect_file_eq "$T/want" "$T/got"
# The host key line comes before its device's result.
expect_eq "hostkey first" "11 hostkey" "$(grep '^11 ' "$T/out" | head -n 1 | cut -d' ' -f1-2)"
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "unexpected diagnostics"; }
exit 0
