#!/usr/bin/env bash
# t1008-auth-fail: --fault auth_fail:RANGE rejects every password on those devices only
. "$(dirname "$0")/lib.sh"

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
