#!/usr/bin/env bash
# 200 devices with -j 7: exactly 7 alive at the peak, never more, all ok;
# 1,000 devices with -j 200 also complete.
. "$(dirname "$0")/lib.sh"

timeout 60 "$TOOLS/fakepool" -j 7 --repeat 200 slow5 >"$T/out" ||
	fail "fakepool exit $?"
expect_eq "last line" "max_alive=7" "$(tail -n 1 "$T/out")"
expect_eq "ok results" 200 "$(grep -c '^[0-9]* ok 58 -$' "$T/out")"
expect_eq "distinct devices" 200 "$(grep ' ok ' "$T/out" | cut -d' ' -f1 | sort -u | wc -l)"

timeout 120 "$TOOLS/fakepool" -j 200 --repeat 1000 ok >"$T/out2" ||
	fail "fakepool exit $?"
expect_eq "ok results" 1000 "$(grep -c '^[0-9]* ok 58 -$' "$T/out2")"
expect_eq "distinct devices" 1000 "$(grep ' ok ' "$T/out2" | cut -d' ' -f1 | sort -u | wc -l)"
max=$(sed -n 's/^max_alive=//p' "$T/out2")
[ "$max" -le 200 ] || fail "max_alive $max > 200"
exit 0
