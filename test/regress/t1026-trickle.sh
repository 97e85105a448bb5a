#!/usr/bin/env bash
# t1026-trickle: trickle limits output to N bytes per ms
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

netsim_start --devices 1 --base 127.0.0.1:0 --set trickle=20 --config-size 30000
t0=$(date +%s%N)
printf 'enable\ns3cret\nterm len 0\nshow running-config\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
ms=$((($(date +%s%N) - t0) / 1000000))
size=$(wc -c <"$T/out")
# 30 KB at 20 bytes/ms takes at least ~1.5 s (minus one 400-byte burst).
[ "$ms" -ge $(((size - 400) / 20)) ] || fail "$size bytes in $ms ms"
expect_eq "tail" "$(printf 'end\r\n\r\nR1#exit\r')" "$(tail -n 3 "$T/out")"
