#!/usr/bin/env bash
# t3020: --config / --config-command push configuration lines on IOS:
# one output named "config" (the session's transcript, as Netmiko's
# send_config_set returns it), then with --save the save command's, then
# the commands given; show running-config reads the change back. A line
# the device refuses stops the device (no later line, no command), names
# the line, leaves configuration mode, and is device-error (exit 1);
# --ignore-device-errors sends every line. A platform without a
# configuration mode is refused before anyone is contacted, and so is
# everything with --dry-run, which prints what each device would get.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0" --set config_size=100 \
	--set 2:platform=linux
chmod 600 "$T/inv.yaml"
nc() { run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl "$@" >"$T/out" 2>"$T/err"; }
out() { jq -j ".outputs[$1].output" "$T/out"; }
running() { nc --limit R1 "show running-config"; out 0 >"$T/run"; }

printf '! the uplink\ninterface GigabitEthernet0/1\n description bars-was-here\n\n' >"$T/cfg"
nc --limit R1 --config "$T/cfg" --config-command "ntp server 127.0.0.9" --save \
	-c "show privilege"
expect_eq "exit status" 0 $?
expect_eq "outputs" "config|write memory|show privilege" \
	"$(jq -r '[.outputs[].command] | join("|")' "$T/out")"
{
	printf 'configure terminal\n'
	printf 'Enter configuration commands, one per line.  End with CNTL/Z.\n'
	printf 'R1(config)#interface GigabitEthernet0/1\n'
	printf 'R1(config-if)# description bars-was-here\n'
	printf 'R1(config-if)#ntp server 127.0.0.9\n'
	printf 'R1(config)#end\nR1#'
} >"$T/exp"
out 0 >"$T/got"; expect_file_eq "$T/exp" "$T/got"
expect_eq "save" "$(printf 'Building configuration...\n[OK]')" "$(out 1)"
expect_eq "command after" "Current privilege level is 15" "$(out 2)"
running
sed -n '/^interface GigabitEthernet0\/1$/,/^!$/p' "$T/run" >"$T/sec"
expect_eq "description" " description bars-was-here" "$(sed -n 2p "$T/sec")"
expect_grep '^ntp server 127\.0\.0\.9$' "$T/run"

nc --limit R1 --config-command "interface Gi0/2" --config-command "descr x" \
	--config-command "ip adress 10.1.1.1 255.0.0.0" \
	--config-command "ntp server 127.0.0.8" -c "show clock"
expect_eq "refused: exit status" 1 $?
expect_eq "refused: kind" device-error "$(jq -r .error.kind "$T/out")"
expect_eq "refused: message" \
	"configuration line 'ip adress 10.1.1.1 255.0.0.0' refused: % Invalid input detected at '^' marker." \
	"$(jq -r .error.message "$T/out")"
expect_eq "refused: outputs" 1 "$(jq -r '.outputs | length' "$T/out")"
{
	printf 'configure terminal\n'
	printf 'Enter configuration commands, one per line.  End with CNTL/Z.\n'
	printf 'R1(config)#interface Gi0/2\nR1(config-if)#descr x\n'
	printf 'R1(config-if)#ip adress 10.1.1.1 255.0.0.0\n'
	printf '                 ^\n'
	printf "%% Invalid input detected at '^' marker.\n\n"
	printf 'R1(config-if)#end\nR1#'
} >"$T/exp"
out 0 >"$T/got"; expect_file_eq "$T/exp" "$T/got"
expect_grep "^R1 (.*): device-error: configuration line 'ip adress 10.1.1.1 255.0.0.0' refused: " "$T/err"
running
sed -n '/^interface GigabitEthernet0\/2$/,/^!$/p' "$T/run" >"$T/sec"
expect_eq "applied before the refusal" " description x" "$(sed -n 2p "$T/sec")"
expect_no_grep 'ntp server 127\.0\.0\.8' "$T/run"

nc --limit R1 --ignore-device-errors --config-command "ip adress 10.1.1.1 255.0.0.0" \
	--config-command "ntp server 127.0.0.7"
expect_eq "ignored: exit status" 0 $?
expect_grep '^R1(config)#ntp server 127\.0\.0\.7$' <(out 0)

nc --config-command "ntp server 127.0.0.6"
expect_eq "no configuration mode: exit status" 2 $?
expect_eq "no configuration mode" "netcollect: R2: linux has no configuration mode" "$(cat "$T/err")"

nc --limit R1 --dry-run --config-command "ntp server 127.0.0.5" --save -c "show clock"
expect_eq "dry run: exit status" 0 $?
{
	printf '=== R1 cisco_ios %s:%s (dry run)\n' "$(inv_field 1 ip)" "$(inv_field 1 port)"
	printf 'configure terminal\nntp server 127.0.0.5\nend\nwrite memory\nshow clock\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"

netsim_stop
# The push, two readbacks and the ignored push; neither the refused
# run nor the dry run connected.
expect_eq "connections" 5 "$(netsim_stat connections)"
