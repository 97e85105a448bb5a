#!/usr/bin/env bash
# t3504-parse-fuzz-differential: 200 random templates and inputs (fixed
# seeds, so the same ones every run) through netcollect and python3-textfsm
# agree: same rows, or the same kind of error. test/tools/tfsm_fuzz.py run
# longer is the differential fuzzer (docs/fuzzing.md).
. "$(dirname "$0")/lib.sh"

/usr/bin/python3 -c 'import textfsm' 2>/dev/null || skip "python3-textfsm missing"
for seed in 12 3504; do
	/usr/bin/python3 -W ignore "$TOP/test/tools/tfsm_fuzz.py" "$NETCOLLECT" \
		-n 100 -s $seed -o "$T/fuzz$seed" >"$T/out$seed" 2>&1 ||
		{ cat "$T/out$seed"; fail "seed $seed: differences kept in $T/fuzz$seed"; }
	tail -1 "$T/out$seed"
	grep -q '^tfsm_fuzz: 100 cases, 0 differences' "$T/out$seed" || fail "seed $seed did not run 100 cases"
done
exit 0
