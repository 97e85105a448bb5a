#!/usr/bin/env bash
# t3001: log in, enable and run commands on a netsim cisco_ios device with
# ncsession; the cleaned output has no echo, no prompt, no '\r', no
# trailing newline, and an abbreviated command gives the same bytes.
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
netsim_start --devices 1 --base 127.0.0.1:0 --set interfaces=4
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | head -n 1 | tr -d "\"'"; }
mkdir -p "$T/out"
timeout 20 "$NCS" --host "$(dev ip)" --port "$(dev port)" \
	--user "$(dev username)" --password "$(dev password)" \
	--secret "$(dev secret)" --known-hosts "$T/kh" --out "$T/out" \
	'show ip interface brief' 'sh ip int br' 'show clock' 'foo bar' \
	>"$T/stdout" 2>&1 || { cat "$T/stdout"; fail "ncsession failed"; }
expect_file_eq "$T/out/1" "$T/out/2"
# 4 interfaces plus the header line, no trailing newline.
expect_eq "lines" 4 "$(wc -l <"$T/out/1" | tr -d ' ')"
expect_grep '^Interface' "$T/out/1"
expect_no_grep 'show ip' "$T/out/1"
expect_no_grep '#$' "$T/out/1"
[ "$(tail -c 1 "$T/out/1" | od -An -c | tr -d ' ')" != '\n' ] ||
	fail "trailing newline"
! grep -q $'\r' "$T/out/1" || fail "carriage return in output"
expect_grep 'UTC' "$T/out/3"
# Device error text is output, not a failure.
expect_grep '% Invalid input detected' "$T/out/4"
expect_grep '^=== foo bar' "$T/stdout"
