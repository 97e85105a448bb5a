#!/usr/bin/env bash
# t1010-refuse-non-loopback: any address outside 127.0.0.0/8 and ::1 is refused: exit 2 and one line
. "$(dirname "$0")/lib.sh"

rc=0
"$NETSIM" --devices 2 --base 10.0.0.1:2222 >"$T/out" 2>"$T/err" || rc=$?
expect_eq "exit status" 2 "$rc"
expect_file_eq <(echo "netsim: refusing address 10.0.0.1: only 127.0.0.0/8 and ::1 are allowed") "$T/err"
cat >"$T/lab.yaml" <<'LAB'
devices:
  - hostname: edge
    address: 192.168.1.1
LAB
rc=0
"$NETSIM" --lab "$T/lab.yaml" >"$T/out" 2>"$T/err" || rc=$?
expect_eq "exit status (lab)" 2 "$rc"
expect_file_eq <(echo "netsim: edge: refusing address 192.168.1.1: only 127.0.0.0/8 and ::1 are allowed") "$T/err"
# The generated range may not run past 127.255.255.254 either.
rc=0
"$NETSIM" --devices 3 --base 127.255.255.253:22 >"$T/out" 2>"$T/err" || rc=$?
expect_eq "exit status (range)" 2 "$rc"
# IPv6: ::1 only, never another address (not even a mapped 127.0.0.1).
for a in 2001:db8::1 fe80::1 ::ffff:127.0.0.1 ::; do
	rc=0
	"$NETSIM" --devices 1 --base "[$a]:2222" >"$T/out" 2>"$T/err" || rc=$?
	expect_eq "exit status ($a)" 2 "$rc"
	expect_file_eq <(echo "netsim: refusing address $a: only 127.0.0.0/8 and ::1 are allowed") "$T/err"
done
printf 'devices:\n  - hostname: v6\n    address: "::2"\n' >"$T/lab6.yaml"
rc=0
"$NETSIM" --lab "$T/lab6.yaml" >"$T/out" 2>"$T/err" || rc=$?
expect_eq "exit status (lab ::2)" 2 "$rc"
expect_file_eq <(echo "netsim: v6: refusing address ::2: only 127.0.0.0/8 and ::1 are allowed") "$T/err"
