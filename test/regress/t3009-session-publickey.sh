#!/usr/bin/env bash
# t3009: publickey auth with an ed25519 key file, with and without a
# passphrase; a wrong passphrase and a missing key file are clear "auth"
# errors; a device offering only publickey to a password-only client is
# "no common auth method".
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
ssh-keygen -q -t ed25519 -N '' -f "$T/id" >/dev/null
ssh-keygen -q -t ed25519 -N 'pass phrase' -f "$T/idp" >/dev/null
cat "$T/id.pub" "$T/idp.pub" >"$T/authorized_keys"
netsim_start --devices 1 --base 127.0.0.1:0 --set auth=publickey \
	--set "authorized_keys=$T/authorized_keys"
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | head -n 1 | tr -d "\"'"; }
ncs() {
	timeout 20 "$NCS" --host "$(dev ip)" --port "$(dev port)" \
		--user "$(dev username)" --secret "$(dev secret)" \
		--known-hosts "$T/kh" "$@" 'show clock'
}
ncs --key "$T/id" >"$T/o1" 2>&1 || { cat "$T/o1"; fail "key login"; }
expect_grep UTC "$T/o1"
ncs --key "$T/idp" --passphrase 'pass phrase' >"$T/o2" 2>&1 ||
	{ cat "$T/o2"; fail "key with passphrase"; }
ncs --key "$T/idp" --passphrase wrong >"$T/o3" 2>&1
expect_grep '^error: auth: wrong passphrase or bad key file' "$T/o3"
ncs --key "$T/nokey" >"$T/o4" 2>&1
expect_grep "^error: auth: bad key file $T/nokey" "$T/o4"
ncs --password "$(dev password)" >"$T/o5" 2>&1
expect_grep '^error: auth: no common auth method (server offers: publickey' \
	"$T/o5"
