#!/usr/bin/env bash
# t1008-auth-fail: --fault auth_fail:RANGE rejects every password on those devices only
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

netsim_start --devices 3 --base 127.0.0.1:0 --per-port --fault auth_fail:2-3
printf 'exit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "R1 ssh failed: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR1>exit\r\n') "$T/out"
for n in 2 3; do
	if printf 'exit\n' | sim "$(port $n)" -o NumberOfPasswordPrompts=1 \
		-o PreferredAuthentications=password >"$T/out" 2>"$T/err"; then
		fail "R$n accepted a password"
	fi
	expect_grep 'Permission denied' "$T/err"
done
kill -USR1 "$NETSIM_PID"
timeout 10 sh -c "until grep -q '^connections=3' '$T/stats'; do :; done" ||
	fail "stats not written on SIGUSR1"
expect_eq auth_failures 2 "$(netsim_stat auth_failures)"
