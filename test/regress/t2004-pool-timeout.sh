#!/usr/bin/env bash
# A hung worker is killed at its deadline and reported as timeout; one that
# ignores SIGTERM is SIGKILLed after the grace. Both within bounds.
. "$(dirname "$0")/lib.sh"

ms() { echo $(($(date +%s%N) / 1000000)); }

t0=$(ms)
timeout 30 "$TOOLS/fakepool" --timeout-ms 300 hang ok >"$T/out" ||
	fail "fakepool exit $?"
el=$(($(ms) - t0))
expect_eq "hang" "0 timeout 0 timed out after 300 ms" "$(grep '^0 ' "$T/out")"
expect_eq "ok" "1 ok 58 -" "$(grep '^1 ' "$T/out")"
[ $el -ge 300 ] && [ $el -lt 1500 ] || fail "hang took $el ms"

t0=$(ms)
timeout 30 "$TOOLS/fakepool" --timeout-ms 200 --grace-ms 300 stubborn \
	>"$T/out" || fail "fakepool exit $?"
el=$(($(ms) - t0))
expect_eq "stubborn" "0 timeout 0 timed out after 200 ms" "$(grep '^0 ' "$T/out")"
[ $el -ge 500 ] && [ $el -lt 2000 ] || fail "stubborn took $el ms"
exit 0
