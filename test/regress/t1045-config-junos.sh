#!/usr/bin/env bash
# t1045-config-junos: Junos configuration mode. configure, set statements
# into the candidate (a bad one is "syntax error."), show, commit, delete
# (of nothing: a warning), exit with uncommitted changes asks (no stays),
# rollback, commit and-quit; show configuration reads it back. The
# candidate is the device's: an uncommitted change left with "yes" is
# still there for the next session. Exact bytes.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --set platform=juniper_junos \
	--set interfaces=2
printf '%s\n' 'set cli screen-length 0' configure \
	'set system ntp server 127.0.0.9' \
	'set interfaces ge-0/0/1 description bars-was-here' 'set foo bar' \
	'show system' commit 'delete system ntp' 'delete system foo' exit no \
	rollback 'commit and-quit' 'show configuration' configure \
	'set system location building-7' exit yes exit |
	sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "ssh: $(cat "$T/err")"
addr() { tr -d "\r" <"$T/out" | sed -n "s/^ *address \(10\.[0-9.]*\)\/24;$/\1/p" | sed -n "$1p"; }
e='\r\n[edit]\r\nadmin@R1# '
{
	printf '\r\nadmin@R1> set cli screen-length 0\r\nScreen length set to 0\r\n'
	printf 'admin@R1> configure\r\nEntering configuration mode\r\n'
	printf "$e"'set system ntp server 127.0.0.9\r\n'
	printf "$e"'set interfaces ge-0/0/1 description bars-was-here\r\n'
	printf "$e"'set foo bar\r\n              ^\r\nsyntax error.\r\n'
	printf "$e"'show system\r\nhost-name R1;\r\nntp {\r\n    server 127.0.0.9;\r\n}\r\n'
	printf "$e"'commit\r\ncommit complete\r\n'
	printf "$e"'delete system ntp\r\n'
	printf "$e"'delete system foo\r\nwarning: statement not found\r\n'
	printf "$e"'exit\r\nThe configuration has been changed but not committed\r\n'
	printf 'Exit with uncommitted changes? [yes,no] (yes) no\r\n'
	printf "$e"'rollback\r\nload complete\r\n'
	printf "$e"'commit and-quit\r\ncommit complete\r\nExiting configuration mode\r\n\r\n'
	printf 'admin@R1> show configuration\r\n'
	printf '## Last commit: 2017-08-28 05:01:23 UTC by admin\r\n'
	printf 'version 18.2R1.9;\r\nsystem {\r\n    host-name R1;\r\n    ntp {\r\n'
	printf '        server 127.0.0.9;\r\n    }\r\n}\r\ninterfaces {\r\n'
	printf '    ge-0/0/0 {\r\n        unit 0 {\r\n            family inet {\r\n'
	printf '                address %s/24;\r\n            }\r\n        }\r\n    }\r\n' "$(addr 1)"
	printf '    ge-0/0/1 {\r\n        description bars-was-here;\r\n'
	printf '        unit 0 {\r\n            family inet {\r\n'
	printf '                address %s/24;\r\n            }\r\n        }\r\n    }\r\n}\r\n' "$(addr 2)"
	printf 'admin@R1> configure\r\nEntering configuration mode\r\n'
	printf "$e"'set system location building-7\r\n'
	printf "$e"'exit\r\nThe configuration has been changed but not committed\r\n'
	printf 'Exit with uncommitted changes? [yes,no] (yes) yes\r\n'
	printf 'Exiting configuration mode\r\n\r\nadmin@R1> exit\r\n'
} >"$T/exp"
[ -n "$(addr 2)" ] || fail "no addresses in $(cat "$T/out")"
expect_file_eq "$T/exp" "$T/out"

printf '%s\n' configure 'show system' 'commit and-quit' exit |
	sim "$(port 1)" >"$T/out2" 2>"$T/err" || fail "ssh: $(cat "$T/err")"
{
	printf '\r\nadmin@R1> configure\r\nEntering configuration mode\r\n'
	printf 'The configuration has been changed but not committed\r\n'
	printf "$e"'show system\r\nhost-name R1;\r\nlocation building-7;\r\n'
	printf 'ntp {\r\n    server 127.0.0.9;\r\n}\r\n'
	printf "$e"'commit and-quit\r\ncommit complete\r\nExiting configuration mode\r\n\r\n'
	printf 'admin@R1> exit\r\n'
} >"$T/exp2"
expect_file_eq "$T/exp2" "$T/out2"
