#!/usr/bin/env bash
# t5002-pipe: --pipe runs a command per device with the output on stdin and
# the device's fields in the environment; its stdout is the result, the raw
# output is kept in jsonl; a failing command is error kind 'pipe' with its
# stderr's last line; device data never reaches the shell as code.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0"
# R2's name carries shell syntax: it must arrive as plain data.
sed 's/name: "R2"/name: "R2$(touch pwned)`touch pwned2`"/' "$T/inv.yaml" >"$T/i.yaml"
chmod 600 "$T/i.yaml"
cd "$T"
run_nc -i "$T/i.yaml" --known-hosts "$T/kh" --format jsonl \
	--pipe 'printf "%s|%s|%s|%s|" "$NC_DEVICE" "$NC_HOST" "$NC_GROUP" "$NC_COMMAND"; grep -c Ethernet' \
	"show ip interface brief" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
[ -e "$T/pwned" ] || [ -e "$T/pwned2" ] && fail "device name was run as shell code"
h1=$(inv_field 1 ip)
expect_eq "R1 piped" "R1|$h1|routers|show ip interface brief|8" \
	"$(jq -r 'select(.device == "R1") | .outputs[0].output' "$T/out")"
expect_eq "R2 name as data" 'R2$(touch pwned)`touch pwned2`' \
	"$(jq -r 'select(.device | startswith("R2")) | .outputs[0].output' "$T/out" | cut -d'|' -f1)"
ssh_show "$h1" "$(inv_field 1 port)" "show ip interface brief" >"$T/want"
jq -j 'select(.device == "R1") | .outputs[0].raw' "$T/out" >"$T/raw"
echo >>"$T/raw"
expect_file_eq "$T/want" "$T/raw"

run_nc -i "$T/i.yaml" --known-hosts "$T/kh" \
	--pipe 'echo "parser: line 3: unexpected token" >&2; exit 4' \
	"show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_grep "^R1 ([0-9.:]*): pipe: --pipe on 'show clock': exited 4: parser: line 3: unexpected token\$" "$T/err"
expect_grep '^2 devices: 0 ok, 2 failed (pipe 2) in ' "$T/err"
