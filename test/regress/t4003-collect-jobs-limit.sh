#!/usr/bin/env bash
# t4003-collect-jobs-limit: -j 4 over 24 devices: netsim never sees more
# than 4 sessions at once, and does see 4 (the limit is used, not just
# respected).
. "$(dirname "$0")/lib.sh"

netsim_start --devices 24 --base "$TEST_NET.1:0" --latency 150
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" -j 4 -q "show clock" \
	>"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "ok results" 24 "$(grep -c '^=== R[0-9]* (.*) ok ' "$T/out")"
netsim_stop
expect_eq "netsim connections" 24 "$(netsim_stat connections)"
expect_eq "max simultaneous sessions" 4 "$(netsim_stat max_sessions)"
