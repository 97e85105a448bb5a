#!/usr/bin/env bash
# t4102-inventory-netmiko: a Netmiko ConnectHandler-style device file runs
# as written: device_type cisco_ios_ssh and cisco_xe, Netmiko's timeouts
# and session_log mapped (the transcript lands in that file), its own
# delay settings accepted with ONE notice for the whole file; a *_telnet
# device_type is refused with file:line before anything connects.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0"
cat >"$T/nm.yaml" <<EOF2
routers:
- device_type: cisco_ios_ssh
  ip: $(inv_field 1 ip)
  port: $(inv_field 1 port)
  username: admin
  password: admin
  secret: s3cret
  fast_cli: true
  global_delay_factor: 2
  conn_timeout: 5
  session_log: $T/r1-session.log
- device_type: cisco_xe
  host: $(inv_field 2 ip)
  port: $(inv_field 2 port)
  username: admin
  password: admin
  secret: s3cret
  fast_cli: false
  global_delay_factor: 1
  verbose: false
  auth_timeout: 10
  read_timeout_override: 20
  blocking_timeout: 8
  banner_timeout: 15
  keepalive: 0
  allow_agent: false
EOF2
chmod 600 "$T/nm.yaml"
run_nc -i "$T/nm.yaml" --known-hosts "$T/kh" --format jsonl \
	"show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "the one notice" \
	"netcollect: $T/nm.yaml: Netmiko settings with no effect in netcollect (ignored): fast_cli, global_delay_factor, verbose, banner_timeout, blocking_timeout, keepalive" \
	"$(grep Netmiko "$T/err")"
expect_eq "nothing else but the summary" "" \
	"$(grep -v -e Netmiko -e '^2 devices: 2 ok' "$T/err")"
expect_eq "results" "cisco_ios True|cisco_xe True" \
	"$(/usr/bin/python3 -c 'import json,sys
print("|".join("%s %s" % (r["device_type"], r["ok"] and "UTC" in r["outputs"][0]["output"]) for r in map(json.loads, open(sys.argv[1]))))' "$T/out")"
# The session log is where session_log: says, the session in it.
expect_grep 'show clock' "$T/r1-session.log"
expect_grep 'UTC' "$T/r1-session.log"
expect_eq "session log mode" 600 "$(stat -c %a "$T/r1-session.log")"

# Telnet is refused before anything connects, naming file, line and type.
kill -USR1 "$NETSIM_PID"
sed 's/device_type: cisco_xe$/device_type: cisco_xe_telnet/' "$T/nm.yaml" >"$T/tn.yaml"
chmod 600 "$T/tn.yaml"
run_nc -i "$T/tn.yaml" --known-hosts "$T/kh" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_eq "telnet" \
	"$T/tn.yaml:12:16: routers[1]: device_type 'cisco_xe_telnet': telnet is not supported (netcollect speaks SSH: device_type: cisco_xe)" \
	"$(cat "$T/err")"
netsim_stop
expect_eq "connections" 2 "$(netsim_stat connections)"
