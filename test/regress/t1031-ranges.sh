#!/usr/bin/env bash
# t1031-ranges: --set/--fault ranges pick exactly their devices; bad specs exit 2 with one line
. "$(dirname "$0")/lib.sh"

netsim_start --devices 5 --base 127.0.0.1:0 --per-port --fault drop_on_connect:1,3-4 \
	--set 2,5:hostname=edge
for n in 1 2 3 4 5; do
	rc=0
	printf 'exit\n' | sim "$(port $n)" >"$T/out.$n" 2>"$T/err" || rc=$?
	case $n in
	1 | 3 | 4) [ $rc != 0 ] || fail "device $n did not drop" ;;
	*)
		[ $rc = 0 ] || fail "device $n: $(cat "$T/err")"
		expect_file_eq <(printf '\r\nedge>exit\r\n') "$T/out.$n"
		;;
	esac
done
bad()
{
	local rc=0
	"$NETSIM" --devices 3 "$@" >"$T/out" 2>"$T/err" || rc=$?
	expect_eq "exit status for $*" 2 "$rc"
	expect_eq "lines for $*" 1 "$(wc -l <"$T/err")"
}
bad --fault auth_fail:0
bad --fault auth_fail:2-4
bad --fault no_such_fault
bad --set 1:latency=-5
bad --set 1:colour=blue
bad --set latency
expect_file_eq <(echo "netsim: --set: unknown key 'colour'") <("$NETSIM" --devices 1 --set colour=blue 2>&1)
expect_file_eq <(echo "netsim: --fault: bad device range '2-4' (1..3)") <("$NETSIM" --devices 3 --fault auth_fail:2-4 2>&1)
