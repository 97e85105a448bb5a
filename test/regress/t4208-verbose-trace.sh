#!/usr/bin/env bash
# t4208-verbose-trace: -v traces each device stage by stage, with what
# each stage took, like ssh -v: the TCP connect, the algorithms the
# handshake agreed on, the auth methods offered, tried and accepted, the
# prompt found, and each command's bytes; a failed login says which
# methods were tried; through jump hosts the connect line says how many.
# In every mode; -vv too; no password or secret ever
# appears. Without -v there is no trace.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0" --password 'pw-Trace5' --secret 'en-Trace5'
chmod 600 "$T/inv.yaml"
port1=$(sed -n 's/^ *port: //p' "$T/inv.yaml" | head -n 1)
ms='([0-9][0-9]*\.[0-9] ms)$'
for mode in process thread serial; do
	for v in -v -vv; do
		run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --mode $mode $v \
			-c 'show clock' -c 'show version' >"$T/out" 2>"$T/err"
		expect_eq "$mode $v: exit status" 0 $?
		expect_no_grep 'Trace5' "$T/err"
		for r in R1 R2; do
			n=${r#R}
			grep "^netcollect: $r: " "$T/err" | sed "s/^netcollect: $r: //" |
				grep -v '^new host key recorded in ' >"$T/$r"
			expect_eq "$mode $v: $r: stages" 6 "$(wc -l <"$T/$r")"
			expect_grep "^connect to $TEST_NET.$n port [0-9]*: connected $ms" "$T/$r"
			expect_grep "^ssh: kex [a-z0-9@.-]*, host key ssh-ed25519, cipher [a-z0-9@.-]*, mac [a-z0-9@.-]*, compression none, fingerprint SHA256:[A-Za-z0-9+/]* $ms" "$T/$r"
			expect_grep "^auth: server offers [a-z,-]*password[a-z,-]*, tried password, accepted password $ms" "$T/$r"
			expect_grep "^prompt '$r#' found, ready for commands $ms" "$T/$r"
			expect_grep "^command 'show clock': [0-9]* bytes $ms" "$T/$r"
			expect_grep "^command 'show version': [0-9]* bytes $ms" "$T/$r"
		done
		# The byte counts are those of the outputs printed.
		clock=$(run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --limit R1 \
			--format jsonl 'show clock' 2>/dev/null | /usr/bin/python3 -c '
import json, sys; print(len(json.loads(sys.stdin.readline())["outputs"][0]["output"].encode()))')
		expect_grep "^command 'show clock': $clock bytes " "$T/R1"
	done
done

# A wrong password: the trace says what was offered and tried.
sed 's/pw-Trace5/wrong-Trace5/' "$T/inv.yaml" >"$T/bad.yaml"
chmod 600 "$T/bad.yaml"
run_nc -i "$T/bad.yaml" --known-hosts "$T/kh" --limit R1 -v 'show clock' >"$T/out" 2>"$T/err"
expect_eq "wrong password: exit status" 1 $?
expect_grep "^netcollect: R1: auth failed: server offers [a-z,-]*, tried password,keyboard-interactive $ms" "$T/err"
expect_no_grep 'Trace5' "$T/err"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" 'show clock' >"$T/out" 2>"$T/err"
expect_no_grep '^netcollect: R[12]: ' "$T/err"


# Through two jump hosts (an ssh_config ProxyJump chain, two_hop_lab's,
# as t3701's): the connect line says so.
ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/id" || skip "no ssh-keygen"
netsim_stop
netsim_start --devices 3 --base 127.0.0.1:0 --per-port --set "1-2:authorized_keys=$T/id.pub"
two_hop_lab
run_nc -i "$T/via.yaml" --ssh-config "$T/ssh_config" --known-hosts "$T/kh2" -v \
	'show clock' >"$T/out" 2>"$T/err"
expect_eq "through jump hosts: exit status" 0 $?
expect_grep "^netcollect: far: connect to 127.0.0.1 port $(port 3) through 2 jump hosts: connected $ms" "$T/err"
expect_grep "^netcollect: far: prompt 'R3#' found, ready for commands $ms" "$T/err"

# A password equal to the user name (admin/admin, as in this lab and
# many others) is not shown either: the trace names no user.
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh3" --limit R3 -v 'show clock' >"$T/out" 2>"$T/err"
expect_eq "user = password: exit status" 0 $?
expect_grep "^netcollect: R3: auth: server offers " "$T/err"
expect_no_grep 'admin' "$T/err"
