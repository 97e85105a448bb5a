#!/usr/bin/env bash
# t4017-collect-text-escapes: in --format text a device's control bytes
# are shown as \xNN even when stdout is a pipe or a file, --raw passes them
# through as sent; an error line on stderr that quotes the device (here
# its prompt) escapes them too.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0" --fault garbage:1 \
	--set $'2:hostname=R2\e'
# R2's prompt carries an escape byte that swallows its terminator: no
# prompt, with or without the escapes.
sed -i -e 's/name: "R2\\x1b.*/name: R2/' "$T/inv.yaml"
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --limit R1 "show ip interface brief" \
	>"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
# Invalid UTF-8 outside the C1 range (\377\376) is no control: kept.
printf '%s\377\376%s\n' '\x00\x01\x02' '\x1b[2J\x1b[1;31mGARBAGE\x1b[0m\x07\x1b]0;title\x07\x1b[6n\x80\x9b' >"$T/escaped"
grep -a GARBAGE "$T/out" | cmp -s - "$T/escaped" ||
	{ grep -a GARBAGE "$T/out" | od -c >&2; fail "garbage line not escaped in a file"; }
expect_no_grep $'\e' "$T/out"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --limit R1 --raw "show ip interface brief" \
	>"$T/raw" 2>"$T/err"
expect_eq "--raw: exit status" 0 $?
printf '\0\1\2\377\376\033[2J\033[1;31mGARBAGE\033[0m\a\033]0;title\a\033[6n\200\233\n' >"$T/garbage"
grep -a GARBAGE "$T/raw" | cmp -s - "$T/garbage" || fail "--raw did not pass the bytes through"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --limit R2 --read-timeout 1 \
	"show clock" >"$T/out2" 2>"$T/err2"
expect_eq "prompt failure: exit status" 1 $?
expect_grep "^R2 (.*): prompt: no prompt within 1 s (last: 'R2\\\\x1b>')\$" "$T/err2"
expect_no_grep $'\e' "$T/err2"
