#!/usr/bin/env bash
# t7006: an inventory holding a literal password that others can read gets
# one warning naming it (and the run goes on); mode 0600, or a file with
# ${ENV} references only, gets none.
. "$(dirname "$0")/lib.sh"
netsim_start --devices 2 --base "$TEST_NET.1:0"
inv=$T/inv.yaml
run() { timeout 60 "$NETCOLLECT" -i "$1" --known-hosts "$T/kh" 'show clock' \
	>/dev/null 2>"$T/err" || fail "$1: exit $?: $(cat "$T/err")"; }
chmod 644 "$inv"
run "$inv"
expect_eq "warnings" 1 "$(grep -c 'readable by others' "$T/err")"
expect_grep "^netcollect: $inv holds passwords and is readable by others (chmod 600 $inv)\$" "$T/err"
expect_grep '^2 devices: 2 ok, 0 failed in' "$T/err"
chmod 604 "$inv"
run "$inv"
expect_grep 'readable by others' "$T/err"
chmod 600 "$inv"
run "$inv"
expect_no_grep 'readable by others' "$T/err"
chmod 640 "$inv"
run "$inv"
expect_no_grep 'readable by others' "$T/err"
sed -e 's/^\( *password:\).*/\1 ${NC_T_PW}/' -e 's/^\( *secret:\).*/\1 ${NC_T_SEC}/' \
	"$inv" >"$T/env.yaml"
chmod 644 "$T/env.yaml"
NC_T_PW=admin NC_T_SEC=s3cret run "$T/env.yaml"
expect_no_grep 'readable by others' "$T/err"
expect_grep '^2 devices: 2 ok, 0 failed in' "$T/err"
# An unset variable is an inventory error: nothing runs, exit 2.
timeout 60 "$NETCOLLECT" -i "$T/env.yaml" --known-hosts "$T/kh" 'show clock' \
	>"$T/out" 2>"$T/err"
expect_eq "unset variable exit" 2 "$?"
expect_grep 'NC_T_PW' "$T/err"
expect_eq "stdout" "" "$(cat "$T/out")"
