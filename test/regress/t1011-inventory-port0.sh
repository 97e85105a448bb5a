#!/usr/bin/env bash
# t1011-inventory-port0: port 0 gives each device a free port; the inventory carries it
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base 127.0.0.1:0 --per-port --set 2:platform=arista_eos \
	--set 3:username=ops --set 3:password='p"w' --set 3:secret=en
# Ports differ from one another and from 0.
ports=$(sed -n 's/^ *port: //p' "$T/inv.yaml" | sort -u | grep -vc '^0$')
expect_eq "distinct ports" 3 "$ports"
sed 's/port: [0-9]*/port: P/' "$T/inv.yaml" >"$T/inv.norm"
cat >"$T/exp" <<'INV'
# netsim inventory
routers:
  - name: "R1"
    device_type: cisco_ios
    ip: "127.0.0.1"
    port: P
    username: "admin"
    password: "admin"
    secret: "s3cret"
  - name: "R2"
    device_type: arista_eos
    ip: "127.0.0.1"
    port: P
    username: "admin"
    password: "admin"
    secret: "s3cret"
  - name: "R3"
    device_type: cisco_ios
    ip: "127.0.0.1"
    port: P
    username: "ops"
    password: "p\"w"
    secret: "en"
INV
expect_file_eq "$T/exp" "$T/inv.norm"
for n in 1 2; do
	printf 'exit\n' | sim "$(port $n)" >"$T/out" 2>"$T/err" ||
		fail "R$n: $(cat "$T/err")"
	expect_file_eq <(printf '\r\nR%s>exit\r\n' $n) "$T/out"
done
printf 'exit\n' | PASS='p"w' SIM_USER=ops sim "$(port 3)" >"$T/out" 2>"$T/err" ||
	fail "R3: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR3>exit\r\n') "$T/out"
# Consecutive addresses when not --per-port.
netsim_stop
netsim_start --devices 3 --base "$TEST_NET.1:0"
expect_eq addresses "$TEST_NET.1 $TEST_NET.2 $TEST_NET.3" \
	"$(sed -n 's/^ *ip: "\(.*\)"/\1/p' "$T/inv.yaml" | tr '\n' ' ' | sed 's/ $//')"
printf 'exit\n' | SIM_HOST=$TEST_NET.3 sim "$(port 3)" >"$T/out" 2>"$T/err" ||
	fail "R3: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR3>exit\r\n') "$T/out"
