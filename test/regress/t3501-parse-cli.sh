#!/usr/bin/env bash
# t3501-parse-cli: `netcollect parse` offline: one input (file or stdin) is
# a JSON array of rows with lower-cased keys in Value order; several are
# JSON Lines naming each input; exit 0 / 1 (an input failed) / 2 (usage,
# index or template error), every error one line naming the file and line.
# `netcollect -- parse` is still a device command.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

cat >"$T/t.textfsm" <<'TPL'
Value Required Interface (\S+)
Value Status (up|down)
Value List Addr (\d+\.\d+\.\d+\.\d+)

Start
  ^${Interface}\s+is\s+${Status}
  ^\s+inet\s+${Addr}
  ^\s*$$ -> Record
  ^bad -> Error "no bad lines"
TPL
printf 'Et1 is up\n  inet 10.0.0.1\n  inet 10.0.0.2\n\nEt2 is down\n' >"$T/in1"
printf 'Et3 is up\nbad\n' >"$T/in2"
printf 'caf\xc3\xa9\xff is up\n' >"$T/in3"
want1='[{"interface":"Et1","status":"up","addr":["10.0.0.1","10.0.0.2"]},{"interface":"Et2","status":"down","addr":[]}]'

run_nc parse --template "$T/t.textfsm" "$T/in1" >"$T/out" 2>"$T/err"
expect_eq "one input: exit" 0 $?
expect_eq "one input: rows" "$want1" "$(cat "$T/out")"
expect_eq "one input: stderr" "" "$(cat "$T/err")"

run_nc parse --template "$T/t.textfsm" <"$T/in1" >"$T/out" 2>"$T/err"
expect_eq "stdin: exit" 0 $?
expect_eq "stdin: rows" "$want1" "$(cat "$T/out")"

run_nc parse --template "$T/t.textfsm" "$T/in3" >"$T/out" 2>"$T/err"
expect_eq "invalid UTF-8 replaced" '[{"interface":"café�","status":"up","addr":[]}]' "$(cat "$T/out")"

run_nc parse --template "$T/t.textfsm" "$T/in1" "$T/in2" "$T/none" >"$T/out" 2>"$T/err"
expect_eq "several: exit" 1 $?
expect_eq "several: lines" "{\"input\":\"$T/in1\",\"rows\":$want1}
{\"input\":\"$T/in2\",\"error\":\"$T/t.textfsm:9: Error action: \\\"no bad lines\\\" at input line 2: bad\"}
{\"input\":\"$T/none\",\"error\":\"$T/none: No such file or directory\"}" "$(cat "$T/out")"
expect_eq "several: stderr" "" "$(cat "$T/err")"

run_nc parse --template "$T/t.textfsm" "$T/in2" >"$T/out" 2>"$T/err"
expect_eq "Error action: exit" 1 $?
expect_eq "Error action: stdout" "" "$(cat "$T/out")"
expect_eq "Error action: message" \
	"netcollect parse: $T/t.textfsm:9: Error action: \"no bad lines\" at input line 2: bad" \
	"$(cat "$T/err")"

printf 'Value A (\\S+)\n\nStart\n  ^${A}\\q\n' >"$T/bad.textfsm"
run_nc parse --template "$T/bad.textfsm" "$T/in1" >"$T/out" 2>"$T/err"
expect_eq "template error: exit" 2 $?
expect_eq "template error: stdout" "" "$(cat "$T/out")"
expect_eq "template error: message" \
	"netcollect parse: $T/bad.textfsm:4: invalid regular expression '^(?P<A>\\S+)\\q': bad escape \\q" \
	"$(cat "$T/err")"

# An index: keys lower-cased, one JSON line per named input.
mkdir "$T/idx"
cp "$T/t.textfsm" "$T/idx/x_show_int.textfsm"
printf 'Template, Hostname, Platform, Command\n\nx_show_int.textfsm, .*, x_os, sh[[ow]] int[[erfaces]]\n' >"$T/idx/index"
run_nc parse --textfsm "$T/idx" --platform x_os --command "sh int" "$T/in1" >"$T/out" 2>"$T/err"
expect_eq "index: exit" 0 $?
expect_eq "index: line" "{\"input\":\"$T/in1\",\"rows\":$want1}" "$(cat "$T/out")"
NET_TEXTFSM=$T/idx run_nc parse --platform x_os --command "show interfaces" <"$T/in1" >"$T/out" 2>"$T/err"
expect_eq "NET_TEXTFSM, stdin: exit" 0 $?
expect_eq "NET_TEXTFSM, stdin: rows" "$want1" "$(cat "$T/out")"
run_nc parse --textfsm "$T/idx" --platform x_os --command "show version" "$T/in1" >"$T/out" 2>"$T/err"
expect_eq "no template: exit" 2 $?
expect_eq "no template: message" \
	"netcollect parse: no template in $T/idx/index for platform 'x_os', command 'show version'" \
	"$(cat "$T/err")"
run_nc parse --textfsm "$T/nowhere" --platform x_os --command "sh int" "$T/in1" >"$T/out" 2>"$T/err"
expect_eq "no index: exit" 2 $?
expect_eq "no index: message" "netcollect parse: $T/nowhere/index: No such file or directory" "$(cat "$T/err")"

run_nc parse "$T/in1" >"$T/out" 2>"$T/err" </dev/null
expect_eq "no template given: exit" 2 $?
expect_grep "^netcollect parse: need --template FILE" "$T/err"
run_nc parse --template "$T/t.textfsm" --platform x_os "$T/in1" >"$T/out" 2>"$T/err"
expect_eq "--template with --platform: exit" 2 $?
run_nc parse --frobnicate >"$T/out" 2>"$T/err"
expect_eq "unknown option: exit" 2 $?
expect_eq "unknown option: message" \
	"netcollect parse: unknown or incomplete option '--frobnicate'; see 'netcollect parse --help'" \
	"$(cat "$T/err")"
run_nc parse --help >"$T/out" 2>"$T/err"
expect_eq "help: exit" 0 $?
expect_grep "^usage: netcollect parse --template FILE \[INPUT...\]" "$T/out"

# After "--", parse is a command for devices: the inventory is looked for.
mkdir "$T/empty"
(cd "$T/empty" && run_nc -- parse) >"$T/out" 2>"$T/err"
expect_eq "-- parse: exit" 2 $?
expect_grep "no inventory: devices.yaml not found" "$T/err"
exit 0
