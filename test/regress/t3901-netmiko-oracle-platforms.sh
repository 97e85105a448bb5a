#!/usr/bin/env bash
# t3901: the Netmiko oracle beyond IOS. For NX-OS, EOS, ASA, ProCurve,
# Junos and a Linux host, Debian's Netmiko runs ConnectHandler(...),
# enable() and send_command(), netcollect runs the same commands on the
# same netsim devices, and every output must be byte-identical. Skipped
# when Netmiko is not installed.
. "$(dirname "$0")/lib.sh"
need_netmiko

platforms=(cisco_nxos arista_eos cisco_asa hp_procurve juniper_junos linux)
platform_sets "${platforms[@]}"
netsim_start --devices ${#platforms[@]} --base "$TEST_NET.1:0" \
	--set interfaces=5 "${set_args[@]}"
chmod 600 "$T/inv.yaml"

commands_for()
{
	case $1 in
	juniper_junos) echo "show version|show interfaces terse|show bogus" ;;
	linux) echo "uname -a|hostname|ip -br addr" ;;
	*) echo "show ip interface brief|show version|show bogus command" ;;
	esac
}

cat >"$T/nm.py" <<'PY'
import sys
from netmiko import ConnectHandler
dtype, host, port, user, pw, secret, outdir = sys.argv[1:8]
c = ConnectHandler(device_type=dtype, host=host, port=int(port),
                   username=user, password=pw, secret=secret)
if dtype != "linux":   # Netmiko's linux enable() is sudo -s
    c.enable()
for i, cmd in enumerate(sys.argv[8:], 1):
    with open("%s/%d" % (outdir, i), "w", newline="") as f:
        f.write(c.send_command(cmd))
c.disconnect()
PY

for i in "${!platforms[@]}"; do
	n=$((i + 1))
	p=${platforms[$i]}
	IFS='|' read -r -a cmds <<<"$(commands_for "$p")"
	# netsim's inventory says cisco_ios for every device: set the type.
	/usr/bin/python3 - "$T/inv.yaml" "$n" "$p" "$T/inv$n.yaml" <<'PY'
import sys, yaml
src, n, dtype, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
inv = yaml.safe_load(open(src))
d = inv["routers"][n - 1]
d["device_type"] = dtype
if dtype == "linux":   # Netmiko drives a shell: compare the shell path
    d["shell"] = True
open(dst, "w").write(yaml.safe_dump({"routers": [d]}))
PY
	chmod 600 "$T/inv$n.yaml"
	host=$(inv_field $n ip)
	port=$(inv_field $n port)
	mkdir -p "$T/nm$n"
	timeout 120 "$PY" "$T/nm.py" "$p" "$host" "$port" admin admin s3cret \
		"$T/nm$n" "${cmds[@]}" >"$T/nm$n.log" 2>&1 ||
		{ cat "$T/nm$n.log"; fail "netmiko on $p"; }
	args=()
	for c in "${cmds[@]}"; do args+=(-c "$c"); done
	# jsonl carries each output exactly (files add a final newline); the
	# bogus command's refusal is compared as text, like the rest.
	run_nc -i "$T/inv$n.yaml" --known-hosts "$T/kh" --format jsonl \
		--ignore-device-errors "${args[@]}" >"$T/nc$n.out" 2>"$T/nc$n.err" ||
		{ cat "$T/nc$n.err"; fail "netcollect on $p"; }
	mkdir -p "$T/nc$n"
	"$PY" -c 'import json, sys
r = json.loads(open(sys.argv[1]).readline())
for k, o in enumerate(r["outputs"], 1):
    open("%s/%d" % (sys.argv[2], k), "w", newline="").write(o["output"])' \
		"$T/nc$n.out" "$T/nc$n"
	for k in $(seq 1 ${#cmds[@]}); do
		[ -s "$T/nm$n/$k" ] || fail "$p: Netmiko returned nothing for '${cmds[$((k - 1))]}'"
		expect_file_eq "$T/nm$n/$k" "$T/nc$n/$k"
	done
done
