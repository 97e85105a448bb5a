#!/usr/bin/env bash
# t3502-parse-conformance: every ntc-templates test case (shared/ntc-templates
# beside the repository, or $NTC_TEMPLATES) parses through `netcollect parse
# --textfsm` to exactly its parsed_sample; "make conformance" is the same run
# with every line shown. Skipped when the corpus is not there.
. "$(dirname "$0")/lib.sh"

/usr/bin/python3 -c 'import yaml' 2>/dev/null || skip "python3-yaml missing"
/usr/bin/python3 "$TOP/test/conformance/ntc_conform.py" "$NETCOLLECT" >"$T/out" 2>&1
rc=$?
[ $rc = 77 ] && skip "$(tail -1 "$T/out")"
tail -1 "$T/out"
[ $rc = 0 ] || { grep '^FAIL' "$T/out" | head -20; fail "$(tail -1 "$T/out")"; }
exit 0
