#!/usr/bin/env bash
# Results are delivered in completion order, at once: a slow device does not
# hold back the fast ones (the sink does the input ordering).
. "$(dirname "$0")/lib.sh"

for mode in process thread; do
	timeout 30 "$TOOLS/fakepool" --mode "$mode" -j 3 slow400 ok slow100 \
		>"$T/out" || fail "$mode: exit $?"
	expect_eq "$mode order" "1 2 0" "$(cut -d' ' -f1 "$T/out" | head -n 3 | tr '\n' ' ' | sed 's/ $//')"
done
timeout 30 "$TOOLS/fakepool" --mode serial slow200 ok slow100 >"$T/out" ||
	fail "serial: exit $?"
expect_eq "serial order" "0 1 2" "$(cut -d' ' -f1 "$T/out" | head -n 3 | tr '\n' ' ' | sed 's/ $//')"
exit 0
