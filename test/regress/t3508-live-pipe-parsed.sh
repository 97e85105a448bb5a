#!/usr/bin/env bash
# t3508-live-pipe-parsed: --pipe-input parsed hands --pipe the command's
# parsed rows as JSON on stdin, in every mode: the output is the filter's,
# "raw" the device's text, "parsed" the rows; a command without a template
# is not piped (its output stays the device's text); --pipe-input without
# --pipe is a usage error.
. "$(dirname "$0")/lib.sh"

cat >"$T/intf.textfsm" <<'TPL'
Value INTF (\S+)
Value STATUS (up|administratively down|down)

Start
  ^${INTF}\s+\S+\s+\S+\s+\S+\s+${STATUS}\s+\S+\s*$$ -> Record
TPL
netsim_start --devices 2 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
for m in process thread serial; do
	run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --mode $m -q --format jsonl \
		--template "show ip interface brief=$T/intf.textfsm" \
		--pipe-input parsed --pipe 'echo "$NC_COMMAND"; cat' \
		-c "show ip interface brief" -c "show clock" >"$T/$m.jsonl" 2>"$T/$m.err"
	expect_eq "$m: exit status" 0 $?
	jq -r 'select(.device == "R1") | .outputs[0].output' "$T/$m.jsonl" >"$T/out"
	expect_eq "$m: the filter's first line" "show ip interface brief" "$(head -1 "$T/out")"
	expect_eq "$m: the filter read the rows" \
		"$(jq -c 'select(.device == "R1") | .outputs[0].parsed' "$T/$m.jsonl")" \
		"$(sed 1d "$T/out" | jq -c .)"
	expect_eq "$m: rows" 8 "$(sed 1d "$T/out" | jq length)"
	jq -r 'select(.device == "R1") | .outputs[0].raw' "$T/$m.jsonl" >"$T/raw"
	expect_grep '^GigabitEthernet0/6  *10\.[0-9.]*  *YES NVRAM  administratively down down$' "$T/raw"
	expect_eq "$m: no template: not piped" 'false|false' \
		"$(jq -r 'select(.device == "R1") | .outputs[1] | "\(has("raw"))|\(.output | startswith("show clock"))"' "$T/$m.jsonl")"
done
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --template "$T/intf.textfsm" --pipe-input parsed \
	"show clock" >/dev/null 2>"$T/err"
expect_eq "--pipe-input without --pipe: exit status" 2 $?
expect_grep "^netcollect: --pipe-input needs --pipe$" "$T/err"
exit 0
