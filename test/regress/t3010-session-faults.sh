#!/usr/bin/env bash
# t3010: faults map to their kinds: a device hanging mid-output is a
# "read-timeout" within --read-timeout, one that disconnects mid-output is
# "closed", one that never shows a prompt is "prompt" (no prompt within
# the read timeout), and the session
# log never holds the password or the secret.
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
netsim_start --devices 3 --base 127.0.0.1:0 --fault hang_mid_output:1 \
	--fault disconnect_mid_output:2 --fault hang_after_auth:3
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | sed -n "${2}p" |
	tr -d "\"'"; }
ncs() {
	timeout 20 "$NCS" --host "$(dev ip $1)" --port "$(dev port $1)" \
		--user "$(dev username $1)" --password "$(dev password $1)" \
		--secret "$(dev secret $1)" --known-hosts "$T/kh" \
		--read-timeout 1000 --session-log "$T/log$1" 'show version'
}
ncs 1 >"$T/o1" 2>&1
expect_grep "^error: read-timeout: no prompt after 'show version'" "$T/o1"
ncs 2 >"$T/o2" 2>&1
expect_grep '^error: closed: ' "$T/o2"
ncs 3 >"$T/o3" 2>&1
expect_grep '^error: prompt: no prompt within 1 s$' "$T/o3"
for i in 1 2 3; do
	! grep -qF "$(dev password $i)" "$T/log$i" || fail "password in log$i"
	! grep -qF "$(dev secret $i)" "$T/log$i" || fail "secret in log$i"
done
expect_grep 'show version' "$T/log1"
