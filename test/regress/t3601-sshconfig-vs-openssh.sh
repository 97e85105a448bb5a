#!/usr/bin/env bash
# t3601-sshconfig-vs-openssh: for a config using every feature we read,
# our resolution of each host equals what `ssh -G` prints (OpenSSH's own
# answer, no connection made) for the keywords we use; and every keyword
# we accept is one ssh accepts. Skipped without ssh.
. "$(dirname "$0")/lib.sh"

command -v ssh >/dev/null 2>&1 || skip "ssh (openssh-client) not installed"
DUMP=$TOOLS/sshconfig-dump
[ -x "$DUMP" ] || fail "$DUMP not built"

mkdir -p "$T/conf.d"
cat >"$T/conf.d/10-lab.conf" <<'EOF'
# included from inside "Host lab-*": applies to those hosts only
User labuser
Port 2210
Host never-from-include
	User never
EOF
cat >"$T/conf.d/20-more.conf" <<'EOF'
IdentityFile ~/.ssh/lab_%h
ConnectTimeout 1m30s
EOF
chmod 644 "$T/conf.d"/*.conf

cat >"$T/config" <<EOF
# Everything netcollect reads from ssh_config, in one file.
IgnoreUnknown Frobnicate*
FrobnicateLevel 3

Host r1 "r2" "quoted host"
  HostName %h.core.example
  User=netops
  Port = 2201
  IdentityFile ~/.ssh/core_key
  IdentityFile %d/keys/%r@%h:%p
  IdentityFile ~/.ssh/core_key
  IdentitiesOnly yes
  StrictHostKeyChecking accept-new

Host r? !r9
  User short
  Port 2202
  StrictHostKeyChecking no

Host lab-*
  Include $T/conf.d/*.conf
  HostName 127.0.0.%%1
  StrictHostKeyChecking Yes

Host edge-* !edge-legacy
	ProxyJump ops@bastion:2222,[::1]:2022,ssh://jump3
	ProxyCommand never-used %h
Host edge-legacy
	ProxyCommand /usr/bin/nc -X connect -x proxy:3128 %h %p # %r %n %%
	ProxyJump never-used
Host direct-*
	ProxyJump none
	ProxyCommand never-used
Host cmd-none
	ProxyCommand none
	ProxyJump never-used

Host bastion
  HostName BASTION.Example.NET
  User jumper
  ProxyJump outer
Host outer jump3
  ProxyCommand ssh -W %h:%p gateway

Match host *.core.example
  UserKnownHostsFile ~/.ssh/kh_core /etc/ssh/kh_other
  ConnectTimeout 7
Match originalhost R1
  Port 2999
Match !host *.example user netops,!nobody
  ConnectTimeout 11
Match localuser $(id -un)
  IdentityFile ~/.ssh/local_%u
Match all
  UserKnownHostsFile none

Host *
  ForwardAgent no
  ServerAliveInterval 30
  ConnectTimeout none
  ConnectTimeout 0
EOF
printf 'Host crlf\r\n  User crlfuser\r\n  Port 2300\r\n' >>"$T/config"

hosts=(r1 r2 r3 r9 R1 lab-a lab-b never-from-include edge-a
	edge-legacy direct-x cmd-none bastion outer jump3 crlf other 10.0.0.1)

# ssh -G output reduced to what sshconfig-dump prints: our keywords, the
# first known_hosts file, no default key list (the config names no key
# ~/.ssh/id_*), and IdentityFile/ProxyCommand with ~ and tokens expanded
# from ssh's own resolved values (ssh -G prints them unexpanded).
ssh_side()
{
	ssh -G -F "$T/config" "$@" 2>/dev/null | awk -v home="$(getent passwd "$(id -un)" | cut -d: -f6)" \
		-v luser="$(id -un)" -v orig="${!#}" '
		function expand(s, tilde,   out, i, c) {
			if (tilde && (s == "~" || substr(s, 1, 2) == "~/"))
				s = home substr(s, 2)
			out = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c != "%") { out = out c; continue }
				c = substr(s, ++i, 1)
				if (c == "%") out = out "%"
				else if (c == "h") out = out host
				else if (c == "p") out = out port
				else if (c == "r") out = out user
				else if (c == "u") out = out luser
				else if (c == "d") out = out home
				else if (c == "n") out = out orig
				else out = out "%" c
			}
			return out
		}
		{ line[NR] = $0 }
		$1 == "user" { user = $2 }
		$1 == "hostname" { host = $2 }
		$1 == "port" { port = $2 }
		END {
			for (i = 1; i <= NR; i++) {
				split(line[i], f, " ")
				k = f[1]; v = substr(line[i], length(k) + 2)
				# ssh lists its default keys when none is set
				if (k == "identityfile" && v ~ /^~\/\.ssh\/id_[a-z0-9_]*$/)
					continue
				if (k == "identityfile")
					print k " " expand(v, 1)
				else if (k == "proxycommand")
					print k " " expand(v, 0)
				else if (k == "userknownhostsfile")
					print k " " f[2]
				else if (k ~ /^(user|hostname|port|identitiesonly|stricthostkeychecking|identityfile|connecttimeout|proxyjump)$/)
					print line[i]
			}
		}'
}

# "ProxyJump none" then ProxyCommand: Debian's OpenSSH 9.2p1-2+deb12u10
# (ProxyJump parsing from 10.3p1) takes the ProxyCommand, as we do;
# deb12u6 and before let the "none" rule it out. With such an ssh the one
# line it lacks for direct-x is the whole of the difference we allow.
printf 'Host *\n\tProxyJump none\n\tProxyCommand probe\n' >"$T/pj.conf"
old_none=0
ssh -G -F "$T/pj.conf" h 2>/dev/null | grep -qx 'proxycommand probe' || old_none=1

n=0
check()
{
	ssh_side "$@" >"$T/ssh.out"
	[ -s "$T/ssh.out" ] || fail "ssh -G $* printed nothing"
	if [ $old_none = 1 ] && [ "$*" = direct-x ]; then
		grep -q '^proxycommand' "$T/ssh.out" && fail "ssh -G direct-x: a proxycommand from an older ssh"
		echo 'proxycommand never-used' >>"$T/ssh.out"
	fi
	"$DUMP" "$T/config" "$@" >"$T/ours.out" 2>"$T/ours.err" ||
		{ cat "$T/ours.err" >&2; fail "sshconfig-dump $*"; }
	if ! cmp -s "$T/ssh.out" "$T/ours.out"; then
		diff -u "$T/ssh.out" "$T/ours.out" >&2
		fail "ours differs from ssh -G for: $*"
	fi
	n=$((n + 1))
}

for h in "${hosts[@]}"; do
	check "$h"
done
# What the inventory knows wins, as ssh -l / -p do (and Match user sees it).
check -l nobody r1
check -l netops other
check -p 2022 r2
check -l root -p 1 lab-a
# A hop is looked up with its own user and port as the query.
check -l ops -p 2222 bastion
check -p 2022 ::1
[ "$n" = 24 ] || fail "compared $n hosts, expected 24"

# The route ssh takes for edge-a: bastion's own ProxyJump (outer, itself
# through a ProxyCommand) first, then the later hops with no proxy.
"$DUMP" -R "$T/config" edge-a | grep '^hop' >"$T/route"
expect_file_eq - "$T/route" <<EOF
hop $(id -un)@outer:22 via ssh -W outer:22 gateway
hop ops@bastion.example.net:2222
hop $(id -un)@::1:2022
hop $(id -un)@jump3:22
EOF

# Every keyword we accept is one OpenSSH accepts, but for the few added
# after OpenSSH 9.2; and every keyword of its manual is one we accept.
newer=" ChannelTimeout ObscureKeystrokeTiming RefuseConnection Tag WarnWeakCrypto "
"$DUMP" -k >"$T/keywords"
[ "$(wc -l <"$T/keywords")" -gt 100 ] || fail "too few keywords"
while read -r k; do
	printf '%s x\n' "$k" >"$T/kw.conf"
	if ssh -G -F "$T/kw.conf" h 2>&1 | grep -q 'Bad configuration option'; then
		case $newer in *" $k "*) ;; *) fail "ssh does not know '$k'" ;; esac
	fi
done <"$T/keywords"
man=/usr/share/man/man5/ssh_config.5.gz
if [ -f "$man" ]; then
	zcat "$man" | sed -n 's/^\.It Cm \([A-Za-z0-9]*\).*/\1/p' | sort -u >"$T/man"
	[ "$(wc -l <"$T/man")" -gt 80 ] || fail "could not read $man"
	while read -r k; do
		grep -qix -- "$k" "$T/keywords" || fail "manual keyword '$k' unknown to us"
	done <"$T/man"
fi
echo "$n hosts resolved as ssh -G does"
exit 0
