#!/usr/bin/env bash
# t1044-config-save: write memory and copy running-config startup-config
# print what each platform prints; IOS and ASA ask "Destination filename
# [startup-config]? " and Enter takes the default. NX-OS has no write
# memory. Exact bytes.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 5 --base 127.0.0.1:0 --per-port \
	--set 2:platform=cisco_nxos --set 3:platform=arista_eos \
	--set 4:platform=cisco_asa --set 5:platform=hp_procurve
# save N: device N's transcript of write memory, then copy run start,
# equals stdin
save()
{
	local en=$'enable\ns3cret\n'
	[ "$1" = 2 ] && en=
	printf '%swr mem\ncopy run start\n\nexit\n' "$en" |
		sim "$(port "$1")" 2>"$T/err" | tr -d '\r' |
		sed -n '/#wr mem/,$p' >"$T/out$1"
	cat >"$T/exp$1"
	expect_file_eq "$T/exp$1" "$T/out$1"
}
asa_save='Building configuration...
Cryptochecksum: 3d1c2e6a 8f0b4c71 95e2d3a0 7c6b1f48 

2209 bytes copied in 0.110 secs
[OK]'
save 1 < <(printf 'R1#wr mem\nBuilding configuration...\n[OK]\nR1#copy run start\nDestination filename [startup-config]? \nBuilding configuration...\n[OK]\nR1#exit\n')
{
	printf 'R2#wr mem\n   ^\n'
	printf "%% Invalid command at '^' marker.\n"
	printf 'R2#copy run start\n[########################################] 100%%\n'
	printf 'Copy complete, now saving to disk (please wait)...\nCopy complete.\n'
	printf 'R2#\nR2#exit\n'
} >"$T/exp"
save 2 <"$T/exp"
save 3 < <(printf 'R3#wr mem\nCopy completed successfully.\nR3#copy run start\nCopy completed successfully.\nR3#\nR3#exit\n')
save 4 < <(printf 'R4#wr mem\n%s\nR4#copy run start\nDestination filename [startup-config]? \n%s\nR4#exit\n' "$asa_save" "$asa_save")
save 5 < <(printf 'R5#wr mem\nR5#copy run start\nR5#\nR5#exit\n')
