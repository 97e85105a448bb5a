#!/usr/bin/env bash
# t3004: connecting to a closed loopback port is "refused" (the port was
# netsim's, so it is known free once netsim stopped), a bad host name is
# "dns".
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
netsim_start --devices 1 --base 127.0.0.1:0
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | head -n 1 | tr -d "\"'"; }
port=$(dev port)
netsim_stop
timeout 20 "$NCS" --host 127.0.0.1 --port "$port" --user u --password p \
	'show clock' >"$T/stdout" 2>&1
expect_eq "exit status" 1 "$?"
expect_eq "error" "error: refused: connection to 127.0.0.1 port $port refused" \
	"$(cat "$T/stdout")"
timeout 20 "$NCS" --host no-such-host.invalid --port 22 --user u \
	--password p 'show clock' >"$T/stdout2" 2>&1
expect_eq "exit status" 1 "$?"
expect_grep '^error: dns: cannot resolve no-such-host.invalid' "$T/stdout2"
