#!/usr/bin/env bash
# t3022: device quirks netcollect handles, each against netsim's knob,
# the output equal to what the same device without the quirk gives:
# the ASA's \r\n\r line ends; an ANSI-coloured prompt on IOS; an ASA
# without an enable secret ("login" with the user's password); ProCurve's
# "Press any key" and its logout questions (answered y, then n for saving
# an unsaved change: the session log shows both); Junos's {master:0}
# lines stripped and a root login that starts in the shell ("cli" first);
# EOS echoing early and twice with \r\r\n line ends; XR's time line kept.
. "$(dirname "$0")/lib.sh"

# Devices in pairs with one hostname (the generated output follows it):
# the quirk (odd), the plain one (even).
types=(cisco_asa cisco_asa cisco_ios cisco_ios cisco_asa cisco_asa
	hp_procurve hp_procurve juniper_junos juniper_junos juniper_junos
	juniper_junos arista_eos arista_eos cisco_xr cisco_xr)
set_args=()
for i in "${!types[@]}"; do
	set_args+=(--set "$((i + 1)):platform=${types[$i]}"
		--set "$((i + 1)):hostname=Q$((i / 2 * 2 + 1))")
done
netsim_start --devices ${#types[@]} --base "$TEST_NET.1:0" --set interfaces=3 \
	--set fixed_clock=1 "${set_args[@]}" --set 1:eol=crlfcr \
	--set 3:ansi_prompt=1 --set 5:secret= --set 7:press_any_key=1 \
	--set 7:logout_confirm=1 --set 9:chassis=master:0 \
	--set 11:login_shell=1 --set 11:username=root --set 12:username=root \
	--set 13:early_echo=twice --set 13:latency=50 --set 13:eol=crcrlf \
	--set 13:login_delay=300
"${PYTHON:-/usr/bin/python3}" - "$T/inv.yaml" "${types[@]}" >"$T/types.yaml" <<'PY' ||
import sys, yaml
inv = yaml.safe_load(open(sys.argv[1]))
for n, (d, t) in enumerate(zip(inv["routers"], sys.argv[2:]), 1):
    d["device_type"] = t
    d["name"] = "R%d" % n
del inv["routers"][4]["secret"]   # the ASA without a secret
print(yaml.safe_dump(inv), end="")
PY
	fail "could not write the inventory"
chmod 600 "$T/types.yaml"
# outputs N CMD...: device N's outputs of CMD..., one file each: $T/oN.K
outputs()
{
	local n=$1 k=0 args=() c
	shift
	for c in "$@"; do args+=(-c "$c"); done
	run_nc -i "$T/types.yaml" --known-hosts "$T/kh" --limit "R$n" \
		--format jsonl --session-log "$T/logs" "${args[@]}" >"$T/out$n" 2>"$T/err$n" ||
		fail "R$n (${types[$((n - 1))]}): $(tail -1 "$T/err$n")"
	for c in "$@"; do
		jq -j ".outputs[$k].output" "$T/out$n" >"$T/o$n.$k"
		k=$((k + 1))
	done
}
# same N CMD...: device N (the quirk) answers as device N+1 does
same()
{
	local n=$1 k
	shift
	outputs "$n" "$@"
	outputs $((n + 1)) "$@"
	for k in $(seq 0 $(($# - 1))); do
		[ -s "$T/o$n.$k" ] || fail "R$n: no output of '${@:$((k + 1)):1}'"
		expect_file_eq "$T/o$((n + 1)).$k" "$T/o$n.$k"
	done
}
mkdir -p "$T/logs"
same 1 "show ip interface brief" "show privilege"
same 3 "show ip interface brief" "show privilege"
same 5 "show privilege" "show inventory"
expect_eq "asa login" "Current privilege level is 15" "$(cat "$T/o5.0")"
same 7 "show ip interface brief" "show privilege"
run_nc -i "$T/types.yaml" --known-hosts "$T/kh" --limit R7 --session-log "$T/logs" \
	--config-command "snmp-server location lab" >"$T/out" 2>"$T/err" ||
	fail "procurve push: $(cat "$T/err")"
tr -d '\r' <"$T/logs/R7.log" | tail -n 2 >"$T/got"
printf 'Do you want to log out [y/n]? y\nDo you want to save the current configuration [y/n]? n\n' >"$T/want"
expect_file_eq "$T/want" "$T/got"
same 9 "show version" "show interfaces terse"
expect_grep '{master:0}' "$T/logs/R9.log"
same 11 "show version" "show interfaces terse"
expect_grep '^root@Q11:~ # cli' <(tr -d '\r' <"$T/logs/R11.log")
same 13 "show ip interface brief" "show privilege"
same 15 "show version" "show clock"
expect_eq "xr time line" "Sat Mar  3 17:49:03.596 UTC" "$(head -n 1 "$T/o15.0")"
