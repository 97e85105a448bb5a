#!/usr/bin/env bash
# t1018-hang-mid-output: hang_mid_output stops halfway through the output and never prompts
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

netsim_start --devices 1 --base 127.0.0.1:0 --fault hang_mid_output --interfaces 20
# Feed the commands, then keep stdin open: the session must stall.
mkfifo "$T/in"
sim "$(port 1)" <"$T/in" >"$T/out" 2>"$T/err" &
track $!
exec 4>"$T/in"
printf 'term len 0\nshow ip interface brief\nshow clock\n' >&4
timeout 10 sh -c "until grep -q 'GigabitEthernet0/8 ' '$T/out'; do :; done" ||
	fail "no partial output"
# The output stops after 10 of its 21 lines, for good: nothing follows within 1 s.
timeout 1 sh -c "until grep -q 'GigabitEthernet0/9 \|R1>show clock' '$T/out'; do :; done" &&
	fail "output went on"
exec 4>&-
tail -n 1 "$T/out" | grep -q '^GigabitEthernet0/8 ' || fail "last line: $(tail -n 1 "$T/out")"
