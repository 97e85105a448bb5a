#!/usr/bin/env bash
# t3704: which ssh_config file a device reads: its own ssh_config: (or
# Netmiko's ssh_config_file:), else the one in defaults:, else
# --ssh-config; "none" reads none. Three files send the same host name to
# three different devices, which say who they are in show version.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base 127.0.0.1:0 --per-port
for n in 1 2 3; do
	printf 'Host dev\n  HostName 127.0.0.1\n  Port %s\n' "$(port $n)" >"$T/cfg$n"
done
row() { printf -- '- name: %s\n  device_type: cisco_ios\n  host: %s\n' "$1" "$2"; }
{
	printf 'defaults:\n  username: admin\n  password: admin\n  secret: s3cret\n'
	printf '  ssh_config: %s\nrouters:\n' "$T/cfg1"
	row a dev
	row b dev
	echo "  ssh_config: $T/cfg2"
	row c dev
	echo "  ssh_config_file: $T/cfg3"
	row d 127.0.0.1
	echo "  port: $(port 2)"
	echo "  ssh_config: none"
} >"$T/via.yaml"
chmod 600 "$T/via.yaml"
who() { jq -r --arg d "$1" 'select(.device == $d) | .outputs[0].output' "$T/out" |
	sed -n 's/^\(R[0-9]\) uptime is.*/\1/p'; }
run_nc -i "$T/via.yaml" --ssh-config "$T/cfg3" --known-hosts "$T/kh" \
	--format jsonl 'show version' >"$T/out" 2>"$T/err"
expect_eq "exit" 0 "$?"
expect_eq "a: defaults' file" R1 "$(who a)"
expect_eq "b: its own file" R2 "$(who b)"
expect_eq "c: ssh_config_file" R3 "$(who c)"
expect_eq "d: none" R2 "$(who d)"
# Without defaults' ssh_config: --ssh-config for a, still its own for b.
grep -v "ssh_config: $T/cfg1" "$T/via.yaml" >"$T/via2.yaml"
chmod 600 "$T/via2.yaml"
run_nc -i "$T/via2.yaml" --ssh-config "$T/cfg3" --known-hosts "$T/kh" \
	--format jsonl 'show version' >"$T/out" 2>"$T/err"
expect_eq "exit 2" 0 "$?"
expect_eq "a: --ssh-config" R3 "$(who a)"
expect_eq "b: its own file again" R2 "$(who b)"
# A missing file is named before anything runs.
run_nc -i "$T/via2.yaml" --ssh-config "$T/nope" 'show version' \
	>"$T/out" 2>"$T/err"
expect_eq "missing file exit" 2 "$?"
expect_grep "$T/nope" "$T/err"
