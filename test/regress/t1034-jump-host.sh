#!/usr/bin/env bash
# t1034-jump-host: every device is a jump host. OpenSSH's ssh -J through
# one device (key auth on the hop, password on the target) and through two
# reaches the target; each opened channel counts in forwarded=; a target
# outside loopback is refused without a connect, and a dead port fails the
# channel open; both are logged and not counted.
. "$(dirname "$0")/lib.sh"

ssh-keygen -q -t ed25519 -N '' -f "$T/id" || fail "ssh-keygen"
netsim_start --devices 3 --base 127.0.0.1:0 --per-port \
	--set "1-2:authorized_keys=$T/id.pub" --set 3:platform=linux \
	--set 2:config_size=3000000
# -J runs a second ssh that takes only the config file: say it all there.
cat >"$T/ssh_config" <<CFG
Host *
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  User admin
Host hop1 hop2
  HostName 127.0.0.1
  IdentityFile $T/id
  IdentitiesOnly yes
  PreferredAuthentications publickey
  BatchMode yes
Host hop1
  Port $(port 1)
Host hop2
  Port $(port 2)
CFG
j()
{
	timeout 30 sshpass -p admin ssh -F "$T/ssh_config" \
		-o PreferredAuthentications=password "$@" </dev/null
}
j -J hop1 -p "$(port 2)" 127.0.0.1 show inventory >"$T/out" 2>"$T/err" ||
	fail "one hop: $(cat "$T/err")"
expect_eq "one hop, first line" 'NAME: "R2", DESCR: "Cisco IOSv Chassis"' \
	"$(head -n 1 "$T/out" | tr -d '\r')"
rc=0
j -J hop1,hop2 -p "$(port 3)" 127.0.0.1 'uname -a; exit 4' >"$T/out" 2>"$T/err" || rc=$?
expect_eq "two hops, status" 4 "$rc"
expect_file_eq <(printf 'Linux R3 6.1.0-netsim #1 SMP x86_64 GNU/Linux\n') "$T/out"
# A big output through the hop: every byte, across many window turns.
j -J hop1 -p "$(port 2)" 127.0.0.1 'show running-config' >"$T/big" 2>"$T/err" ||
	fail "big output through a hop: $(cat "$T/err")"
j -p "$(port 2)" 127.0.0.1 'show running-config' >"$T/direct" 2>"$T/err" ||
	fail "big output, direct: $(cat "$T/err")"
expect_file_eq "$T/direct" "$T/big"
[ "$(wc -c <"$T/big")" -gt 3000000 ] || fail "running-config only $(wc -c <"$T/big") bytes"
netsim_stats
expect_eq forwarded 4 "$(netsim_stat forwarded)"
# Refused: a target outside loopback (TEST-NET-1, never connected to) and
# a port nobody listens on.
for target in 192.0.2.1:22 127.0.0.1:1; do
	if timeout 30 ssh -F "$T/ssh_config" -W "$target" hop1 >"$T/out" 2>"$T/err"; then
		fail "forward to $target accepted"
	fi
	expect_grep 'stdio forwarding failed' "$T/err"
done
expect_grep '^netsim: R1: direct-tcpip to 192.0.2.1:22 refused: not a loopback address$' "$T/netsim.log"
expect_grep '^netsim: R1: direct-tcpip to 127.0.0.1:1: Connection refused$' "$T/netsim.log"
netsim_stats
expect_eq "forwarded after refusals" 4 "$(netsim_stat forwarded)"
