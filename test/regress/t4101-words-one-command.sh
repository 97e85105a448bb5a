#!/usr/bin/env bash
# t4101-words-one-command: the words after the options form ONE command,
# joined by spaces, as ssh and pdsh take theirs: "netcollect -i inv sh ip
# int br" runs "sh ip int br" once, not four commands; -c gives several.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl \
	sh ip int br >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "commands run" '["sh ip int br"]' \
	"$(/usr/bin/python3 -c 'import json,sys; print(json.dumps([o["command"] for o in json.loads(open(sys.argv[1]).readline())["outputs"]]))' "$T/out")"
expect_grep 'GigabitEthernet0/0 ' "$T/out"

# -c gives several; the words are one more, after them.
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl \
	-c "show clock" show version >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "commands run" '["show clock", "show version"]' \
	"$(/usr/bin/python3 -c 'import json,sys; print(json.dumps([o["command"] for o in json.loads(open(sys.argv[1]).readline())["outputs"]]))' "$T/out")"
