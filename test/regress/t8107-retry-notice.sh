#!/usr/bin/env bash
# t8107: each retry is one line on stderr naming the device, the cause,
# the attempt of all and the wait before the next (printed by the parent
# from the worker's NOTICE frame), in every mode; none after the last
# attempt, none for a device that needed no retry; -q hides them.
. "$(dirname "$0")/lib.sh"
# Per mode 4 devices: drops 1, drops 2, healthy, drops 1 (for -q).
netsim_start --devices 12 --base "$TEST_NET.1:0" \
	--set 1,4,5,8,9,12:fail_first=1 --set 2,6,10:fail_first=2
chmod 600 "$T/inv.yaml"
mode_of=(process thread serial)
for k in 0 1 2; do
	m=${mode_of[$k]} b=$((k * 4))
	a=R$((b + 1)) c=R$((b + 2)) h=R$((b + 3)) q=R$((b + 4))
	run_nc -i "$T/inv.yaml" --host-key-check off --mode "$m" --limit "$a,$c,$h" \
		--retries 1 --retry-wait 0.05 "show clock" >/dev/null 2>"$T/err"
	expect_eq "$m: exit status" 1 $?
	grep -F retrying "$T/err" | sort >"$T/got"
	port_a=$(inv_field $((b + 1)) port) port_c=$(inv_field $((b + 2)) port)
	ip_a=$(inv_field $((b + 1)) ip) ip_c=$(inv_field $((b + 2)) ip)
	sort >"$T/want" <<-W
		netcollect: $a: closed: $ip_a port $port_a closed the connection before the SSH banner (attempt 1 of 2); retrying in 0.05 s
		netcollect: $c: closed: $ip_c port $port_c closed the connection before the SSH banner (attempt 1 of 2); retrying in 0.05 s
	W
	expect_file_eq "$T/want" "$T/got"
	expect_grep "^$c (.*): closed: .* closed the connection before the SSH banner\$" "$T/err"
	expect_grep '^3 devices: 2 ok, 1 failed (closed 1) in ' "$T/err"
	# -q: a retry that healed leaves stderr empty.
	run_nc -i "$T/inv.yaml" --host-key-check off --mode "$m" --limit "$q" -q \
		--retries 1 --retry-wait 0.05 "show clock" >/dev/null 2>"$T/err"
	expect_eq "$m: -q: exit status" 0 $?
	expect_eq "$m: -q: stderr" "" "$(cat "$T/err")"
done
