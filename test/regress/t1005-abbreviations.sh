#!/usr/bin/env bash
# t1005-abbreviations: sh ip int br, term len 0, sh ver, sh run, sh clock
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0
p=$(port 1)
printf 'term len 0\nsh ip int br\nsh ver\nen\ns3cret\nsh run\nsh clock\nexit\n' | sim "$p" >"$T/short" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
printf 'terminal length 0\nshow ip interface brief\nshow version\nenable\ns3cret\nshow running-config\nshow clock\nexit\n' | sim "$p" >"$T/long" 2>"$T/err" ||
	fail "ssh failed: $(cat "$T/err")"
# Same output, except the echoed commands and the clock.
strip() { grep -v -e '^R1[>#]' -e '^\*[0-9]' "$1"; }
strip "$T/short" >"$T/s"
strip "$T/long" >"$T/l"
expect_file_eq "$T/l" "$T/s"
expect_grep '^GigabitEthernet0/0         10\.[0-9.]* *YES NVRAM  up                    up' "$T/s"
expect_grep '^\*[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9][0-9][0-9] UTC [A-Z][a-z][a-z] [A-Z][a-z][a-z] [0-9]* 20[0-9][0-9]'$'\r''$' "$T/short"
expect_grep '^hostname R1'$'\r''$' "$T/s"
