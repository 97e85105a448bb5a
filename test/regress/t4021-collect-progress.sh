#!/usr/bin/env bash
# t4021-collect-progress: on a terminal stderr shows a progress line with
# done/ok/failed/running counts and, once a device is done, an ETA; it is
# erased before anything else is printed and never reaches a file or a
# pipe.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || skip "no script(1)"

netsim_start --devices 6 --base "$TEST_NET.1:0" --latency 200
chmod 600 "$T/inv.yaml"
script -qfec "$NETCOLLECT -i $T/inv.yaml --known-hosts $T/kh -j 2 --color never 'show clock'" \
	"$T/tty.raw" >/dev/null 2>&1 </dev/null
sed -e 's/\r\x1b\[K/\n/g' -e 's/\r$//' "$T/tty.raw" >"$T/tty"
grep -qE '^\[[1-5]/6\] ok [1-5], failed 0, running [12], [0-9.]+s, ETA [0-9]+s$' "$T/tty" ||
	{ cat "$T/tty" >&2; fail "no progress line with an ETA on the terminal"; }
expect_eq "results on the terminal" 6 "$(grep -c '^=== R[1-6] (.*) ok ' "$T/tty")"
# Each progress line is erased: no result line starts after one.
expect_no_grep 's=== ' "$T/tty"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" -j 2 "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_no_grep $'\r' "$T/err"
expect_no_grep 'ETA' "$T/err"
expect_eq "stderr in a file" "6 devices: 6 ok, 0 failed in" "$(sed -E 's/ in [0-9.]+s$/ in/' "$T/err")"
