#!/usr/bin/env bash
# t7003: a device whose key differs from the recorded one is refused as
# hostkey-changed in accept-new and strict modes, the message shows both
# SHA256 fingerprints, known_hosts is not modified, other devices run.
. "$(dirname "$0")/lib.sh"
ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/k1" || skip "no ssh-keygen"
ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/k2" || skip "no ssh-keygen"
fp() { ssh-keygen -l -f "$1" | awk '{ print $2 }'; }
netsim_start --devices 10 --base "$TEST_NET.1:0" --host-key "$T/k1"
chmod 600 "$T/inv.yaml"
# Recorded keys: the real one (k1) for R1-R7, another one (k2) for R8-R10.
paste -d' ' <(sed -n 's/^ *ip: "\(.*\)"/\1/p' "$T/inv.yaml") \
	<(sed -n 's/^ *port: //p' "$T/inv.yaml") | awk -v k1="$(cut -d' ' -f1,2 "$T/k1.pub")" \
	-v k2="$(cut -d' ' -f1,2 "$T/k2.pub")" \
	'{ print "[" $1 "]:" $2 " " (NR > 7 ? k2 : k1) }' >"$T/kh"
cp "$T/kh" "$T/kh.orig"
for check in accept-new strict; do
	timeout 60 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" \
		--host-key-check "$check" -j 10 --format jsonl 'show clock' \
		>"$T/out" 2>"$T/err"
	expect_eq "$check exit" 1 "$?"
	expect_file_eq "$T/kh.orig" "$T/kh"
	expect_grep '^10 devices: 7 ok, 3 failed (hostkey-changed 3) in' "$T/err"
	for n in 8 9 10; do
		line=$(grep "^R$n ($TEST_NET.$n:" "$T/err") || fail "no line for R$n"
		case $line in
		*": hostkey-changed: "*"$(fp "$T/k1.pub")"*"$(fp "$T/k2.pub")"* | \
		*": hostkey-changed: "*"$(fp "$T/k2.pub")"*"$(fp "$T/k1.pub")"*) ;;
		*) fail "$check: R$n: [$line] lacks both fingerprints" ;;
		esac
		expect_eq "R$n outputs" 0 "$(jq --arg d "R$n" 'select(.device == $d) | .outputs | length' "$T/out")"
	done
done
