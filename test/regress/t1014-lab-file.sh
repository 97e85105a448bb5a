#!/usr/bin/env bash
# t1014-lab-file: a lab file: per-device names, credentials, platforms and a MOTD with # and >
. "$(dirname "$0")/lib.sh"

cat >"$T/lab.yaml" <<'LAB'
defaults:
  username: netops
  password: lab-pw
  secret: lab-en
devices:
  - hostname: core-sw1
    address: 127.0.0.1
    port: 0
    banner: |
      ######################
      # Authorized use only #
      router> switch# here
      ######################
  - hostname: edge-rtr
    address: 127.0.0.1
    platform: cisco_ios
    password: other
    interfaces: 3
    auth: [password]
LAB
netsim_start --lab "$T/lab.yaml"
printf 'exit\n' | PASS=lab-pw SIM_USER=netops sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "core-sw1: $(cat "$T/err")"
printf '\r\n######################\r\n# Authorized use only #\r\nrouter> switch# here\r\n######################\r\n\r\ncore-sw1>exit\r\n' >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
printf 'enable\nlab-en\nterm len 0\nshow ip interface brief\nexit\n' |
	PASS=other SIM_USER=netops sim "$(port 2)" >"$T/out" 2>"$T/err" ||
	fail "edge-rtr: $(cat "$T/err")"
expect_grep '^edge-rtr#' "$T/out"
expect_eq "interfaces" 3 "$(grep -c '^GigabitEthernet' "$T/out")"
expect_grep '^  - name: "edge-rtr"' "$T/inv.yaml"
expect_grep '^    password: "other"' "$T/inv.yaml"
# Errors name the file, the line and the key.
printf 'devices:\n  - hostname: x\n    latncy: 5\n' >"$T/bad.yaml"
rc=0
"$NETSIM" --lab "$T/bad.yaml" 2>"$T/err" || rc=$?
expect_eq "exit status" 2 "$rc"
expect_file_eq <(echo "netsim: $T/bad.yaml:3: unknown key 'latncy'") "$T/err"
