#!/usr/bin/env bash
# t3900: the correctness oracle. Debian's Netmiko (python3-netmiko, under
# /usr/bin/python3) runs ConnectHandler(...).enable() and send_command()
# against netsim devices, ncsession runs the same commands against the
# same devices, and every output must be byte-identical. Skipped when
# Netmiko is not installed.
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
need_netmiko
netsim_start --devices 2 --base 127.0.0.1:0 --set interfaces=6 \
	--set 2:banner='#### router> switch# ####'
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | sed -n "${2}p" |
	tr -d "\"'"; }
cat >"$T/nm.py" <<'PY'
import sys
from netmiko import ConnectHandler
host, port, user, pw, secret, outdir = sys.argv[1:7]
c = ConnectHandler(device_type="cisco_ios", host=host, port=int(port),
                   username=user, password=pw, secret=secret)
c.enable()
for i, cmd in enumerate(sys.argv[7:], 1):
    with open("%s/%d" % (outdir, i), "w", newline="") as f:
        f.write(c.send_command(cmd))
c.disconnect()
PY
cmds=('show ip interface brief' 'show version' 'show running-config'
	'show inventory' 'sh ip int br' 'show interfaces' 'show foo bar'
	'terminal width 511')
for d in 1 2; do
	args=("$(dev ip $d)" "$(dev port $d)" "$(dev username $d)"
		"$(dev password $d)" "$(dev secret $d)")
	mkdir -p "$T/nm$d" "$T/nc$d"
	timeout 300 "$PY" "$T/nm.py" "${args[@]}" "$T/nm$d" "${cmds[@]}" \
		>"$T/nm$d.log" 2>&1 || { cat "$T/nm$d.log"; fail "netmiko ($d)"; }
	timeout 30 "$NCS" --host "${args[0]}" --port "${args[1]}" \
		--user "${args[2]}" --password "${args[3]}" \
		--secret "${args[4]}" --known-hosts "$T/kh" --out "$T/nc$d" \
		"${cmds[@]}" >"$T/nc$d.log" 2>&1 ||
		{ cat "$T/nc$d.log"; fail "ncsession ($d)"; }
	for i in $(seq 1 ${#cmds[@]}); do
		expect_file_eq "$T/nm$d/$i" "$T/nc$d/$i"
	done
done
