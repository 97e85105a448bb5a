#!/usr/bin/env bash
# t7001: --host-key-check strict refuses every unknown host key
# (hostkey-unknown with the key's SHA256 fingerprint), records nothing,
# and accepts the devices once their keys are known.
. "$(dirname "$0")/lib.sh"
netsim_start --devices 10 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
for mode in process thread serial; do
	timeout 60 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" \
		--host-key-check strict --mode "$mode" -j 10 --format jsonl \
		'show clock' >"$T/out" 2>"$T/err"
	expect_eq "$mode exit" 1 "$?"
	[ ! -s "$T/kh" ] || fail "$mode: strict mode wrote known_hosts"
	expect_eq "$mode kinds" "hostkey-unknown x10" \
		"$(jq -r '.error.kind' "$T/out" | sort | uniq -c | awk '{ print $2 " x" $1 }')"
	expect_eq "$mode outputs" 0 "$(jq '.outputs | length' "$T/out" | grep -vc '^0$')"
	for n in $(seq 10); do
		expect_grep "^R$n ($TEST_NET.$n:[0-9]*): hostkey-unknown: host key for $TEST_NET.$n port [0-9]* is not known (ssh-ed25519 SHA256:[A-Za-z0-9+/]\{43\})\$" "$T/err"
	done
done
# Learn the keys (accept-new), then strict accepts them.
timeout 60 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" -j 10 \
	'show clock' >/dev/null 2>"$T/err" || fail "accept-new: $(cat "$T/err")"
expect_eq "known_hosts lines" 10 "$(wc -l <"$T/kh")"
timeout 60 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" \
	--host-key-check strict -j 10 'show clock' >/dev/null 2>"$T/err" ||
	fail "strict with known keys: $(cat "$T/err")"
expect_grep '^10 devices: 10 ok, 0 failed in' "$T/err"
