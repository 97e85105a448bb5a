#!/usr/bin/env bash
# t3014: a device with no password, key file or agent in the inventory
# fails before anything connects: "auth: no password or key for R2 in
# the inventory", while the others run; netsim saw only their connections.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0"
cat >"$T/nopw.yaml" <<YAML
routers:
  - name: R1
    device_type: cisco_ios
    ip: $(inv_field 1 ip)
    port: $(inv_field 1 port)
    username: admin
    password: admin
    secret: s3cret
  - name: R2
    device_type: cisco_ios
    ip: $(inv_field 2 ip)
    port: $(inv_field 2 port)
    username: admin
YAML
chmod 600 "$T/nopw.yaml"
h2="$(inv_field 2 ip):$(inv_field 2 port)"
run_nc -i "$T/nopw.yaml" --known-hosts "$T/kh" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_eq "R2" "R2 ($h2): auth: no password or key for R2 in the inventory" \
	"$(grep '^R2 ' "$T/err")"
netsim_stop
expect_eq "connections" 1 "$(netsim_stat connections)"
