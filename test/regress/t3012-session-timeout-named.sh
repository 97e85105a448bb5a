#!/usr/bin/env bash
# t3012: a wait stopped by the device's --timeout is kind "timeout" and
# names the stage and the limit: no first prompt within the device's
# --timeout (hang_after_auth), no prompt after a command within it
# (hang_mid_output). Without --timeout the read timeout fires instead:
# "prompt: no prompt within 1 s", "read-timeout: ...".
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base "$TEST_NET.1:0" --fault hang_after_auth:1 \
	--fault hang_mid_output:2
chmod 600 "$T/inv.yaml"
h1="$(inv_field 1 ip):$(inv_field 1 port)"
h2="$(inv_field 2 ip):$(inv_field 2 port)"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --timeout 2 "show version" \
	>"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_eq "R1" "R1 ($h1): timeout: no prompt within 2 s (the device's --timeout)" \
	"$(grep '^R1 ' "$T/err")"
expect_eq "R2" "R2 ($h2): timeout: no prompt after 'show version' within the device's 2 s --timeout" \
	"$(grep '^R2 ' "$T/err")"
expect_grep '^3 devices: 1 ok, 2 failed (timeout 2) in ' "$T/err"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --read-timeout 1 "show version" \
	>"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_eq "R1 read" "R1 ($h1): prompt: no prompt within 1 s" "$(grep '^R1 ' "$T/err")"
expect_eq "R2 read" "R2 ($h2): read-timeout: no prompt after 'show version' within the read timeout" \
	"$(grep '^R2 ' "$T/err")"
