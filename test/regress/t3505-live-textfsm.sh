#!/usr/bin/env bash
# t3505-live-textfsm: --textfsm DIR (ntc-templates) parses every command
# that has a template for the device's device_type, in the worker, in each
# mode: the parsed rows equal python3-textfsm's clitable on the same raw
# output, the raw output is kept, a command without a template has no
# "parsed" key and the summary says so once; --use-textfsm finds DIR as
# Netmiko does ($NET_TEXTFSM, its templates/ subdirectory). Skipped when
# the ntc-templates corpus is not there.
. "$(dirname "$0")/lib.sh"

/usr/bin/python3 -c 'import textfsm' 2>/dev/null || skip "python3-textfsm missing"
NTC=${NTC_TEMPLATES:-$TOP/../shared/ntc-templates}
[ -f "$NTC/templates/index" ] || NTC=$TOP/../../shared/ntc-templates
[ -f "$NTC/templates/index" ] || skip "no ntc-templates corpus (set NTC_TEMPLATES)"

netsim_start --devices 2 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
cmds=(-c "show ip interface brief" -c "show version" -c "show clock" -c "show running-config")
for m in process thread serial; do
	run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --mode $m --format jsonl \
		--textfsm "$NTC/templates" "${cmds[@]}" >"$T/$m.jsonl" 2>"$T/$m.err"
	expect_eq "$m: exit status" 0 $?
	/usr/bin/python3 "$TOP/test/tools/live_check.py" "$T/$m.jsonl" \
		--index "$NTC/templates" >"$T/check" || fail "$m: $(cat "$T/check")"
	expect_eq "$m: checked" "live_check: 8 outputs, 6 parsed" "$(cat "$T/check")"
	expect_eq "$m: no template, said once" \
		"netcollect: no TextFSM template for 'show running-config' (cisco_ios: 2 devices)" \
		"$(grep 'TextFSM' "$T/$m.err")"
	expect_eq "$m: rows of R1's interfaces" 8 \
		"$(jq 'select(.device == "R1") | .outputs[0].parsed | length' "$T/$m.jsonl")"
	expect_eq "$m: raw output kept" "$(ssh_show "$(inv_field 1 ip)" "$(inv_field 1 port)" "show ip interface brief")" \
		"$(jq -r 'select(.device == "R1") | .outputs[0].output' "$T/$m.jsonl")"
done
expect_eq "modes agree on the rows" "$(jq -c '[.device, [.outputs[0,1].parsed]]' "$T/process.jsonl")" \
	"$(jq -c '[.device, [.outputs[0,1].parsed]]' "$T/thread.jsonl")"

# --use-textfsm: $NET_TEXTFSM naming the corpus' top (Netmiko adds templates/).
NET_TEXTFSM=$NTC run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" -q --format jsonl \
	--use-textfsm -c "show clock" >"$T/env.jsonl" 2>"$T/env.err"
expect_eq "--use-textfsm exit status" 0 $?
/usr/bin/python3 "$TOP/test/tools/live_check.py" "$T/env.jsonl" \
	--index "$NTC/templates" >"$T/check" || fail "--use-textfsm: $(cat "$T/check")"
expect_eq "--use-textfsm checked" "live_check: 2 outputs, 2 parsed" "$(cat "$T/check")"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --textfsm "$T/nowhere" "show clock" >/dev/null 2>"$T/err"
expect_eq "missing index: exit status" 2 $?
expect_grep "^netcollect: $T/nowhere/index: " "$T/err"
exit 0
