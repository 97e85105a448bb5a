#!/usr/bin/env bash
# t3902: the Netmiko oracle for configuration pushes. On every platform
# with a configuration mode Debian's Netmiko runs send_config_set() (and
# commit() where lines wait in a candidate, save_config() where there is
# a save), netcollect pushes the same lines with --config-command and
# --save, and its "config" and save outputs must be byte-identical. Also
# on IOS with a refused last line: Netmiko sends every line, netcollect
# stops at the refusal, which is the last, so the transcripts agree.
# Skipped when Netmiko is not installed.
. "$(dirname "$0")/lib.sh"
need_netmiko

platforms=(cisco_ios cisco_nxos arista_eos cisco_asa hp_procurve juniper_junos cisco_xr cisco_ios)
platform_sets "${platforms[@]}"
netsim_start --devices ${#platforms[@]} --base "$TEST_NET.1:0" --set interfaces=3 \
	"${set_args[@]}"

cat >"$T/nm.py" <<'PY'
import sys
from netmiko import ConnectHandler
dtype, host, port, outdir = sys.argv[1:5]
lines = sys.argv[5:]
c = ConnectHandler(device_type=dtype, host=host, port=int(port),
                   username="admin", password="admin", secret="s3cret")
c.enable()
save = None
if dtype == "juniper_junos":
    out = c.send_config_set(lines, exit_config_mode=False)
    out += c.commit(and_quit=True)
elif dtype == "cisco_xr":
    out = c.send_config_set(lines, config_mode_command="configure terminal")
    out += c.commit()
    out += c.exit_config_mode()
else:
    out = c.send_config_set(lines, config_mode_command="configure terminal")
    save = c.save_config(cmd={"cisco_nxos": "copy running-config startup-config",
                              "arista_eos": "copy running-config startup-config"}
                         .get(dtype, "write memory"))
with open(outdir + "/config", "w", newline="") as f:
    f.write(out)
if save is not None:
    with open(outdir + "/save", "w", newline="") as f:
        f.write(save)
c.disconnect()
PY

lines_for()
{
	case $1 in
	juniper_junos) lines=("set system ntp server 127.0.0.9"
		"set interfaces ge-0/0/1 description oracle") ;;
	cisco_xr) lines=("interface GigabitEthernet0/0/0/1" "description oracle") ;;
	*) lines=("interface GigabitEthernet0/1" "description oracle") ;;
	esac
	[ "$2" = ${#platforms[@]} ] && lines+=("ip adress 10.1.1.1 255.0.0.0")
}

# Netmiko spends its time sleeping: all devices at once.
pids=()
for i in "${!platforms[@]}"; do
	n=$((i + 1)) p=${platforms[$i]}
	lines_for "$p" "$n"
	mkdir -p "$T/nm$n" "$T/nc$n"
	timeout 120 "$PY" "$T/nm.py" "$p" "$(inv_field $n ip)" "$(inv_field $n port)" \
		"$T/nm$n" "${lines[@]}" >"$T/nm$n.log" 2>&1 &
	pids[$n]=$!
	track "$!"
done
for i in "${!platforms[@]}"; do
	n=$((i + 1))
	wait "${pids[$n]}" || { cat "$T/nm$n.log"; fail "netmiko on ${platforms[$i]}"; }
done

for i in "${!platforms[@]}"; do
	n=$((i + 1)) p=${platforms[$i]}
	lines_for "$p" "$n"
	awk -v n="$n" -v t="$p" '/^  - name:/ { i++ } i == n { sub(/device_type: .*/, "device_type: " t); print }
		/^routers:/ { print }' "$T/inv.yaml" >"$T/inv$n.yaml"
	chmod 600 "$T/inv$n.yaml"
	args=()
	for l in "${lines[@]}"; do args+=(--config-command "$l"); done
	run_nc -i "$T/inv$n.yaml" --known-hosts "$T/kh" --format jsonl --save \
		"${args[@]}" >"$T/nc$n.out" 2>"$T/nc$n.err"
	rc=$?
	if [ $n = ${#platforms[@]} ]; then
		expect_eq "$p refused: exit status" 1 $rc
		rm -f "$T/nm$n/save" # the refusal stopped netcollect first
	else
		[ $rc = 0 ] || { cat "$T/nc$n.err"; fail "netcollect on $p: exit $rc"; }
	fi
	"$PY" -c 'import json, sys
r = json.loads(open(sys.argv[1]).readline())
for k, o in enumerate(r["outputs"]):
    open("%s/%s" % (sys.argv[2], ["config", "save"][k]), "w", newline="").write(o["output"])' \
		"$T/nc$n.out" "$T/nc$n"
	[ -s "$T/nm$n/config" ] || fail "$p: Netmiko returned nothing"
	expect_file_eq "$T/nm$n/config" "$T/nc$n/config"
	if [ -e "$T/nm$n/save" ] || [ -e "$T/nc$n/save" ]; then
		expect_file_eq "$T/nm$n/save" "$T/nc$n/save"
	fi
done
