#!/usr/bin/env bash
# A sink that can no longer deliver results (stdout gone) stops the run
# through must_stop(): nothing more is launched, running workers are
# stopped as after a signal, every device still gets exactly one result,
# and collect_run() returns SIGPIPE, not re-raised (fakepool exits 3, as
# netcollect does). All modes.
. "$(dirname "$0")/lib.sh"

for mode in process thread serial; do
	timeout 30 "$TOOLS/fakepool" --mode $mode -j 2 --timeout-ms 20000 \
		--grace-ms 300 --stop-after 2 ok ok hang hang ok \
		>"$T/out" 2>"$T/err"
	expect_eq "$mode: exit status" 3 "$?"
	{ grep -v '^max_alive=' "$T/out" | sort -n; } >"$T/got"
	cat >"$T/want" <<'END'
0 ok 58 -
1 ok 58 -
2 interrupted 0 the run was stopped
3 interrupted 0 the run was stopped
4 interrupted 0 the run was stopped
END
	expect_file_eq "$T/want" "$T/got"
done
exit 0
