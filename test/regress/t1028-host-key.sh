#!/usr/bin/env bash
# t1028-host-key: --host-key keeps the host key across restarts (and creates it when missing)
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

netsim_start --devices 1 --base 127.0.0.1:0 --host-key "$T/hostkey"
[ -s "$T/hostkey" ] || fail "host key not created"
fp()
{
	ssh-keyscan -t ed25519 -p "$(port 1)" 127.0.0.1 2>/dev/null | awk '{ print $3 }'
}
a=$(fp)
[ -n "$a" ] || fail "no key scanned"
netsim_stop
netsim_start --devices 1 --base 127.0.0.1:0 --host-key "$T/hostkey"
expect_eq "same key" "$a" "$(fp)"
netsim_stop
netsim_start --devices 1 --base 127.0.0.1:0
[ "$(fp)" != "$a" ] || fail "a generated key equals the saved one"
