#!/usr/bin/env bash
# t3703: a real OpenSSH sshd (Debian's, private: its config, host key and
# authorized_keys in the test's directory, on a loopback address of this
# test) as a linux device: each exec output byte for byte what `ssh host
# cmd` prints; and as the bastion in front of netsim devices, both as a
# ProxyJump hop (its host key checked strictly) and through a
# ProxyCommand running `ssh -W %h:%p`: the outputs are a direct run's.
. "$(dirname "$0")/lib.sh"

SSHD=/usr/sbin/sshd
[ -x "$SSHD" ] || skip "no $SSHD (Debian's openssh-server)"
# sshd run by root wants its privilege separation directory (Debian's
# service makes it at start).
if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
	mkdir -m 755 /run/sshd 2>/dev/null || skip "cannot make /run/sshd"
fi
S=$T/sshd
mkdir -m 700 "$S"
ssh-keygen -q -t ed25519 -N '' -C '' -f "$S/host_key" || skip "no ssh-keygen"
ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/id" || skip "no ssh-keygen"
cp "$T/id.pub" "$S/authorized_keys"
addr=$TEST_NET.1 sport=2222 me=$(id -un)
cat >"$S/sshd_config" <<CFG
ListenAddress $addr:$sport
HostKey $S/host_key
PidFile none
AuthorizedKeysFile $S/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
AllowTcpForwarding yes
CFG
"$SSHD" -D -e -f "$S/sshd_config" 2>"$S/log" &
track $!
# Ready when it accepts a connection; dead if it has exited.
timeout 20 bash -c "until exec 3<>/dev/tcp/$addr/$sport; do
	kill -0 $! || exit 1; done" 2>/dev/null ||
	fail "sshd did not start: $(tail -n 3 "$S/log")"
echo "[$addr]:$sport $(cut -d' ' -f1,2 "$S/host_key.pub")" >"$T/kh"
sshx() {
	timeout 20 ssh -F /dev/null -i "$T/id" -o IdentitiesOnly=yes \
		-o StrictHostKeyChecking=yes -o UserKnownHostsFile="$T/kh" \
		-o LogLevel=ERROR -p "$sport" "$me@$addr" "$@" </dev/null
}

# The linux device.
cmds=('uname -a' 'printf "tab\there\r\nno newline"' 'seq 1 20000' 'echo err >&2; exit 5')
cat >"$T/linux.yaml" <<YAML
servers:
- name: real
  device_type: linux
  ip: $addr
  port: $sport
  username: $me
  key_file: $T/id
YAML
args=()
for c in "${cmds[@]}"; do args+=(-c "$c"); done
run_nc -i "$T/linux.yaml" --known-hosts "$T/kh" --host-key-check strict \
	--format jsonl "${args[@]}" >"$T/out" 2>"$T/err"
expect_eq "linux exit (one command fails)" 1 "$?"
for i in 0 1 2 3; do
	sshx "${cmds[$i]}" >"$T/want$i" 2>/dev/null
	jq -j ".outputs[$i].output" "$T/out" >"$T/got$i"
	expect_file_eq "$T/want$i" "$T/got$i"
done
expect_eq "statuses" "0 0 0 5" "$(jq -r '[.outputs[].exit_status] | map(tostring) | join(" ")' "$T/out")"

# The bastion in front of netsim.
netsim_start --devices 2 --base 127.0.0.1:0 --per-port
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl 'show version' \
	>"$T/direct" 2>"$T/err" || fail "direct: $(cat "$T/err")"
cat >"$T/ssh_config" <<CFG
Host bastion
  HostName $addr
  Port $sport
  User $me
  IdentityFile $T/id
  IdentitiesOnly yes
  StrictHostKeyChecking yes
Host viajump
  HostName 127.0.0.1
  Port $(port 1)
  ProxyJump bastion
Host viacommand
  HostName 127.0.0.1
  Port $(port 2)
  ProxyCommand ssh -F /dev/null -i $T/id -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$T/kh -o LogLevel=ERROR -p $sport $me@$addr -W %h:%p
CFG
sed -e 's/ip: "127.0.0.1"/host: viajump/' "$T/inv.yaml" |
	awk '/name: "R2"/ { r2 = 1 } r2 && /host: viajump/ { sub(/viajump/, "viacommand") } { print }' |
	grep -v '^ *port:' >"$T/via.yaml"
chmod 600 "$T/via.yaml"
grep -q 'host: viacommand' "$T/via.yaml" || fail "via.yaml: $(cat "$T/via.yaml")"
for mode in process thread; do
	run_nc -i "$T/via.yaml" --ssh-config "$T/ssh_config" --known-hosts "$T/kh" \
		--mode $mode --format jsonl 'show version' >"$T/via" 2>"$T/err"
	expect_eq "$mode: through sshd" 0 "$?"
	expect_eq "$mode: outputs" "$(jq -c '[.device, .outputs]' "$T/direct")" \
		"$(jq -c '[.device, .outputs]' "$T/via")"
done
# sshd's logins: netcollect's linux run, the four ssh calls, and per mode
# netcollect's hop and the ProxyCommand's ssh.
expect_eq "sshd logins" 9 "$(grep -c "^Accepted publickey for $me " "$S/log")"
