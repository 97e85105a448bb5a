#!/usr/bin/env bash
# t4019-collect-color: on a terminal (a pty through script(1)) the header
# is bold, ok green, a failure red, in the results and the summary; never
# in a pipe or a file; off with NO_COLOR, --color never or --no-color;
# --color always forces it into a pipe.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || skip "no script(1)"

netsim_start --devices 2 --base "$TEST_NET.1:0" --fault auth_fail:2
chmod 600 "$T/inv.yaml"
args="-i $T/inv.yaml --known-hosts $T/kh"
tty() { # tty LOG CMD...: run on a pty; LOG gets what the screen showed
	local log=$1
	shift
	script -qfec "env TERM=xterm-256color $*" "$log.raw" >/dev/null 2>&1 </dev/null
	# The progress line's erase ("\r ESC[K") starts a line; no CRs.
	sed -e 's/\r\x1b\[K/\n/g' -e 's/\r$//' "$log.raw" >"$log"
}

tty "$T/tty.log" "$NETCOLLECT" $args "'show clock'"
expect_grep $'^\e\\[1m=== R1 (.*)\e\\[0m \e\\[32mok\e\\[0m ' "$T/tty.log"
expect_grep $'^\e\\[1m=== R2 (.*)\e\\[0m \e\\[31mauth\e\\[0m ' "$T/tty.log"
expect_grep $'^2 devices: \e\\[32m1 ok\e\\[0m, \e\\[31m1 failed\e\\[0m (auth 1) in ' "$T/tty.log"
expect_grep $'^R2 (.*): \e\\[31mauth\e\\[0m: ' "$T/tty.log"

for off in "NO_COLOR=1 $NETCOLLECT $args" "$NETCOLLECT $args --color never" \
	"$NETCOLLECT $args --no-color"; do
	tty "$T/off.log" "$off" "'show clock'"
	expect_grep '^=== R1 (.*) ok ' "$T/off.log"
	expect_no_grep $'\e\\[[0-9;]*m' "$T/off.log"
done

run_nc $args "show clock" >"$T/pipe" 2>&1
expect_no_grep $'\e\\[' "$T/pipe"
run_nc $args --color always "show clock" >"$T/always" 2>&1
expect_grep $'^\e\\[1m=== R1 (.*)\e\\[0m \e\\[32mok\e\\[0m ' "$T/always"
run_nc $args --color sometimes "show clock" >"$T/out" 2>"$T/err"
expect_eq "bad --color: exit status" 2 $?
expect_grep "^netcollect: --color: 'sometimes' is not one of auto, always, never$" "$T/err"
