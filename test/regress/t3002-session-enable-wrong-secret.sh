#!/usr/bin/env bash
# t3002: a wrong enable secret is reported at once as an "enable" error
# (netsim re-prompts Password: like IOS), never as a read timeout; a
# missing secret too.
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
netsim_start --devices 1 --base 127.0.0.1:0
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | head -n 1 | tr -d "\"'"; }
start=$(date +%s%N)
timeout 20 "$NCS" --host "$(dev ip)" --port "$(dev port)" \
	--user "$(dev username)" --password "$(dev password)" \
	--secret "not-$(dev secret)" --read-timeout 10000 'show clock' \
	>"$T/stdout" 2>&1
rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
expect_eq "exit status" 1 "$rc"
expect_eq "error" "error: enable: enable failed: wrong secret" \
	"$(tail -n 1 "$T/stdout")"
[ "$ms" -lt 3000 ] || fail "took $ms ms: waited for a timeout"
timeout 20 "$NCS" --host "$(dev ip)" --port "$(dev port)" \
	--user "$(dev username)" --password "$(dev password)" \
	'show clock' >"$T/stdout2" 2>&1
expect_grep '^error: enable: enable failed: device asks for a secret' \
	"$T/stdout2"
