#!/usr/bin/env bash
# t1024-exec: an exec request (ssh host cmd) runs one command, no prompt, exit status 0
. "$(dirname "$0")/lib.sh"

# sim PORT [ssh options...] < script: one interactive session, raw bytes
# on stdout. The password is $PASS (default admin).
sim()
{
	local port=$1
	shift
	timeout 30 sshpass -p "${PASS:-admin}" ssh -tt -F /dev/null \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
		-o LogLevel="${SIM_LOGLEVEL:-ERROR}" -o PubkeyAuthentication=no \
		-o ConnectTimeout=10 -p "$port" "$@" "${SIM_USER:-admin}@${SIM_HOST:-127.0.0.1}"
}

# port N: the port of the Nth device of the written inventory
port()
{
	sed -n 's/^ *port: //p' "$T/inv.yaml" | sed -n "${1}p"
}

netsim_start --devices 1 --base 127.0.0.1:0
timeout 30 sshpass -p admin ssh -F /dev/null -o StrictHostKeyChecking=no \
	-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o PubkeyAuthentication=no \
	-p "$(port 1)" admin@127.0.0.1 show inventory >"$T/out" 2>"$T/err" ||
	fail "exec failed: $(cat "$T/err")"
expect_eq "first line" 'NAME: "R1", DESCR: "Cisco IOSv Chassis"' "$(head -n 1 "$T/out" | tr -d '\r')"
expect_eq lines 7 "$(wc -l <"$T/out")"
