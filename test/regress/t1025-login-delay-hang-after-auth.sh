#!/usr/bin/env bash
# t1025-login-delay-hang-after-auth: login_delay holds the first prompt; hang_after_auth never sends one
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port --set 1:login_delay=500 \
	--fault hang_after_auth:2
t0=$(date +%s%N)
printf 'exit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "R1: $(cat "$T/err")"
ms=$((($(date +%s%N) - t0) / 1000000))
[ "$ms" -ge 500 ] || fail "login_delay not applied: $ms ms"
expect_file_eq <(printf '\r\nR1>exit\r\n') "$T/out"
rc=0
printf 'exit\n' | timeout 2 sshpass -p admin ssh -tt -F /dev/null -o StrictHostKeyChecking=no \
	-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o PubkeyAuthentication=no \
	-p "$(port 2)" admin@127.0.0.1 >"$T/out" 2>"$T/err" || rc=$?
expect_eq "timed out" 124 "$rc"
expect_eq "bytes" 0 "$(wc -c <"$T/out")"
