#!/usr/bin/env bash
# t3008: a device that only offers keyboard-interactive is logged into by
# answering its password prompt; a wrong password is an "auth" error.
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
netsim_start --devices 1 --base 127.0.0.1:0 --set auth=keyboard-interactive
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | head -n 1 | tr -d "\"'"; }
timeout 20 "$NCS" --host "$(dev ip)" --port "$(dev port)" \
	--user "$(dev username)" --password "$(dev password)" \
	--secret "$(dev secret)" --known-hosts "$T/kh" 'show clock' \
	>"$T/stdout" 2>&1 || { cat "$T/stdout"; fail "kbd-interactive login"; }
expect_grep UTC "$T/stdout"
timeout 20 "$NCS" --host "$(dev ip)" --port "$(dev port)" \
	--user "$(dev username)" --password wrong --known-hosts "$T/kh" \
	'show clock' >"$T/stdout2" 2>&1
expect_eq "exit" 1 "$?"
expect_grep '^error: auth: auth rejected for user .*keyboard-interactive' \
	"$T/stdout2"
