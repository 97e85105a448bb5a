#!/usr/bin/env bash
# t1024-exec: an exec request (ssh host cmd) runs one command, no prompt, exit status 0
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0
timeout 30 sshpass -p admin ssh -F /dev/null -o StrictHostKeyChecking=no \
	-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o PubkeyAuthentication=no \
	-p "$(port 1)" admin@127.0.0.1 show inventory >"$T/out" 2>"$T/err" ||
	fail "exec failed: $(cat "$T/err")"
expect_eq "first line" 'NAME: "R1", DESCR: "Cisco IOSv Chassis"' "$(head -n 1 "$T/out" | tr -d '\r')"
expect_eq lines 7 "$(wc -l <"$T/out")"
