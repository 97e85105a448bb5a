#!/usr/bin/env bash
# t4005-collect-auth-fail: a wrong password on one device (the course's
# exception example): the others still succeed, the failed one says why
# in one line naming it, exit status 1.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base "$TEST_NET.1:0" --fault auth_fail:2
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
h2="$(inv_field 2 ip):$(inv_field 2 port)"
expect_eq "headers" "R1 ok|R2 auth|R3 ok" \
	"$(sed -n 's/^=== \(R[0-9]*\) ([0-9.:]*) \([a-z-]*\) .*/\1 \2/p' "$T/out" | paste -sd'|')"
expect_eq "clock lines" 2 "$(grep -c '^\*[0-9:.]* UTC ' "$T/out")"
expect_grep '^3 devices: 2 ok, 1 failed (auth 1) in [0-9.]*s$' "$T/err"
expect_eq "failure line" "R2 ($h2): auth: auth rejected for user admin (tried password,keyboard-interactive)" \
	"$(grep '^R2 ' "$T/err")"
