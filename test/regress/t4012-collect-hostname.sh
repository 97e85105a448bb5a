#!/usr/bin/env bash
# t4012-collect-hostname: a device given by host name (localhost, from
# /etc/hosts: no DNS query leaves the machine) is resolved; where it also
# resolves to ::1, which has no listener, the next address is tried.
. "$(dirname "$0")/lib.sh"
getent ahosts localhost | grep -q '^127\.0\.0\.1 ' ||
	skip "localhost does not resolve to 127.0.0.1 here"

netsim_start --devices 1 --base 127.0.0.1:0
port=$(inv_field 1 port)
cat >"$T/i.yaml" <<EOF2
routers:
  - name: by-name
    device_type: cisco_ios
    host: localhost
    port: $port
    username: admin
    password: \${PW}
    secret: \${SECRET}
EOF2
PW=admin SECRET=s3cret run_nc -i "$T/i.yaml" --known-hosts "$T/kh" \
	"show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_grep "^=== by-name (localhost:$port) ok " "$T/out"
expect_grep '^\*[0-9:.]* UTC ' "$T/out"
# The key is recorded under the name used to connect, as OpenSSH does.
expect_grep "^\[localhost\]:$port ssh-ed25519 " "$T/kh"
