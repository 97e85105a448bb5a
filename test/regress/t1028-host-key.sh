#!/usr/bin/env bash
# t1028-host-key: --host-key keeps the host key across restarts (and creates it when missing)
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --host-key "$T/hostkey"
[ -s "$T/hostkey" ] || fail "host key not created"
fp()
{
	ssh-keyscan -t ed25519 -p "$(port 1)" 127.0.0.1 2>/dev/null | awk '{ print $3 }'
}
a=$(fp)
[ -n "$a" ] || fail "no key scanned"
netsim_stop
netsim_start --devices 1 --base 127.0.0.1:0 --host-key "$T/hostkey"
expect_eq "same key" "$a" "$(fp)"
netsim_stop
netsim_start --devices 1 --base 127.0.0.1:0
[ "$(fp)" != "$a" ] || fail "a generated key equals the saved one"
