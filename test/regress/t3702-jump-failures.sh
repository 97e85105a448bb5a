#!/usr/bin/env bash
# valgrind: yes
# t3702: a failed jump host is its own error kind, jump, naming the hop
# and which one of the chain it is: nobody listening on the hop, the hop
# refusing the key, the hop refusing the channel (the target is down); a
# hop whose host key changed is hostkey-changed naming the hop, and the
# device behind it is not contacted; a ProxyCommand that fails gives its
# exit status and the last line of its stderr. The other devices run.
. "$(dirname "$0")/lib.sh"

ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/id" || skip "no ssh-keygen"
ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/other" || skip "no ssh-keygen"
netsim_start --devices 3 --base 127.0.0.1:0 --per-port \
	--set "1:authorized_keys=$T/id.pub"
# R2's key as recorded is not R2's: its key "changed".
echo "[127.0.0.1]:$(port 2) $(cut -d' ' -f1,2 "$T/other.pub")" >"$T/kh"
cat >"$T/ssh_config" <<CFG
Host hop1
  Port $(port 1)
  StrictHostKeyChecking no
Host hop2
  Port $(port 2)
Host dead
  ProxyJump hop1,admin@127.0.0.1:1
Host nokey
  ProxyJump hop1,admin@127.0.0.1:$(port 3)
Host downstream
  ProxyJump hop1
Host changed
  ProxyJump hop2
Host proxyfail
  ProxyCommand echo 'cannot reach %h:%p as %r' >&2; exit 3
Host good
  ProxyJump hop1
Host 127.0.0.1
  StrictHostKeyChecking no
Host *
  HostName 127.0.0.1
  User admin
  IdentityFile $T/id
  IdentitiesOnly yes
  StrictHostKeyChecking yes
  UserKnownHostsFile $T/kh
CFG
row() { printf -- '- name: %s\n  device_type: cisco_ios\n  host: %s\n  port: %s\n  username: admin\n  password: admin\n  secret: s3cret\n  host_key_check: off\n' "$@"; }
{
	echo 'routers:'
	row dead dead "$(port 3)"
	row nokey nokey "$(port 3)"
	row downstream downstream 1
	row changed changed "$(port 3)"
	row proxyfail proxyfail "$(port 3)"
	row good good "$(port 3)"
} >"$T/via.yaml"
chmod 600 "$T/via.yaml"
# Generous stage timeouts: make valgrind runs this too, on loaded machines.
run_nc -i "$T/via.yaml" --ssh-config "$T/ssh_config" --format jsonl \
	--connect-timeout 60 --auth-timeout 60 \
	'show clock' >"$T/out" 2>"$T/err"
expect_eq "exit" 1 "$?"
msg() { jq -r --arg d "$1" 'select(.device == $d) | .error.kind + ": " + .error.message' "$T/out"; }
expect_eq "good" true "$(jq -r 'select(.device == "good") | .ok' "$T/out")"
expect_eq "dead hop" \
	"jump: jump host admin@127.0.0.1:1 (hop 2 of 2): through hop1: cannot open a channel to 127.0.0.1 port 1: Channel open failure (administratively prohibited)" \
	"$(msg dead)"
case $(msg nokey) in
"jump: jump host admin@127.0.0.1:$(port 3) (hop 2 of 2): auth rejected for user admin"*) ;;
*) fail "nokey: $(msg nokey)" ;;
esac
expect_eq "channel refused" \
	"jump: jump host hop1 (hop 1 of 1): cannot open a channel to 127.0.0.1 port 1: Channel open failure (administratively prohibited)" \
	"$(msg downstream)"
case $(msg changed) in
"hostkey-changed: jump host hop2 (hop 1 of 1): "*SHA256:*) ;;
*) fail "changed: $(msg changed)" ;;
esac
expect_eq "proxy command" \
	"jump: ProxyCommand exited 3: cannot reach 127.0.0.1:$(port 3) as admin" \
	"$(msg proxyfail)"
expect_grep '^6 devices: 1 ok, 5 failed (jump 4, hostkey-changed 1) in' "$T/err"
# R3 saw good's session and nokey's failed login, nothing from changed
# (its hop failed first) or proxyfail.
netsim_stats
expect_eq "forwarded" 2 "$(netsim_stat forwarded)"
