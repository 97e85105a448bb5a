#!/usr/bin/env bash
# t7005: the password and the enable secret (from ${ENV} references) are
# never in netcollect's argv (ps -o args of netcollect and its children
# while a device hangs), nor in stdout (text and jsonl), stderr, the
# session logs or the error messages of a run with auth failures, enable
# failures and a hanging device; the ${ENV} references work (ok devices).
. "$(dirname "$0")/lib.sh"
PW='pw-Zq8vR2mX7kLp'
SEC='en-Xk4tW9cQ3bNs'
netsim_start --devices 12 --base "$TEST_NET.1:0" --password "$PW" \
	--secret "$SEC" --fault auth_fail:2-3 --set 4-5:secret=en-other-Y7 \
	--fault hang_after_auth:6
# Our own inventory: every secret from the environment.
{
	echo 'defaults:'
	echo '  username: admin'
	echo '  password: ${NC_T_PW}'
	echo '  secret: ${NC_T_SEC}'
	echo '  device_type: cisco_ios'
	echo 'routers:'
	paste -d' ' <(sed -n 's/^ *- name: "\(.*\)"/\1/p' "$T/inv.yaml") \
		<(sed -n 's/^ *ip: "\(.*\)"/\1/p' "$T/inv.yaml") \
		<(sed -n 's/^ *port: //p' "$T/inv.yaml") |
		awk '{ print "  - name: " $1 "\n    ip: " $2 "\n    port: " $3 }'
} >"$T/secret.yaml"
chmod 644 "$T/secret.yaml" # no literal password: no warning either
export NC_T_PW=$PW NC_T_SEC=$SEC
mkdir -p "$T/slog" "$T/odir"
for mode in process thread serial; do
	for fmt in text jsonl; do
		r=$mode.$fmt
		rm -f "$T/slog"/*
		"$NETCOLLECT" -i "$T/secret.yaml" --known-hosts "$T/kh" -j 12 \
			--mode "$mode" --format "$fmt" --read-timeout 3 \
			--session-log "$T/slog" --output-dir "$T/odir" -v \
			'show version' >"$T/$r.out" 2>"$T/$r.err" &
		pid=$!
		# While R6 hangs (R1-R5 printed, input order): argv of
		# netcollect and of its children.
		timeout 20 sh -c "until grep -aq '^=== R5 \\|\"device\":\"R5\"' \
			'$T/$r.out'; do :; done" || fail "$r: R5 never printed"
		ps -o args= -p "$pid" >"$T/$r.ps"
		ps -o args= --ppid "$pid" >>"$T/$r.ps"
		wait "$pid"
		expect_eq "$r exit" 1 "$?"
		grep -q netcollect "$T/$r.ps" || fail "$r: no ps sample"
		cat "$T/slog"/* >"$T/$r.slog"
		for f in "$T/$r.out" "$T/$r.err" "$T/$r.ps" "$T/$r.slog" "$T/odir"/*; do
			! grep -aqF -e "$PW" -e "$SEC" "$f" ||
				fail "$r: a secret is in $f"
		done
	done
	[ "$(ls "$T/slog" | wc -l)" -ge 12 ] || fail "$mode: session logs missing"
	expect_grep 'show version' "$T/$mode.text.slog"
done
# Then the results themselves: every kind of failure was exercised.
for r in process.text process.jsonl thread.text thread.jsonl serial.text \
	serial.jsonl; do
	expect_grep '^12 devices: 7 ok, 5 failed (auth 2, enable 2, prompt 1) in' "$T/$r.err"
	expect_no_grep 'readable by others' "$T/$r.err"
done
