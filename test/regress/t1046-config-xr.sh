#!/usr/bin/env bash
# t1046-config-xr: cisco_xr. Configuration lines wait in the session's
# candidate: commit applies them; end with uncommitted changes asks
# (cancel stays, no drops them, yes commits); abort drops them. Config
# prompts keep 31 characters before "(config)". Every show command
# prints the time line first (fixed_clock makes it exact). A new session
# reads the committed changes back, and nothing else.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --set platform=cisco_xr \
	--set fixed_clock=true --set hostname=edge-router-number-one
p=RP/0/RP0/CPU0:edge-router-number-one
c=RP/0/RP0/CPU0:edge-router-numbe # 31 characters
ask='Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:'
printf '%s\n' 'show clock' 'conf t' 'int gi0/0/0/1' 'description first' \
	end cancel 'description second' commit 'ntp server 127.0.0.9' end no \
	configure 'logging host 127.0.0.7' abort configure \
	'int gi0/0/0/2' shutdown end yes exit |
	sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "ssh: $(cat "$T/err")"
{
	printf '\r\n%s#show clock\r\nSat Mar  3 17:49:03.596 UTC\r\n' "$p"
	printf '*17:49:03.596 UTC Sat Mar 3 2018\r\n'
	printf '%s#conf t\r\n%s(config)#int gi0/0/0/1\r\n' "$p" "$c"
	printf '%s(config-if)#description first\r\n' "$c"
	printf '%s(config-if)#end\r\n%scancel\r\n' "$c" "$ask"
	printf '%s(config-if)#description second\r\n' "$c"
	printf '%s(config-if)#commit\r\n' "$c"
	printf '%s(config-if)#ntp server 127.0.0.9\r\n' "$c"
	printf '%s(config)#end\r\n%sno\r\n' "$c" "$ask"
	printf '%s#configure\r\n%s(config)#logging host 127.0.0.7\r\n' "$p" "$c"
	printf '%s(config)#abort\r\n' "$c"
	printf '%s#configure\r\n%s(config)#int gi0/0/0/2\r\n' "$p" "$c"
	printf '%s(config-if)#shutdown\r\n%s(config-if)#end\r\n%syes\r\n' "$c" "$c" "$ask"
	printf '%s#exit\r\n' "$p"
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"

printf 'terminal length 0\nshow running-config\nexit\n' | sim "$(port 1)" 2>&1 |
	tr -d '\r' >"$T/run"
sed -n '/^interface GigabitEthernet0\/0\/0\/[12]$/,/^!$/p' "$T/run" >"$T/secs"
head -n 3 "$T/secs" >"$T/got"
printf 'interface GigabitEthernet0/0/0/1\n description second\n ipv4 address %s\n' \
	"$(sed -n 's/^ ipv4 address //p' "$T/secs" | head -1)" >"$T/want"
expect_file_eq "$T/want" "$T/got"
expect_grep '^ shutdown$' "$T/secs"
expect_grep '^Sat Mar  3 17:49:03.596 UTC$' "$T/run"
expect_no_grep 'ntp server' "$T/run"
expect_no_grep 'logging host' "$T/run"
expect_no_grep 'description first' "$T/run"
