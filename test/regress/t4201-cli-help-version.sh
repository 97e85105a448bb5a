#!/usr/bin/env bash
# t4201-cli-help-version: -h/--help print the usage on stdout and exit 0;
# -V/--version print one line "netcollect X.Y.Z" (netsim the same), the
# version written once in include/version.h, and the man pages' headers
# say the same version.
. "$(dirname "$0")/lib.sh"

ver=$(sed -n 's/^#define NC_VERSION "\(.*\)"$/\1/p' "$TOP/include/version.h")
case $ver in [0-9]*.[0-9]*.[0-9]*) ;; *) fail "no X.Y.Z in include/version.h: [$ver]" ;; esac

for opt in -h --help; do
	run_nc $opt >"$T/out" 2>"$T/err"
	expect_eq "$opt exit status" 0 $?
	expect_eq "$opt stderr" "" "$(cat "$T/err")"
	expect_eq "$opt first line" "Usage: netcollect [options] [-i FILE] [COMMAND WORDS ...]" \
		"$(head -n 1 "$T/out")"
	expect_grep '^  -V, --version ' "$T/out"
	expect_grep '^  -f, --forks N ' "$T/out"
done
# --help wins over whatever follows it.
run_nc -h --bogus -j 0 >"$T/out" 2>"$T/err"
expect_eq "-h --bogus exit status" 0 $?
expect_eq "-h --bogus stderr" "" "$(cat "$T/err")"

for opt in -V --version; do
	run_nc $opt >"$T/out" 2>"$T/err"
	expect_eq "$opt exit status" 0 $?
	expect_eq "$opt output" "netcollect $ver" "$(cat "$T/out")"
	expect_eq "$opt stderr" "" "$(cat "$T/err")"
	"$NETSIM" $opt >"$T/out" 2>"$T/err"
	expect_eq "netsim $opt exit status" 0 $?
	expect_eq "netsim $opt output" "netsim $ver" "$(cat "$T/out")"
done
"$NETSIM" -h >"$T/out" 2>&1
expect_eq "netsim -h exit status" 0 $?
expect_grep '^usage: netsim ' "$T/out"

for page in netcollect.1 netsim.1; do
	expect_grep "^\.TH [A-Z]* 1 \"[^\"]*\" \"netcollect $ver\" " "$TOP/docs/$page"
done
