#!/usr/bin/env bash
# t1048-procurve-any-key-logout: hp_procurve with press_any_key shows its
# banner and "Press any key to continue", and after a key the screen set
# up (escape codes) and the prompt. With logout_confirm, logout asks "Do
# you want to log out [y/n]?" (n stays), and after an unsaved change "Do
# you want to save the current configuration [y/n]?" too. Exact bytes.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --set platform=hp_procurve \
	--set press_any_key=1 --set logout_confirm=1
banner='HP J9773A 2530-24G-PoEP Switch\r\nSoftware revision YA.16.02.0012\r\n\r\n(C) Copyright 2016 Hewlett Packard Enterprise Development LP\r\n\r\n                   RESTRICTED RIGHTS LEGEND\r\n Confidential computer software. Valid license from Hewlett Packard Enterprise\r\n Development LP required for possession, use or copying.\r\n\r\n'
screen='\033[2J\033[?7l\033[3;23r\033[?6l\033[24;1H\033[?25h'
printf ' logout\nn\nlogout\ny\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh: $(cat "$T/err")"
{
	printf "\r\n$banner"'Press any key to continue'"$screen"'R1>logout\r\n'
	# One key answers; the Enter typed after it is an empty line.
	printf 'Do you want to log out [y/n]? n\r\nR1>\r\nR1>logout\r\n'
	printf 'Do you want to log out [y/n]? y\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"

printf '\nenable\ns3cret\nconfigure\nhostname sw1\nend\nlogout\ny\nn\n' |
	sim "$(port 1)" >"$T/out" 2>"$T/err" || fail "ssh: $(cat "$T/err")"
{
	printf "\r\n$banner"'Press any key to continue'"$screen"'R1>enable\r\n'
	printf 'Password: \r\nR1#configure\r\nR1(config)#hostname sw1\r\n'
	printf 'sw1(config)#end\r\nsw1#logout\r\n'
	printf 'Do you want to log out [y/n]? y\r\n'
	printf 'Do you want to save the current configuration [y/n]? n\r\n'
} >"$T/exp"
expect_file_eq "$T/exp" "$T/out"
