#!/usr/bin/env bash
# t1043-config-nxos-eos-asa-procurve: configuration mode on the other
# IOS-family platforms: each pushes a description, a bad line gets the
# platform's error (the session stays in the sub-mode), and a new session
# reads the description back in show running-config.
. "$(dirname "$0")/lib.sh"

platforms=(cisco_nxos arista_eos cisco_asa hp_procurve)
platform_sets "${platforms[@]}"
netsim_start --devices 4 --base 127.0.0.1:0 --per-port --set config_size=100 \
	"${set_args[@]}"
q="'"
errors=("              ^\r\n% Invalid command at $q^$q marker.\r\n"
	"% Invalid input\r\n"
	"              ^\r\nERROR: % Invalid input detected at $q^$q marker.\r\n"
	"Invalid input: foo\r\n")
intf=(Ethernet1/2 Ethernet1/2 GigabitEthernet0/1 GigabitEthernet0/1)
for i in "${!platforms[@]}"; do
	n=$((i + 1)) p=${platforms[$i]} r=R$((i + 1))
	en=$'enable\ns3cret\n'
	[ "$p" = cisco_nxos ] && en=
	printf '%sconfigure terminal\ninterface %s\ndescription uplink-%s\nfoo\nend\nexit\n' \
		"$en" "${intf[$i]}" "$n" | sim "$(port $n)" >"$T/out$n" 2>"$T/err$n" ||
		fail "$p: ssh: $(cat "$T/err$n")"
	tr -d '\r' <"$T/out$n" | sed -n '/config)#/,$p' >"$T/cfg$n"
	{
		printf '%s(config)#interface %s\r\n' "$r" "${intf[$i]}"
		printf '%s(config-if)#description uplink-%s\r\n' "$r" "$n"
		printf '%s(config-if)#foo\r\n' "$r"
		printf "%b" "${errors[$i]}"
		printf '%s(config-if)#end\r\n%s#exit\r\n' "$r" "$r"
	} | tr -d '\r' >"$T/exp$n"
	expect_file_eq "$T/exp$n" "$T/cfg$n"
	pager='terminal length 0'
	[ "$p" = cisco_asa ] && pager='terminal pager 0'
	[ "$p" = hp_procurve ] && pager='no page'
	printf '%s%s\nshow running-config\nexit\n' "$en" "$pager" |
		sim "$(port $n)" 2>&1 | tr -d '\r' >"$T/run$n"
	sed -n "/^interface ${intf[$i]//\//\\/}\$/,/^!/p" "$T/run$n" >"$T/sec$n"
	expect_eq "$p: description" " description uplink-$n" "$(sed -n 2p "$T/sec$n")"
	[ "$(grep -c description "$T/sec$n")" = 1 ] || fail "$p: $(cat "$T/sec$n")"
done
