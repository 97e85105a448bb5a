#!/usr/bin/env bash
# t4202-cli-did-you-mean: a mistyped long option is one line naming the
# nearest option (getopt_long's own message is not printed), then the
# pointer to --help; exit 2 and nothing on stdout, before any inventory
# is read.
. "$(dirname "$0")/lib.sh"

check()
{
	local want=$1
	shift
	run_nc "$@" >"$T/out" 2>"$T/err"
	expect_eq "exit status of $*" 2 $?
	expect_eq "stdout of $*" "" "$(cat "$T/out")"
	expect_eq "stderr of $*" "$want
Try 'netcollect --help'." "$(cat "$T/err")"
}

check "netcollect: unknown option '--formt' (did you mean '--format'?)" \
	-i /nonexistent --formt json "show clock"
check "netcollect: unknown option '--formt' (did you mean '--format'?)" --formt=json
check "netcollect: unknown option '--limt' (did you mean '--limit'?)" --limt R1
check "netcollect: unknown option '--verbsoe' (did you mean '--verbose'?)" --verbsoe
check "netcollect: unknown option '--frobnicate'" --frobnicate
check "netcollect: option '--ask' is ambiguous (--ask-pass, --ask-secret)" --ask
check "netcollect: option '--quiet' takes no argument" --quiet=yes
check "netcollect: option '--format' needs an argument" --format
check "netcollect: unknown option '-Z'" -Z
# An abbreviation that names one option is that option.
run_nc --vers >"$T/out" 2>"$T/err"
expect_eq "--vers exit status" 0 $?
expect_grep '^netcollect [0-9]' "$T/out"
