#!/usr/bin/env bash
# t8501: 1,000 devices with -j 200: exactly 1,000 results, all ok, each
# device once, every output non-empty and its own (names its host), and a
# sample of 25 devices byte-identical to a serial run of just those.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip "no jq"
netsim_start --devices 1000 --base 127.0.0.1:0 --per-port
chmod 600 "$T/inv.yaml"
timeout 120 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" -j 200 \
	--format jsonl 'show version' >"$T/out" 2>"$T/err" ||
	{ tail -n 20 "$T/err" >&2; fail "exit $?"; }
expect_grep '^1000 devices: 1000 ok, 0 failed in' "$T/err"
expect_eq results 1000 "$(wc -l <"$T/out")"
seq 1000 | sed 's/^/R/' >"$T/want"
jq -r .device "$T/out" >"$T/got"
expect_file_eq "$T/want" "$T/got"
expect_eq "not ok" "" "$(jq -r 'select(.ok | not) | .device' "$T/out")"
# Each output is there and is that device's: "RN uptime is".
wrong=$(jq -r '.device as $d | select((.outputs | length) != 1 or
	(.outputs[0].output | test("(^|\n)" + $d + " uptime is ") | not))
	| $d' "$T/out") || fail "jq failed"
expect_eq "wrong outputs" "" "$wrong"
expect_eq "known_hosts" 1000 "$(sort -u "$T/kh" | wc -l)"
sample=$(seq 7 40 1000 | sed 's/^/--limit R/')
# shellcheck disable=SC2086
timeout 60 "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" \
	--mode serial $sample --format jsonl 'show version' >"$T/sample" \
	2>"$T/serr" || fail "sample run: $(cat "$T/serr")"
expect_eq "sample size" 25 "$(wc -l <"$T/sample")"
jq -c '[.device, .outputs]' "$T/sample" >"$T/s1"
jq -c --slurpfile s <(jq -r .device "$T/sample" | jq -R . ) \
	'select(.device as $d | $s | index($d)) | [.device, .outputs]' \
	"$T/out" >"$T/s2"
expect_file_eq "$T/s1" "$T/s2"
