#!/usr/bin/env bash
# t4106-error-pattern-list: error_pattern: takes a list of site patterns
# (a device's own list replaces the defaults'); a line matching any of
# them makes the command a device-error; a pattern PCRE2 cannot compile is
# refused at load, naming file, line, column and the item.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0"
awk '/^routers:/ { print "defaults:\n  error_pattern: [\"^no such line$\", \"^Cisco IOS Software\"]" }
	{ print }
	/name: "R2"/ { print "    error_pattern: [\"^no such line$\"]" }' \
	"$T/inv.yaml" >"$T/p.yaml"
chmod 600 "$T/p.yaml"
run_nc -i "$T/p.yaml" --known-hosts "$T/kh" --format jsonl \
	-c "show version" >"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_eq "R1 refused by the second pattern, R2's own list replaces it" \
	"R1 device-error|R2 ok" \
	"$(jq -r '"\(.device) \(if .ok then "ok" else .error.kind end)"' "$T/out" | paste -sd'|')"
expect_grep "^'show version' refused: Cisco IOS Software" \
	<(jq -r 'select(.device == "R1") | .error.message' "$T/out")

sed 's/"\^no such line\$"\]$/"^no such line$", "(oops"]/' "$T/p.yaml" >"$T/bad.yaml"
chmod 600 "$T/bad.yaml"
run_nc -i "$T/bad.yaml" --known-hosts "$T/kh" -c "show version" >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_eq "bad pattern" \
	"$T/bad.yaml:13:39: routers[1]: error_pattern[1]: '(oops' is not a valid PCRE2 pattern: missing closing parenthesis (at offset 5)" \
	"$(cat "$T/err")"
