#!/usr/bin/env bash
# t6007: 10 of 50 devices put a line of binary garbage (NUL, invalid
# UTF-8, escape sequences) in the middle of the output: they are still ok,
# their output is the normal one plus that line (JSON stays valid, invalid
# UTF-8 becomes U+FFFD), the 40 others byte-exact, exit 0, nothing left
# running, all modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" --fault "garbage:$FL_BAD"
chmod 600 "$T/inv.yaml"
printf '\0\1\2\357\277\275\357\277\275\033[2J\033[1;31mGARBAGE\033[0m\a\033]0;title\a\033[6n\357\277\275\357\277\275\n' >"$T/garbage"
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
		expect_eq "R$n garbage lines" 1 "$(grep -c GARBAGE "$f")"
		grep -a GARBAGE "$f" | cmp -s - "$T/garbage" ||
			{ grep -a GARBAGE "$f" | od -c | head >&2; fail "$mode: R$n garbage line"; }
		grep -av GARBAGE "$f" >"$f.rest"
		expect_file_eq "$T/ref.d/R$n" "$f.rest"
	done
done
