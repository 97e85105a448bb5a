#!/usr/bin/env bash
# t4007-collect-ctrl-c: SIGINT mid-run: the results already in are printed
# whole, unfinished devices are 'interrupted', the summary says so, the
# exit status is 130 (the signal re-raised), and no child is left behind.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

# R1-R2 answer at once; R3-R6 take 20 s per command.
netsim_start --devices 6 --base "$TEST_NET.1:0" --set 3-6:latency=20000
chmod 600 "$T/inv.yaml"
mkfifo "$T/trace"
# exec, so that $! is netcollect itself and not a subshell.
{ exec $NC_WRAP "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" --trace \
	-j 6 "show clock" >"$T/out" 2>"$T/trace"; } &
nc=$!
track "$nc"
# Read the trace until both quick devices were received (no sleeps).
exec 7<"$T/trace"
got=0
while [ $got -lt 2 ] && IFS= read -r -t 30 line <&7; do
	echo "$line" >>"$T/err"
	case $line in "<=== "*) got=$((got + 1)) ;; esac
done
expect_eq "quick results before Ctrl-C" 2 "$got"
kids=$(children_of "$nc")
[ -n "$kids" ] || fail "no worker children while running"
kill -INT "$nc"
cat <&7 >>"$T/err"
wait "$nc"
status=$?
expect_eq "exit status" 130 "$status"
for k in $kids; do
	kill -0 "$k" 2>/dev/null && fail "worker $k still alive after Ctrl-C"
done
expect_eq "headers" "R1 ok|R2 ok|R3 interrupted|R4 interrupted|R5 interrupted|R6 interrupted" \
	"$(sed -n 's/^=== \(R[0-9]*\) ([0-9.:]*) \([a-z-]*\) .*/\1 \2/p' "$T/out" | paste -sd'|')"
expect_eq "clock lines" 2 "$(grep -c '^\*[0-9:.]* UTC ' "$T/out")"
expect_grep '^netcollect: interrupted by SIGINT: results are partial$' "$T/err"
expect_grep '^6 devices: 2 ok, 4 failed (interrupted 4) in ' "$T/err"
