#!/usr/bin/env bash
# t4027-collect-hup-quit: SIGHUP and SIGQUIT mid-run end it as SIGTERM
# does, in every mode: the results already in are kept, the unfinished
# devices are 'interrupted', --format json is still one valid document,
# the summary names the signal, and the exit status is 128+N (129, 131).
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || skip "no $PY"

# R1 answers at once; R2-R4 take 3 s per command.
netsim_start --devices 4 --base "$TEST_NET.1:0" --set 2-4:latency=3000
chmod 600 "$T/inv.yaml"
for mode in process thread serial; do
	for sig in HUP QUIT; do
		rm -f "$T/trace"
		mkfifo "$T/trace"
		# exec, so that $! is netcollect itself and not a subshell.
		{ exec "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" \
			--trace --mode $mode -j 4 --format json "show clock" \
			>"$T/out" 2>"$T/trace"; } &
		nc=$!
		track "$nc"
		# Read the trace until the first result (R1) is in (no sleeps).
		exec 7<"$T/trace"
		got=0
		: >"$T/err"
		while [ $got -lt 1 ] && IFS= read -r -t 30 line <&7; do
			echo "$line" >>"$T/err"
			case $line in "<=== "*) got=1 ;; esac
		done
		expect_eq "$mode $sig: R1 before the signal" 1 "$got"
		kill -$sig "$nc"
		cat <&7 >>"$T/err"
		exec 7<&-
		wait "$nc"
		rc=$?
		expect_eq "$mode $sig: exit status" $((128 + $(kill -l $sig))) "$rc"
		# R2 may be finishing in serial mode (it runs inline).
		"$PY" - "$T/out" >"$T/kinds" <<'PY' || fail "$mode $sig: json: $(head -c 300 "$T/out")"
import json, sys
for d in json.load(open(sys.argv[1]))["results"]:
    print(d["device"], "ok" if d["ok"] else d["error"]["kind"])
PY
		want="R1 ok|R2 interrupted|R3 interrupted|R4 interrupted"
		got=$(sort "$T/kinds" | paste -sd'|')
		[ "$mode" = serial ] && got=${got/R2 ok/R2 interrupted}
		expect_eq "$mode $sig: kinds" "$want" "$got"
		expect_grep "^netcollect: interrupted by SIG$sig: results are partial\$" "$T/err"
		expect_grep '^4 devices: .* in ' "$T/err"
	done
done

# A SIGHUP ignored from the start (nohup) stays ignored: the run goes on.
rm -f "$T/trace"
mkfifo "$T/trace"
{ trap '' HUP; exec "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" \
	--trace --limit R2 --format json "show clock" >"$T/out" 2>"$T/trace"; } &
nc=$!
track "$nc"
exec 7<"$T/trace"
IFS= read -r -t 30 line <&7 || fail "nohup: no trace"
kill -HUP "$nc"
cat <&7 >"$T/err"
wait "$nc"
expect_eq "nohup: exit status" 0 "$?"
expect_grep '^1 devices\?: 1 ok' "$T/err"
