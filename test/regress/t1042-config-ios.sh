#!/usr/bin/env bash
# t1042-config-ios: configuration mode on IOS. configure terminal, a
# sub-mode, lines that replace, add and remove, a comment ("!"), a bad
# line (the caret and % Invalid input, still in the sub-mode), end. A new session sees
# the change in show running-config, exactly that change; another device
# does not.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base 127.0.0.1:0 --per-port --set config_size=100
show_run() { ssh_show 127.0.0.1 "$(port "$1")" 'show running-config' admin admin s3cret; }
show_run 1 >"$T/before"
show_run 2 >"$T/before2"
grep -q '^interface GigabitEthernet0/2$' "$T/before" || fail "no Gi0/2 in $(cat "$T/before")"

printf '%s\n' enable s3cret 'conf t' 'int gi0/1' 'description bars-was-here' \
	'ip adress 10.1.1.1 255.255.255.0' 'exit' 'interface Loopback0' \
	'ip address 10.9.9.9 255.255.255.255' '! the NTP server' \
	'ntp server 127.0.0.9' \
	'no interface GigabitEthernet0/2' 'end' 'exit' |
	sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "ssh: $(cat "$T/err")"
{
	printf '\r\nR1>enable\r\nPassword: \r\nR1#conf t\r\n'
	printf 'Enter configuration commands, one per line.  End with CNTL/Z.\r\n'
	printf 'R1(config)#int gi0/1\r\n'
	printf 'R1(config-if)#description bars-was-here\r\n'
	printf 'R1(config-if)#ip adress 10.1.1.1 255.255.255.0\r\n'
	printf '                 ^\r\n'
	printf "%% Invalid input detected at '^' marker.\r\n\r\n"
	printf 'R1(config-if)#exit\r\n'
	printf 'R1(config)#interface Loopback0\r\n'
	printf 'R1(config-if)#ip address 10.9.9.9 255.255.255.255\r\n'
	printf 'R1(config-if)#! the NTP server\r\n'
	printf 'R1(config-if)#ntp server 127.0.0.9\r\n'
	printf 'R1(config)#no interface GigabitEthernet0/2\r\n'
	printf 'R1(config)#end\r\nR1#exit\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"

show_run 1 >"$T/after"
# What the change should make of the first listing: Gi0/1's description
# replaced, Gi0/2 and its "!" gone, Loopback0 after the last generated
# interface, ntp before "end", and the size recounted (-5 -113 +59 +23).
awk '
	/^Current configuration : / { print $1, $2, $3, $4 - 36, $5; next }
	/^interface GigabitEthernet0\/1$/ { in1 = 1 }
	in1 && /^ description / { print " description bars-was-here"; in1 = 0; next }
	/^interface GigabitEthernet0\/2$/ { skip = 1 }
	skip { if ($0 == "!") skip = 0; next }
	/^line con 0$/ {
		print "interface Loopback0"
		print " ip address 10.9.9.9 255.255.255.255"
		print "!"
	}
	/^end$/ { print "ntp server 127.0.0.9"; print "!" }
	{ print }' "$T/before" >"$T/expafter"
expect_file_eq "$T/expafter" "$T/after"
show_run 2 >"$T/after2"
expect_file_eq "$T/before2" "$T/after2"
