#!/usr/bin/env bash
# t1022-no-pty: no_pty refuses the pty request; ssh -tt gives up, a shell without a pty works
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --fault no_pty
# ssh -tt insists on a pty: it gives up.
printf 'exit\n' | SIM_LOGLEVEL=INFO sim "$(port 1)" >"$T/out" 2>"$T/err" &&
	fail "ssh -tt succeeded without a pty"
expect_grep 'PTY allocation request failed' "$T/err"
# Without a pty request the shell works.
printf 'exit\n' | timeout 30 sshpass -p admin ssh -T -F /dev/null \
	-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
	-o LogLevel=ERROR -o PubkeyAuthentication=no -p "$(port 1)" \
	admin@127.0.0.1 >"$T/out" 2>"$T/err" || fail "ssh -T failed: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR1>exit\r\n') "$T/out"
