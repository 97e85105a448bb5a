#!/usr/bin/env bash
# t3903: the Netmiko oracle on devices with quirks (netsim's knobs):
# an ASA without an enable secret (login), ProCurve's "Press any key"
# and logout questions, XR echoing before its prompt is ready (its time
# lines fixed), Junos's {master:0} lines and a root login in the shell,
# EOS echoing early and twice with \r\r\n line ends, NX-OS with a
# coloured prompt and \r\r\n. Netmiko's send_command() and netcollect
# must return the same bytes. Skipped when Netmiko is not installed.
. "$(dirname "$0")/lib.sh"
need_netmiko

types=(cisco_asa hp_procurve cisco_xr juniper_junos juniper_junos arista_eos cisco_nxos)
platform_sets "${types[@]}"
netsim_start --devices ${#types[@]} --base "$TEST_NET.1:0" --set interfaces=3 \
	"${set_args[@]}" --set 1:secret= --set 2:press_any_key=1 \
	--set 2:logout_confirm=1 --set 3:early_echo=once --set 3:login_delay=500 \
	--set 3:fixed_clock=1 --set 4:chassis=master:0 --set 5:login_shell=1 \
	--set 5:username=root --set 6:early_echo=twice --set 6:latency=100 \
	--set 6:eol=crcrlf --set 6:login_delay=300 --set 7:ansi_prompt=1 \
	--set 7:eol=crcrlf
"$PY" - "$T/inv.yaml" "${types[@]}" >"$T/types.yaml" <<'PY' ||
import sys, yaml
inv = yaml.safe_load(open(sys.argv[1]))
for d, t in zip(inv["routers"], sys.argv[2:]):
    d["device_type"] = t
del inv["routers"][0]["secret"]
print(yaml.safe_dump(inv), end="")
PY
	fail "could not write the inventory"
chmod 600 "$T/types.yaml"

cat >"$T/nm.py" <<'PY'
import sys
from netmiko import ConnectHandler
dtype, host, port, user, secret, outdir = sys.argv[1:7]
c = ConnectHandler(device_type=dtype, host=host, port=int(port),
                   username=user, password="admin", secret=secret)
if dtype not in ("juniper_junos", "cisco_asa"):
    c.enable()
for i, cmd in enumerate(sys.argv[7:], 1):
    with open("%s/%d" % (outdir, i), "w", newline="") as f:
        f.write(c.send_command(cmd))
c.disconnect()
PY

commands_for()
{
	case $1 in
	juniper_junos) echo "show version|show interfaces terse" ;;
	cisco_xr) echo "show version|show ip interface brief" ;;
	*) echo "show privilege|show ip interface brief" ;;
	esac
}

# Netmiko spends its time sleeping: all devices at once.
for i in "${!types[@]}"; do
	n=$((i + 1)) user=admin secret=s3cret
	[ $n = 5 ] && user=root
	[ $n = 1 ] && secret=
	IFS='|' read -r -a cmds <<<"$(commands_for "${types[$i]}")"
	mkdir -p "$T/nm$n" "$T/nc$n"
	timeout 120 "$PY" "$T/nm.py" "${types[$i]}" "$(inv_field $n ip)" \
		"$(inv_field $n port)" "$user" "$secret" "$T/nm$n" "${cmds[@]}" \
		>"$T/nm$n.log" 2>&1 &
	pids[$n]=$!
	track "$!"
done
for i in "${!types[@]}"; do
	n=$((i + 1))
	wait "${pids[$n]}" || { cat "$T/nm$n.log"; fail "netmiko on ${types[$i]} (R$n)"; }
done

for i in "${!types[@]}"; do
	n=$((i + 1))
	IFS='|' read -r -a cmds <<<"$(commands_for "${types[$i]}")"
	args=()
	for c in "${cmds[@]}"; do args+=(-c "$c"); done
	run_nc -i "$T/types.yaml" --known-hosts "$T/kh" --limit "R$n" --format jsonl \
		"${args[@]}" >"$T/nc$n.out" 2>"$T/nc$n.err" ||
		{ cat "$T/nc$n.err"; fail "netcollect on ${types[$i]} (R$n)"; }
	"$PY" -c 'import json, sys
r = json.loads(open(sys.argv[1]).readline())
for k, o in enumerate(r["outputs"], 1):
    open("%s/%d" % (sys.argv[2], k), "w", newline="").write(o["output"])' \
		"$T/nc$n.out" "$T/nc$n"
	for k in $(seq 1 ${#cmds[@]}); do
		[ -s "$T/nm$n/$k" ] || fail "R$n: Netmiko returned nothing for '${cmds[$((k - 1))]}'"
		expect_file_eq "$T/nm$n/$k" "$T/nc$n/$k"
	done
done
