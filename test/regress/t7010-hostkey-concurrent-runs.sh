#!/usr/bin/env bash
# t7010: five accept-new runs started together against the same 30 new
# devices and one known_hosts file record each key once: the file ends
# with 30 lines, one per [host]:port, no duplicate; each run exits 0.
. "$(dirname "$0")/lib.sh"
ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/hostkey" || skip "no ssh-keygen"
netsim_start --devices 30 --base "$TEST_NET.1:0" --host-key "$T/hostkey"
chmod 600 "$T/inv.yaml"
pids=()
for k in 1 2 3 4 5; do
	timeout 60 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" -j 30 \
		'show clock' >/dev/null 2>"$T/err.$k" &
	pids+=($!)
done
for k in 1 2 3 4 5; do
	wait "${pids[k - 1]}" || fail "run $k: exit $?: $(cat "$T/err.$k")"
	expect_grep '^30 devices: 30 ok, 0 failed in' "$T/err.$k"
done
key=$(cut -d' ' -f1,2 "$T/hostkey.pub")
paste -d' ' <(sed -n 's/^ *ip: "\(.*\)"/\1/p' "$T/inv.yaml") \
	<(sed -n 's/^ *port: //p' "$T/inv.yaml") |
	awk -v k="$key" '{ print "[" $1 "]:" $2 " " k }' | sort >"$T/want"
expect_eq "duplicate lines" "" "$(sort "$T/kh" | uniq -d)"
sort "$T/kh" >"$T/got"
expect_file_eq "$T/want" "$T/got"
