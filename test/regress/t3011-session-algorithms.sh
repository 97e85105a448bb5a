#!/usr/bin/env bash
# t3011-session-algorithms: a device's "algorithms:" override reaches
# libssh2. An old-IOS-like device (legacy algorithms only) works with the
# defaults; restricted to curve25519 it fails as 'ssh' (no common key
# exchange); restricted to what it offers it works; a malformed override
# is an inventory error.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base "$TEST_NET.1:0" --legacy
chmod 600 "$T/inv.yaml"
inv_with()
{
	sed "s|^    secret: \(.*\)|    secret: \1\n    algorithms: \"$1\"|" "$T/inv.yaml" >"$T/i.yaml"
	chmod 600 "$T/i.yaml"
}

run_nc -i "$T/inv.yaml" --host-key-check off -q "show clock" >"$T/out" 2>"$T/err"
expect_eq "defaults reach a legacy device" 0 $?

inv_with "kex=curve25519-sha256"
run_nc -i "$T/i.yaml" --host-key-check off -q "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_grep '^R1 (.*): ssh: ' "$T/err"

inv_with "kex=diffie-hellman-group14-sha1;hostkey=ssh-rsa;cipher=aes128-cbc;mac=hmac-sha1"
run_nc -i "$T/i.yaml" --host-key-check off -q "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_grep '^\*[0-9:.]* UTC ' "$T/out"

inv_with "kex=a;kex=b"
run_nc -i "$T/i.yaml" --host-key-check off -q "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_grep "routers\[0\]: algorithms: 'kex=a;kex=b' is not a list like kex=A,B;hostkey=C;cipher=D;mac=E\$" "$T/err"
