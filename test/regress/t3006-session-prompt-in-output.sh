#!/usr/bin/env bash
# t3006: a line that looks like the prompt inside a command's output does
# not end the read (Netmiko stops there); the next command still lines up.
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
netsim_start --devices 1 --base 127.0.0.1:0 --fault prompt_in_output
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | head -n 1 | tr -d "\"'"; }
mkdir -p "$T/out"
timeout 20 "$NCS" --host "$(dev ip)" --port "$(dev port)" \
	--user "$(dev username)" --password "$(dev password)" \
	--secret "$(dev secret)" --known-hosts "$T/kh" --out "$T/out" \
	'show version' 'show clock' >"$T/stdout" 2>&1 ||
	{ cat "$T/stdout"; fail "ncsession failed"; }
host=$(sed -n 's/^[ -]*name: *//p' "$T/inv.yaml" | head -n 1 | tr -d "\"'")
# The prompt-like line is there, and more output follows it.
n=$(grep -n "^$host[#>]" "$T/out/1" | head -n 1 | cut -d: -f1)
[ -n "$n" ] || { cat "$T/out/1"; fail "no prompt-like line in output"; }
[ "$(wc -l <"$T/out/1")" -ge "$n" ] || fail "output ends at the fake prompt"
expect_grep UTC "$T/out/2"
expect_no_grep 'show clock' "$T/out/2"
