#!/usr/bin/env bash
# t3506-live-template: --template FILE parses every command and --template
# CMD=FILE one command (it wins over the FILE for all), in every mode, to
# the rows python3-textfsm's TextFSM.ParseText gives on the same output;
# --parsed-only drops the text of parsed outputs (json: no "output" key;
# text: the aligned table alone) and keeps it where nothing was parsed;
# a template that does not compile is a usage error naming FILE:LINE.
. "$(dirname "$0")/lib.sh"

/usr/bin/python3 -c 'import textfsm' 2>/dev/null || skip "python3-textfsm missing"
cat >"$T/intf.textfsm" <<'TPL'
Value INTF (\S+)
Value STATUS (up|administratively down|down)

Start
  ^${INTF}\s+\S+\s+\S+\s+\S+\s+${STATUS}\s+\S+\s*$$ -> Record
TPL
cat >"$T/words.textfsm" <<'TPL'
Value List WORDS (\S+)
Value Filldown FIRST (\S+)

Start
  ^${FIRST}\s -> Continue
  ^.*?\b${WORDS}\s*$$
TPL
netsim_start --devices 2 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
tp=(--template "$T/words.textfsm" --template "show ip interface brief=$T/intf.textfsm")
for m in process thread serial; do
	run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --mode $m -q --format jsonl "${tp[@]}" \
		-c "show ip interface brief" -c "show version" >"$T/$m.jsonl" 2>"$T/$m.err"
	expect_eq "$m: exit status" 0 $?
	/usr/bin/python3 "$TOP/test/tools/live_check.py" "$T/$m.jsonl" "${tp[@]}" >"$T/check" ||
		fail "$m: $(cat "$T/check")"
	expect_eq "$m: checked" "live_check: 4 outputs, 4 parsed" "$(cat "$T/check")"
	expect_eq "$m: CMD=FILE wins" '{"intf":"GigabitEthernet0/6","status":"administratively down"}' \
		"$(jq -c 'select(.device == "R1") | .outputs[0].parsed[6]' "$T/$m.jsonl")"
done

# --parsed-only, json: parsed outputs lose their text, the others keep it.
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" -q --format jsonl --parsed-only \
	--template "show ip interface brief=$T/intf.textfsm" \
	-c "show ip interface brief" -c "show clock" >"$T/po.jsonl" 2>"$T/po.err"
expect_eq "--parsed-only exit status" 0 $?
expect_eq "--parsed-only keys" '["command","parsed"] ["command","output"]' \
	"$(jq -c 'select(.device == "R1") | .outputs[] | keys' "$T/po.jsonl" | tr '\n' ' ' | sed 's/ $//')"

# --parsed-only, text: the table under the header, nothing else.
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" -q --limit R1 --parsed-only \
	--template "$T/intf.textfsm" "show ip interface brief" >"$T/text" 2>"$T/text.err"
expect_eq "text exit status" 0 $?
cat >"$T/want" <<EOT
=== R1 ($(inv_field 1 ip):$(inv_field 1 port)) ok
INTF                STATUS
GigabitEthernet0/0  up
GigabitEthernet0/1  up
GigabitEthernet0/2  up
GigabitEthernet0/3  up
GigabitEthernet0/4  up
GigabitEthernet0/5  up
GigabitEthernet0/6  administratively down
GigabitEthernet0/7  up
EOT
strip_times "$T/text" >"$T/got"
expect_file_eq "$T/want" "$T/got"

# Text without --parsed-only: the raw output, then the table.
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" -q --limit R1 \
	--template "$T/intf.textfsm" "show ip interface brief" >"$T/text2" 2>/dev/null
ssh_show "$(inv_field 1 ip)" "$(inv_field 1 port)" "show ip interface brief" >"$T/raw"
{ sed -n 1p "$T/want"; cat "$T/raw"; sed 1d "$T/want"; } >"$T/want2"
strip_times "$T/text2" >"$T/got2"
expect_file_eq "$T/want2" "$T/got2"

printf 'Value X (\\S+)\n\nStart\n  ^${Y} -> Record\n' >"$T/bad.textfsm"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --template "show clock=$T/bad.textfsm" "show clock" \
	>/dev/null 2>"$T/err"
expect_eq "bad template: exit status" 2 $?
expect_grep "^netcollect: $T/bad.textfsm:4: " "$T/err"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --parsed-only "show clock" >/dev/null 2>"$T/err"
expect_eq "--parsed-only alone: exit status" 2 $?
expect_grep "^netcollect: --parsed-only needs --textfsm, --use-textfsm or --template$" "$T/err"
exit 0
