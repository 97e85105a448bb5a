#!/usr/bin/env bash
# t1037-channels-per-connection: one SSH connection carries one exec
# channel after another (OpenSSH connection sharing, as a client that runs
# each command on its own channel does): every answer and exit status is
# right and netsim counts one connection.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --platform linux
O=(-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
	-o LogLevel=ERROR -o PubkeyAuthentication=no -o "ControlPath=$T/cm"
	-p "$(port 1)")
sshpass -p admin ssh "${O[@]}" -o ControlMaster=yes -N admin@127.0.0.1 \
	</dev/null >"$T/master.log" 2>&1 &
track $!
timeout 20 sh -c "until [ -S '$T/cm' ]; do :; done" ||
	fail "no control socket: $(cat "$T/master.log")"
for i in 1 2 3 4 5; do
	rc=0
	timeout 30 ssh "${O[@]}" -o BatchMode=yes admin@127.0.0.1 \
		"echo run $i; echo err $i >&2; exit $i" </dev/null \
		>"$T/out" 2>"$T/err" || rc=$?
	expect_eq "status of run $i" "$i" "$rc"
	expect_file_eq <(printf 'run %s\n' "$i") "$T/out"
	expect_file_eq <(printf 'err %s\n' "$i") "$T/err"
done
netsim_stats
expect_eq connections 1 "$(netsim_stat connections)"
expect_eq commands 5 "$(netsim_stat commands)"
ssh "${O[@]}" -O exit admin@127.0.0.1 2>/dev/null
