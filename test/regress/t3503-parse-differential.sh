#!/usr/bin/env bash
# t3503-parse-differential: hand-written templates covering every Value
# option (and their order), action, state and EOF combination, the regex
# dialect points (lookbehind, lazy and quantified groups, Unicode \d \s \w,
# names over 32 characters, $$, nested List groups) and the template
# errors, plus an index with completion, prefix matching, first-row-wins
# and multi-template merges: netcollect and python3-textfsm agree on every
# one (the same rows, or the same kind of error).
. "$(dirname "$0")/lib.sh"

/usr/bin/python3 -c 'import textfsm' 2>/dev/null || skip "python3-textfsm missing"
/usr/bin/python3 -W ignore "$TOP/test/tools/tfsm_diff.py" "$NETCOLLECT" \
	"$TOP/test/textfsm/cases" "$TOP/test/textfsm/index" >"$T/out" 2>&1
rc=$?
tail -1 "$T/out"
[ $rc = 0 ] || { cat "$T/out"; fail "netcollect and python3-textfsm differ"; }
n=$(tail -1 "$T/out" | sed -n 's/^tfsm_diff: \([0-9]*\) checks.*/\1/p')
[ "${n:-0}" -ge 40 ] || fail "only ${n:-0} checks ran"
exit 0
