#!/usr/bin/env bash
# t1016-publickey: publickey from an authorized_keys file; other keys refused
. "$(dirname "$0")/lib.sh"

ssh-keygen -q -t ed25519 -N '' -f "$T/id" || fail "ssh-keygen"
ssh-keygen -q -t ed25519 -N '' -f "$T/other" || fail "ssh-keygen"
cp "$T/id.pub" "$T/authorized_keys"
netsim_start --devices 1 --base 127.0.0.1:0 --set auth=publickey \
	--set "authorized_keys=$T/authorized_keys"
key()
{
	timeout 30 ssh -tt -F /dev/null -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
		-o BatchMode=yes -o IdentitiesOnly=yes -i "$1" \
		-p "$(port 1)" admin@127.0.0.1
}
printf 'exit\n' | key "$T/id" >"$T/out" 2>"$T/err" || fail "publickey: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR1>exit\r\n') "$T/out"
if printf 'exit\n' | key "$T/other" >"$T/out" 2>"$T/err"; then
	fail "unlisted key accepted"
fi
expect_grep 'Permission denied (publickey)' "$T/err"
