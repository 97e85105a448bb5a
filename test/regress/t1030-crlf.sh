#!/usr/bin/env bash
# t1030-crlf: Enter may be CR, LF or CR LF: each is one Enter; backspace edits the line
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
printf 'show privilege\rshow privilege\r\nshow privilege\nshox\177w privilege\r\nexit\r\n' |
	sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "ssh failed: $(cat "$T/err")"
{
	printf '\r\n'
	for i in 1 2 3; do
		printf 'R1>show privilege\r\nCurrent privilege level is 1\r\n'
	done
	printf 'R1>shox\b \bw privilege\r\nCurrent privilege level is 1\r\n'
	printf 'R1>exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
