#!/usr/bin/env bash
# t7008-names-stay-in-their-dir: a device named "../escaped" (or with a
# '/' or a leading '.') writes its session log and its --output-dir file
# inside the directory given, under the same sanitised name, mode 0600.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base "$TEST_NET.1:0"
ip=$(inv_field 1 ip) port=$(inv_field 1 port)
cat >"$T/trav.yaml" <<YAML
routers:
- name: "../escaped"
  device_type: cisco_ios
  ip: $ip
  port: $port
  username: $(inv_field 1 username)
  password: $(inv_field 1 password)
  secret: $(inv_field 1 secret)
YAML
chmod 600 "$T/trav.yaml"
mkdir -p "$T/d/logs"
run_nc -i "$T/trav.yaml" --known-hosts "$T/kh" --session-log "$T/d/logs" \
	--output-dir "$T/d/od" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "nothing outside logs/ and od/" "d/logs d/od" "$(cd "$T" && find d -mindepth 1 -maxdepth 1 | sort | xargs)"
expect_eq "session log" "_._escaped.log" "$(ls -A "$T/d/logs")"
expect_eq "output file" "_._escaped.txt" "$(ls -A "$T/d/od")"
expect_eq "modes" "600 600" "$(stat -c %a "$T/d/logs/_._escaped.log" "$T/d/od/_._escaped.txt" | xargs)"
expect_grep 'show clock' "$T/d/logs/_._escaped.log"
