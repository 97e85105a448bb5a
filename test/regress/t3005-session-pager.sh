#!/usr/bin/env bash
# t3005: when paging cannot be turned off (type generic sends no paging
# command) the --More-- pagers are answered and removed: the output is
# byte-identical to the same command with paging off.
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
netsim_start --devices 1 --base 127.0.0.1:0 --set interfaces=12
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | head -n 1 | tr -d "\"'"; }
ncs() {
	timeout 30 "$NCS" --host "$(dev ip)" --port "$(dev port)" \
		--user "$(dev username)" --password "$(dev password)" \
		--secret "$(dev secret)" --known-hosts "$T/kh" "$@"
}
mkdir -p "$T/paged" "$T/flat"
ncs --type generic --session-log "$T/paged.log" --out "$T/paged" \
	'show interfaces' 'show clock' >"$T/stdout" 2>&1 ||
	{ cat "$T/stdout"; fail "paged run failed"; }
ncs --type cisco_ios --out "$T/flat" 'show interfaces' >"$T/stdout2" 2>&1 ||
	{ cat "$T/stdout2"; fail "flat run failed"; }
expect_grep 'More' "$T/paged.log"
expect_no_grep 'More' "$T/paged/1"
[ "$(wc -l <"$T/paged/1")" -gt 30 ] || fail "output too short to page"
expect_file_eq "$T/flat/1" "$T/paged/1"
expect_grep UTC "$T/paged/2"
