#!/usr/bin/env bash
# t4203-cli-stdin: "-i -" reads the inventory from stdin and
# "--commands-file -" the commands; not both at once (a clear error, exit
# 2). A bad inventory on stdin is named <stdin> in its messages.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0"
run_nc -i - --known-hosts "$T/kh" --format jsonl "show clock" <"$T/inv.yaml" \
	>"$T/out" 2>"$T/err"
expect_eq "-i - exit status" 0 $?
expect_eq "-i - devices" "R1 true
R2 true" "$(jq -r '.device + " " + (.ok | tostring)' "$T/out")"

chmod 600 "$T/inv.yaml"
printf '# from stdin\nshow clock\n\nshow privilege\n' |
	run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl \
		--commands-file - >"$T/out" 2>"$T/err"
expect_eq "--commands-file - exit status" 0 $?
expect_eq "--commands-file - commands" "show clock,show privilege
show clock,show privilege" "$(jq -r '[.outputs[].command] | join(",")' "$T/out")"

run_nc -i - --commands-file - <"$T/inv.yaml" >"$T/out" 2>"$T/err"
expect_eq "both exit status" 2 $?
expect_eq "both stdout" "" "$(cat "$T/out")"
expect_eq "both message" "netcollect: -i - and --commands-file - cannot both read stdin: give one of them a file
Try 'netcollect --help'." "$(cat "$T/err")"

printf 'routers:\n- {name: R1, ip: 127.0.0.1, pasword: x}\n' |
	run_nc -i - "show clock" >"$T/out" 2>"$T/err"
expect_eq "bad stdin inventory exit status" 2 $?
expect_grep "^<stdin>:2:[0-9]*: routers\[0\]: unknown key 'pasword' (did you mean 'password'?)\$" "$T/err"
