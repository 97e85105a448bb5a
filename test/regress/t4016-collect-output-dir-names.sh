#!/usr/bin/env bash
# t4016-collect-output-dir-names: file names come from the device name only
# (sanitised: no ':' or '/', no leading '.'); two devices that map to the
# same file, or a name too long for the file system, are refused with one
# line each and exit 2 before any device is contacted or any file written.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
ip=$(inv_field 1 ip) port=$(inv_field 1 port) user=$(inv_field 1 username)
pass=$(inv_field 1 password) secret=$(inv_field 1 secret)
dev() {
	printf -- '- name: "%s"\n  device_type: cisco_ios\n  ip: %s\n  port: %s\n' "$1" "$ip" "$port"
	printf '  username: %s\n  password: %s\n  secret: %s\n' "$user" "$pass" "$secret"
}
inv() {
	{ echo "routers:"; for n in "$@"; do dev "$n"; done; } >"$T/names.yaml"
	chmod 600 "$T/names.yaml"
}
nc() { run_nc -i "$T/names.yaml" --known-hosts "$T/kh" "$@"; }

# A name with ':' (the default name of a device on another port) and '/'.
inv "$ip:$port" "core/sw1" ".hidden"
nc --output-dir "$T/od" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "files" "${ip//./.}_${port}.txt _hidden.txt core_sw1.txt" "$(ls -A "$T/od" | xargs)"

# Two devices, one file: refused before anything runs.
inv "x/y" "x_y" "ok1"
nc --output-dir "$T/od2" "show clock" >"$T/out" 2>"$T/err"
expect_eq "collision: exit status" 2 $?
expect_eq "collision: stderr" "netcollect: --output-dir: device 'x/y' and device 'x_y' would both be saved as $T/od2/x_y.txt: rename one" "$(cat "$T/err")"
expect_eq "collision: no files" "" "$(ls -A "$T/od2")"
expect_eq "collision: stdout" "" "$(cat "$T/out")"

# Two commands of one device, one file.
inv "R1"
nc --output-dir "$T/od3" -c "show clock" -c "show_clock" >"$T/out" 2>"$T/err"
expect_eq "command collision: exit status" 2 $?
expect_eq "command collision: stderr" "netcollect: --output-dir: command 'show clock' of device 'R1' and command 'show_clock' of device 'R1' would both be saved as $T/od3/R1.show_clock.txt: rename one" "$(cat "$T/err")"

# A name longer than the file system allows (255 bytes).
long=$(printf 'r%.0s' $(seq 250))
inv "$long"
nc --output-dir "$T/od4" "show clock" >"$T/out" 2>"$T/err"
expect_eq "long name: exit status" 2 $?
expect_eq "long name: stderr" "netcollect: --output-dir: the file name for device '$long' is too long for $T/od4 (254 bytes, at most 247)" "$(cat "$T/err")"
expect_eq "long name: no files" "" "$(ls -A "$T/od4")"

# The same checks guard --session-log.
inv "x/y" "x_y"
mkdir -p "$T/logs"
nc --session-log "$T/logs" "show clock" >"$T/out" 2>"$T/err"
expect_eq "session-log collision: exit status" 2 $?
expect_eq "session-log collision: stderr" "netcollect: --session-log: device 'x/y' and device 'x_y' would both be saved as $T/logs/x_y.log: rename one" "$(cat "$T/err")"
netsim_stop
expect_eq "devices contacted" 3 "$(netsim_stat connections)"
