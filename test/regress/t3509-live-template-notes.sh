#!/usr/bin/env bash
# t3509: live parsing tells what it could not parse. The commands some
# device had no template for are, besides the stderr notes after the
# summary, the "no_template" array of the --format json summary
# ({command, platform, devices}, [] when every command had one; validated
# against the schema); a --template CMD=FILE whose CMD no device runs is a
# warning naming CMD and FILE before the run. Every mode.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip "no jq"
netsim_start --devices 3 --base "$TEST_NET.1:0" --set 3:platform=arista_eos
chmod 600 "$T/inv.yaml"
mkdir "$T/tpl"
printf 'Value INTF (\\S+)\n\nStart\n  ^${INTF}\\s+\\d -> Record\n' >"$T/tpl/intf.textfsm"
printf 'Template, Hostname, Platform, Command\n\nintf.textfsm, .*, cisco_ios, sh[[ow]] ip int[[erface]] br[[ief]]\n' >"$T/tpl/index"
H=(-i "$T/inv.yaml" --host-key-check off)
for m in process thread serial; do
	run_nc "${H[@]}" --mode "$m" --format json --textfsm "$T/tpl" \
		-c "show ip interface brief" -c "show clock" >"$T/$m.json" 2>"$T/$m.err"
	expect_eq "$m: exit" 0 $?
	expect_eq "$m: no_template" \
		'[{"command":"show clock","platform":"cisco_ios","devices":2},{"command":"show ip interface brief","platform":"arista_eos","devices":1},{"command":"show clock","platform":"arista_eos","devices":1}]' \
		"$(jq -c '.summary.no_template' "$T/$m.json")"
	grep 'TextFSM' "$T/$m.err" >"$T/notes"
	cat >"$T/want" <<-W
		netcollect: no TextFSM template for 'show clock' (cisco_ios: 2 devices)
		netcollect: no TextFSM template for 'show ip interface brief' (arista_eos: 1 device)
		netcollect: no TextFSM template for 'show clock' (arista_eos: 1 device)
	W
	expect_file_eq "$T/want" "$T/notes"
	expect_eq "$m: R1 parsed" 1 "$(jq '[.results[0].outputs[0] | has("parsed")] | length' "$T/$m.json")"
done
# -q: no notes on stderr, the summary still has them.
run_nc "${H[@]}" -q --format json --textfsm "$T/tpl" -c "show clock" >"$T/q.json" 2>"$T/err"
expect_eq "-q: exit" 0 $?
expect_eq "-q: stderr" "" "$(cat "$T/err")"
expect_eq "-q: no_template" 2 "$(jq '.summary.no_template | length' "$T/q.json")"
# Every command had one: [].
run_nc "${H[@]}" --format json --limit R1,R2 --textfsm "$T/tpl" \
	-c "show ip interface brief" >"$T/all.json" 2>"$T/err"
expect_eq "all parsed: exit" 0 $?
expect_eq "all parsed" "[]" "$(jq -c '.summary.no_template' "$T/all.json")"
expect_no_grep 'TextFSM' "$T/err"
# No live parsing: no key.
run_nc "${H[@]}" --format json -c "show clock" >"$T/plain.json" 2>/dev/null
expect_eq "no parsing: no key" false "$(jq '.summary | has("no_template")' "$T/plain.json")"
# A --template for a command nobody runs.
run_nc "${H[@]}" --format jsonl --template "show clok=$T/tpl/intf.textfsm" \
	--template "show ip interface brief=$T/tpl/intf.textfsm" \
	-c "show ip interface brief" -c "show clock" >/dev/null 2>"$T/err"
expect_eq "unused: exit" 0 $?
expect_eq "unused: warning" 1 "$(grep -c -- '--template' "$T/err")"
expect_grep "^netcollect: --template: no device runs 'show clok': $T/tpl/intf.textfsm is not used\$" "$T/err"
# The schema knows the key.
/usr/bin/python3 - "$TOP/docs/netcollect-output.schema.json" "$T" <<'PY' || fail "schema"
import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
for f in ("process.json", "q.json", "all.json", "plain.json"):
    v.validate(json.load(open(sys.argv[2] + "/" + f)))
bad = json.load(open(sys.argv[2] + "/process.json"))
bad["summary"]["no_template"][0]["extra"] = 1
assert not v.is_valid(bad)
PY
