#!/usr/bin/env bash
# t7002: accept-new with 100 new devices at once (-j 100) records each key
# exactly once: 100 lines, one per [host]:port, no duplicate, each line the
# device's real key; a second run (every mode) adds nothing.
. "$(dirname "$0")/lib.sh"
ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/hostkey" || skip "no ssh-keygen"
netsim_start --devices 100 --base "$TEST_NET.1:0" --host-key "$T/hostkey"
chmod 600 "$T/inv.yaml"
timeout 60 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" -j 100 \
	'show clock' >/dev/null 2>"$T/err" || fail "exit $?: $(cat "$T/err")"
expect_grep '^100 devices: 100 ok, 0 failed in' "$T/err"
key=$(cut -d' ' -f1,2 "$T/hostkey.pub")
paste -d' ' <(sed -n 's/^ *ip: "\(.*\)"/\1/p' "$T/inv.yaml") \
	<(sed -n 's/^ *port: //p' "$T/inv.yaml") |
	awk -v k="$key" '{ print "[" $1 "]:" $2 " " k }' | sort >"$T/want"
sort "$T/kh" >"$T/got"
expect_file_eq "$T/want" "$T/got"
expect_eq "duplicate lines" "" "$(sort "$T/kh" | uniq -d)"
cp "$T/kh" "$T/kh.first"
for mode in process thread serial; do
	timeout 60 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" \
		-j 100 --mode "$mode" 'show clock' >/dev/null 2>"$T/err" ||
		fail "$mode: exit $?: $(cat "$T/err")"
	expect_file_eq "$T/kh.first" "$T/kh"
done
