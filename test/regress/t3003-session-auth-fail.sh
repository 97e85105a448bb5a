#!/usr/bin/env bash
# t3003: a rejected password is an "auth" error naming the user; a device
# rejecting every password (auth_fail fault) too.
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
netsim_start --devices 2 --base 127.0.0.1:0 --fault auth_fail:2
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | sed -n "${2:-1}p" |
	tr -d "\"'"; }
timeout 20 "$NCS" --host "$(dev ip)" --port "$(dev port)" \
	--user "$(dev username)" --password "wrong" 'show clock' \
	>"$T/stdout" 2>&1
expect_eq "exit status" 1 "$?"
expect_grep "^error: auth: auth rejected for user $(dev username)" \
	"$T/stdout"
timeout 20 "$NCS" --host "$(dev ip 2)" --port "$(dev port 2)" \
	--user "$(dev username 2)" --password "$(dev password 2)" \
	'show clock' >"$T/stdout2" 2>&1
expect_eq "exit status" 1 "$?"
expect_grep "^error: auth: " "$T/stdout2"
