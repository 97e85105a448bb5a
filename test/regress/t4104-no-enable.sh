#!/usr/bin/env bash
# t4104-no-enable: a device with enable: false (or every device with
# --no-enable) is never sent "enable": it stays at its login privilege,
# and a wrong secret does not matter; the others still enable.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0"
sed -e 's/secret: "s3cret"/secret: "wrong"/' \
	-e '/name: "R1"/a\    enable: false' "$T/inv.yaml" >"$T/ne.yaml"
chmod 600 "$T/ne.yaml"
# R2 keeps enable: the wrong secret fails it.
run_nc -i "$T/ne.yaml" --known-hosts "$T/kh" --format jsonl \
	"show privilege" >"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_eq "R1 unprivileged, R2 enable failed" "R1 Current privilege level is 1|R2 enable" \
	"$(jq -r '"\(.device) \(if .ok then (.outputs[0].output | rtrimstr("\n")) else .error.kind end)"' "$T/out" | paste -sd'|')"

run_nc -i "$T/ne.yaml" --known-hosts "$T/kh" --format jsonl --no-enable \
	"show privilege" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "--no-enable: both unprivileged" \
	"R1 Current privilege level is 1|R2 Current privilege level is 1" \
	"$(jq -r '"\(.device) \(.outputs[0].output | rtrimstr("\n"))"' "$T/out" | paste -sd'|')"
