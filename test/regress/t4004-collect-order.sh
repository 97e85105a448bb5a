#!/usr/bin/env bash
# t4004-collect-order: one slow device (the course's time.sleep example,
# scaled down). --order input prints like map() (R1 R2 R3); --order
# completion like as_completed() (R1 last). --trace prints the course's
# lines, the slow device's "<===" last either way.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base "$TEST_NET.1:0" --set 1:latency=500
chmod 600 "$T/inv.yaml"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --trace "show clock" \
	>"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "input order" "R1 R2 R3" \
	"$(sed -n 's/^=== \(R[0-9]*\) .*/\1/p' "$T/out" | xargs)"
# ===> 05:01:08.314962 Connection to device: 192.168.100.1
grep -E '^===> [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{6} Connection to device: 127\.[0-9.]+$' \
	"$T/err" >"$T/starts"
grep -E '^<=== [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{6} Received result from device: 127\.[0-9.]+$' \
	"$T/err" >"$T/ends"
expect_eq "===> lines" 3 "$(wc -l <"$T/starts")"
expect_eq "<=== lines" 3 "$(wc -l <"$T/ends")"
expect_eq "slow device last" "$(inv_field 1 ip)" "$(tail -n 1 "$T/ends" | awk '{print $NF}')"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --order completion "show clock" \
	>"$T/out2" 2>"$T/err2"
expect_eq "exit status" 0 $?
expect_eq "completion order: slow one last" "R1" \
	"$(sed -n 's/^=== \(R[0-9]*\) .*/\1/p' "$T/out2" | tail -n 1)"
expect_eq "three results" 3 "$(grep -c '^=== ' "$T/out2")"
