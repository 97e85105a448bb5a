#!/usr/bin/env bash
# t1002-bad-secrets: three wrong enable secrets give % Bad secrets and R1>
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
printf 'enable\nx\ny\nz\nshow privilege\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
printf '\r\nR1>enable\r\nPassword: \r\nPassword: \r\nPassword: \r\n%% Bad secrets\r\n\r\nR1>show privilege\r\nCurrent privilege level is 1\r\nR1>exit\r\n' >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
