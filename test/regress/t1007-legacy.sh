#!/usr/bin/env bash
# t1007-legacy: legacy devices speak only dh-group14-sha1, ssh-rsa, aes128-cbc, hmac-sha1
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port --set 2:legacy=1
old="-o KexAlgorithms=diffie-hellman-group14-sha1 -o HostKeyAlgorithms=ssh-rsa -o Ciphers=aes128-cbc -o MACs=hmac-sha1"
# shellcheck disable=SC2086
printf 'exit\n' | sim "$(port 2)" $old >"$T/out" 2>"$T/err" ||
	fail "legacy ssh failed: $(cat "$T/err")"
expect_file_eq <(printf '\r\nR2>exit\r\n') "$T/out"
# A modern-only client cannot agree on a key exchange with it.
if printf 'exit\n' | SIM_LOGLEVEL=INFO sim "$(port 2)" >"$T/out2" 2>"$T/err2"; then
	fail "modern ssh connected to a legacy device"
fi
expect_grep 'no matching key exchange method found' "$T/err2"
# ... and the legacy suite is not offered by modern devices.
# shellcheck disable=SC2086
if printf 'exit\n' | SIM_LOGLEVEL=INFO sim "$(port 1)" $old >"$T/out3" 2>"$T/err3"; then
	fail "legacy ssh connected to a modern device"
fi
expect_grep 'no matching' "$T/err3"
