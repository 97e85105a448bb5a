#!/usr/bin/env bash
# t7004: --host-key-check off connects without checking and warns once
# (one stderr line however many devices), writes no known_hosts; a device
# with host_key_check: off in the inventory is counted in that same line.
. "$(dirname "$0")/lib.sh"
netsim_start --devices 20 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
timeout 60 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" \
	--host-key-check off -j 20 --format jsonl 'show clock' \
	>"$T/out" 2>"$T/err" || fail "exit $?: $(cat "$T/err")"
expect_eq "ok results" 20 "$(jq -r 'select(.ok) | .device' "$T/out" | wc -l)"
[ ! -e "$T/kh" ] || fail "known_hosts written with checking off"
expect_eq "warning lines" 1 "$(grep -c 'host key checking is off' "$T/err")"
expect_grep '^netcollect: host key checking is off for 20 of 20 devices' "$T/err"
# Per device, from the inventory: only R3 unchecked.
awk '{ print } /name: "R3"/ { print "    host_key_check: off" }' \
	"$T/inv.yaml" >"$T/inv2.yaml"
chmod 600 "$T/inv2.yaml"
timeout 60 "$NETCOLLECT" -i "$T/inv2.yaml" --known-hosts "$T/kh" \
	--host-key-check strict -j 20 'show clock' >"$T/out" 2>"$T/err2"
expect_eq "strict exit" 1 "$?"
expect_grep '^20 devices: 1 ok, 19 failed (hostkey-unknown 19) in' "$T/err2"
expect_eq "warning lines" 1 "$(grep -c 'host key checking is off' "$T/err2")"
expect_grep '^netcollect: host key checking is off for 1 of 20 devices' "$T/err2"
# The default (accept-new) does not warn.
timeout 60 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" -j 20 \
	'show clock' >"$T/out" 2>"$T/err3" || fail "accept-new: exit $?"
expect_no_grep 'host key checking is off' "$T/err3"
