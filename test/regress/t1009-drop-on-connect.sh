#!/usr/bin/env bash
# t1009-drop-on-connect: drop_on_connect closes TCP before the SSH banner
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port --fault drop_on_connect:1
if printf 'exit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err"; then
	fail "ssh to a dropping device succeeded"
fi
expect_grep 'kex_exchange_identification\|Connection closed\|reset' "$T/err"
printf 'exit\n' | sim "$(port 2)" >"$T/out" 2>"$T/err" ||
	fail "R2 ssh failed: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR2>exit\r\n') "$T/out"
# Raw TCP: EOF with no banner at all.
exec 3<>"/dev/tcp/127.0.0.1/$(port 1)"
got=$(timeout 10 cat <&3 | wc -c)
exec 3<&-
expect_eq "bytes before close" 0 "$got"
