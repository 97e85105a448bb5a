#!/usr/bin/env bash
# t4002-collect-json: --format json and jsonl parse back with jq and carry
# the documented fields, several commands in order, exact outputs.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0" --fault auth_fail:2
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl \
	-c "show ip interface brief" -c "show version" >"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_eq "jsonl lines" 2 "$(wc -l <"$T/out")"
jq -e . "$T/out" >/dev/null || fail "jsonl is not valid JSON"

line1=$(sed -n 1p "$T/out")
expect_eq "fields" \
	'["attempts","device","device_type","error","finished","group","host","ok","outputs","port","started","timings"]' \
	"$(jq -c 'keys' <<<"$line1")"
expect_eq "timing fields" '["auth","commands","connect","enable","total"]' \
	"$(jq -c '.timings | keys' <<<"$line1")"
expect_eq "R1" 'R1 127.0.0.1 routers cisco_ios true null' \
	"$(jq -r '[.device, .host, .group, .device_type, .ok, .error] | map(tostring) | join(" ")' <<<"$line1" |
		sed "s/$TEST_NET\.1/127.0.0.1/")"
expect_eq "commands in order" '["show ip interface brief","show version"]' \
	"$(jq -c '[.outputs[].command]' <<<"$line1")"
host=$(inv_field 1 ip)
port=$(inv_field 1 port)
expect_eq "port" "$port" "$(jq -r .port <<<"$line1")"
ssh_show "$host" "$port" "show version" >"$T/want"
jq -j '.outputs[1].output' <<<"$line1" >"$T/got"
echo >>"$T/got"
expect_file_eq "$T/want" "$T/got"
jq -e '.started | test("^20[0-9-]+T[0-9:.]+Z$")' <<<"$line1" >/dev/null ||
	fail "started is not an ISO-8601 UTC time: $line1"

line2=$(sed -n 2p "$T/out")
expect_eq "R2 failure" 'false auth 0' \
	"$(jq -r '[.ok, .error.kind, (.outputs | length)] | map(tostring) | join(" ")' <<<"$line2")"
# A login that failed still says how long it got: connected, then auth.
expect_eq "R2 timings" 'true true true true' \
	"$(jq -r '.timings | [.connect > 0, .auth > 0, .enable == 0, .total >= .connect + .auth] | map(tostring) | join(" ")' <<<"$line2")"

# The json document: results in input order plus a summary.
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format json "show clock" \
	>"$T/doc" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_eq "summary" '{"devices":2,"ok":1,"failed":1,"errors":{"auth":1},"not_started":0,"interrupted":false}' \
	"$(jq -c '.summary | del(.elapsed)' "$T/doc")"
expect_eq "devices" 'R1 R2' "$(jq -r '[.results[].device] | join(" ")' "$T/doc")"
jq -e '.results[0].outputs[0].output | test("^\\*[0-9:.]+ UTC ")' "$T/doc" >/dev/null ||
	fail "show clock output wrong: $(jq .results[0] "$T/doc")"
