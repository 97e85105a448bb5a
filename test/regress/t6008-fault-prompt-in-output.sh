#!/usr/bin/env bash
# t6008: 10 of 50 devices print a line that looks exactly like their
# prompt in the middle of the output (prompt_in_output): they are ok and
# the output is the whole normal one plus that line (the read does not stop
# at it), the 40 others byte-exact, exit 0, nothing left running, all
# modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" \
	--fault "prompt_in_output:$FL_BAD"
chmod 600 "$T/inv.yaml"
for mode in $FL_MODES; do
	fl_nc "$mode" -i "$T/inv.yaml" --known-hosts "$T/kh.$mode" \
		-j "$FL_N" --mode "$mode" --format jsonl "$FL_CMD"
	fl_no_leftovers "$mode"
	expect_eq "$mode exit status" 0 "$FL_RC"
	expect_eq "$mode results" "$FL_N" "$(wc -l <"$T/$mode.out")"
	fl_split "$mode"
	expect_kinds "$mode" ok
	expect_healthy_exact "$mode"
	for n in $(seq "$FL_FIRST" "$FL_LAST"); do
		f=$T/$mode.d/R$n
		expect_eq "$mode R$n prompt lines" 1 "$(grep -c "^R$n#\$" "$f")"
		grep -v "^R$n#\$" "$f" >"$f.rest"
		expect_file_eq "$T/ref.d/R$n" "$f.rest"
	done
done
