#!/usr/bin/env bash
# t1015-kbdint: keyboard-interactive authentication (the response carries no user name)
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --set auth=keyboard-interactive
printf 'exit\n' | sim "$(port 1)" -o PreferredAuthentications=keyboard-interactive \
	>"$T/out" 2>"$T/err" || fail "kbdint: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR1>exit\r\n') "$T/out"
# Password auth is not offered then.
if printf 'exit\n' | SIM_LOGLEVEL=INFO sim "$(port 1)" -o PreferredAuthentications=password \
	>"$T/out" 2>"$T/err"; then
	fail "password accepted on a keyboard-interactive-only device"
fi
expect_grep 'Permission denied (keyboard-interactive)' "$T/err"
# A wrong answer is an auth failure.
if printf 'exit\n' | PASS=wrong sim "$(port 1)" -o NumberOfPasswordPrompts=1 \
	-o PreferredAuthentications=keyboard-interactive >"$T/out" 2>"$T/err"; then
	fail "wrong kbdint answer accepted"
fi
netsim_stop
[ "$(netsim_stat auth_failures)" -ge 1 ] || fail "auth failure not counted"
