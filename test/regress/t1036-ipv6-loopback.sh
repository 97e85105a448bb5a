#!/usr/bin/env bash
# t1036-ipv6-loopback: netsim listens on ::1 (--base [::1]:0, a lab file's
# "ip: ::1"), writes ip ::1 and the port to the inventory, is reached with
# ssh -6, and forwards to a ::1 target as a jump host.
. "$(dirname "$0")/lib.sh"

/usr/bin/python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' \
	2>/dev/null || skip "no IPv6 loopback here"
netsim_start --devices 2 --base '[::1]:0'
expect_eq "inventory ip" '::1' "$(inv_field 1 ip)"
expect_eq "inventory ip (R2)" '::1' "$(inv_field 2 ip)"
[ "$(port 1)" != "$(port 2)" ] || fail "both devices on one port"
for n in 1 2; do
	printf 'exit\n' | SIM_HOST=::1 sim "$(port $n)" -6 >"$T/out" 2>"$T/err" ||
		fail "ssh -6 to R$n: $(cat "$T/err")"
	expect_file_eq <(printf '\r\nR%s>exit\r\n' "$n") "$T/out"
done
netsim_stop
# A lab with one device on each family; the IPv4 one is the hop.
cat >"$T/lab.yaml" <<'LAB'
devices:
  - name: v4
    ip: 127.0.0.1
    port: 0
  - name: v6
    ip: ::1
    port: 0
    device_type: linux
LAB
# sshpass answers one prompt: the hop takes a key.
ssh-keygen -q -t ed25519 -N '' -f "$T/id" || fail "ssh-keygen"
netsim_start --lab "$T/lab.yaml" --set "1:authorized_keys=$T/id.pub"
expect_eq "lab inventory ip" '::1' "$(inv_field 2 ip)"
cat >"$T/ssh_config" <<CFG
Host hop
  HostName 127.0.0.1
  Port $(port 1)
  IdentityFile $T/id
  IdentitiesOnly yes
  PreferredAuthentications publickey
  BatchMode yes
Host *
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  User admin
  PreferredAuthentications password
CFG
timeout 30 sshpass -p admin ssh -F "$T/ssh_config" -J hop -p "$(port 2)" ::1 \
	hostname </dev/null >"$T/out" 2>"$T/err" || fail "jump to ::1: $(cat "$T/err")"
expect_file_eq <(printf 'v6\n') "$T/out"
# ::1 is one address: N devices on one fixed port cannot be.
rc=0
"$NETSIM" --devices 2 --base '[::1]:2222' >"$T/o" 2>"$T/e" || rc=$?
expect_eq "fixed port status" 2 "$rc"
expect_file_eq <(echo "netsim: --base: ::1 is one address: use --per-port or port 0") "$T/e"
