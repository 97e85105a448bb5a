#!/usr/bin/env bash
# t3507-live-parse-error: a template whose Error action fires on an output
# fails the device as kind parse, in every mode: exit 1, the output keeps
# its raw text and gains "parse_error" (no "parsed"), the later commands
# still run and are parsed, the summary names the device and the template
# line; text format prints "parse error: ..." under the raw output.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

cat >"$T/err.textfsm" <<'TPL'
Value TIME (\S+)

Start
  ^\*${TIME} -> Error "no clock here"
TPL
cat >"$T/intf.textfsm" <<'TPL'
Value INTF (\S+)

Start
  ^${INTF}\s+\d -> Record
TPL
netsim_start --devices 2 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
tp=(--template "show clock=$T/err.textfsm" --template "show ip interface brief=$T/intf.textfsm")
for m in process thread serial; do
	run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --mode $m --format jsonl "${tp[@]}" \
		-c "show clock" -c "show ip interface brief" >"$T/$m.jsonl" 2>"$T/$m.err"
	expect_eq "$m: exit status" 1 $?
	expect_eq "$m: kinds" "parse parse" "$(jq -r '.error.kind' "$T/$m.jsonl" | tr '\n' ' ' | sed 's/ $//')"
	expect_eq "$m: R1's clock keys" '["command","output","parse_error"]' \
		"$(jq -c 'select(.device == "R1") | .outputs[0] | keys' "$T/$m.jsonl")"
	jq -r 'select(.device == "R1") | .outputs[0].output' "$T/$m.jsonl" >"$T/raw"
	expect_grep '^\*[0-9:.]* UTC ' "$T/raw"
	expect_grep "^R1 ([0-9.:]*): parse: TextFSM on 'show clock': $T/err.textfsm:4: Error action: \"no clock here\" at input line 1: \\*" "$T/$m.err"
	expect_grep '^2 devices: 0 ok, 2 failed (parse 2) in ' "$T/$m.err"
	expect_eq "$m: next command parsed" 8 \
		"$(jq 'select(.device == "R1") | .outputs[1].parsed | length' "$T/$m.jsonl")"
done
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" -q --limit R1 "${tp[@]}" "show clock" >"$T/text"
expect_eq "text exit status" 1 $?
expect_eq "text lines" 3 "$(wc -l <"$T/text")"
expect_grep '^=== R1 ([0-9.:]*) parse [0-9.]*s$' "$T/text"
expect_grep '^\*[0-9:.]* UTC ' "$T/text"
expect_grep "^parse error: $T/err.textfsm:4: Error action: \"no clock here\" at input line 1: \\*" "$T/text"
exit 0
