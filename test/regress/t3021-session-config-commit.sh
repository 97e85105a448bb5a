#!/usr/bin/env bash
# t3021: a push on platforms whose lines wait in a candidate. Junos:
# configure, the set lines, commit and-quit; show configuration reads the
# change back. XR: configure terminal, the lines, commit, end. A refused
# line leaves nothing behind: Junos rolls the candidate back (the next
# configure finds no uncommitted change), XR aborts (nothing committed).
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0" --set interfaces=2 \
	--set 1:platform=juniper_junos --set 2:platform=cisco_xr
awk '/device_type:/ { n++; sub(/cisco_ios/, n == 1 ? "juniper_junos" : "cisco_xr") } { print }' \
	"$T/inv.yaml" >"$T/types.yaml"
chmod 600 "$T/types.yaml"
nc() { run_nc -i "$T/types.yaml" --known-hosts "$T/kh" --format jsonl "$@" >"$T/out" 2>"$T/err"; }
out() { jq -j ".outputs[$1].output" "$T/out"; }

nc --limit R1 --config-command "set system ntp server 127.0.0.9" \
	--config-command "set interfaces ge-0/0/1 description uplink" -c "show configuration system"
expect_eq "junos: exit status" 0 $?
e='\n[edit]\nadmin@R1# '
printf "configure\nEntering configuration mode\n$e%s\n$e%s\n$e%s\ncommit complete\nExiting configuration mode\n\nadmin@R1> " \
	"set system ntp server 127.0.0.9" "set interfaces ge-0/0/1 description uplink" \
	"commit and-quit" >"$T/exp"
out 0 >"$T/got"
expect_file_eq "$T/exp" "$T/got"
nc --limit R1 -c "show configuration"
out 0 >"$T/conf"
expect_grep '^        server 127\.0\.0\.9;$' "$T/conf"
expect_grep '^        description uplink;$' "$T/conf"

nc --limit R1 --config-command "set system location lab-7" --config-command "set foo bar"
expect_eq "junos refused: exit status" 1 $?
expect_eq "junos refused" "configuration line 'set foo bar' refused: syntax error." \
	"$(jq -r .error.message "$T/out")"
printf "configure\nEntering configuration mode\n$e%s\n$e%s\n%s\n%s\n$e%s\nload complete\n$e%s\nExiting configuration mode\n\nadmin@R1> " \
	"set system location lab-7" "set foo bar" "              ^" \
	"syntax error." rollback "exit configuration-mode" >"$T/exp"
out 0 >"$T/got"
expect_file_eq "$T/exp" "$T/got"
printf 'configure\nexit\nexit\n' | sim "$(port 1)" >"$T/ssh" 2>&1
expect_no_grep 'not committed' "$T/ssh"
nc --limit R1 -c "show configuration"
expect_no_grep 'lab-7' <(out 0)

p=RP/0/RP0/CPU0:R2
nc --limit R2 --config-command "interface GigabitEthernet0/0/0/1" \
	--config-command "description uplink"
expect_eq "xr: exit status" 0 $?
printf 'configure terminal\n%s(config)#interface GigabitEthernet0/0/0/1\n%s(config-if)#description uplink\n%s(config-if)#commit\n%s(config-if)#end\n%s#' \
	"$p" "$p" "$p" "$p" "$p" >"$T/exp"
out 0 >"$T/got"
expect_file_eq "$T/exp" "$T/got"
nc --limit R2 --config-command "ntp server 127.0.0.9" --config-command "foo"
expect_eq "xr refused: exit status" 1 $?
expect_eq "xr refused" "configuration line 'foo' refused: % Invalid input detected at '^' marker." \
	"$(jq -r .error.message "$T/out")"
expect_grep "^$p(config)#abort\$" <(out 0)
nc --limit R2 -c "show running-config"
out 0 >"$T/run"
expect_grep '^ description uplink$' "$T/run"
expect_no_grep 'ntp server' "$T/run"
