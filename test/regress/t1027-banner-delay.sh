#!/usr/bin/env bash
# t1027-banner-delay: banner_delay holds the SSH identification string
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

netsim_start --devices 1 --base 127.0.0.1:0 --set banner_delay=600
t0=$(date +%s%N)
exec 3<>"/dev/tcp/127.0.0.1/$(port 1)"
read -r -t 10 banner <&3 || fail "no banner"
ms=$((($(date +%s%N) - t0) / 1000000))
exec 3<&-
expect_eq banner "SSH-2.0-Cisco-1.25" "$(printf '%s' "$banner" | tr -d '\r')"
[ "$ms" -ge 600 ] || fail "banner after $ms ms"
