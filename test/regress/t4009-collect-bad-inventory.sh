#!/usr/bin/env bash
# t4009-collect-bad-inventory: an invalid inventory stops everything before
# any connection (exit 2, messages naming file, line and field); a missing
# file, a missing command and unusable directories are usage errors too.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0"
sed 's/password:/pasword:/' "$T/inv.yaml" >"$T/bad.yaml"
chmod 600 "$T/bad.yaml"
run_nc -i "$T/bad.yaml" --known-hosts "$T/kh" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_eq "stdout" "" "$(cat "$T/out")"
expect_grep "^$T/bad.yaml:[0-9]*:[0-9]*: routers\[0\]: unknown key 'pasword' (did you mean 'password'?)\$" "$T/err"
expect_grep "^$T/bad.yaml:[0-9]*:[0-9]*: routers\[1\]: unknown key 'pasword' (did you mean 'password'?)\$" "$T/err"

run_nc -i "$T/nonexistent.yaml" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_eq "missing file" "$T/nonexistent.yaml: No such file or directory" "$(cat "$T/err")"

# No -i and no devices.yaml here: say where it was looked for.
mkdir "$T/empty"
(cd "$T/empty" && run_nc "show clock") >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_eq "default inventory missing" \
	"netcollect: no inventory: devices.yaml not found in this directory (name one with -i FILE)" \
	"$(cat "$T/err")"

chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_grep "^netcollect: no command given for R1" "$T/err"

run_nc -i "$T/inv.yaml" --password x "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_grep "passwords are not accepted on the command line" "$T/err"

# Directories that cannot be written into stop the run before it starts.
run_nc -i "$T/inv.yaml" --session-log "$T/no/such/dir" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_eq "session-log dir" "netcollect: --session-log $T/no/such/dir: No such file or directory" \
	"$(grep -v 'host key' "$T/err")"
touch "$T/afile"
run_nc -i "$T/inv.yaml" --output-dir "$T/afile" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_eq "output-dir not a dir" "netcollect: --output-dir $T/afile: not a directory" \
	"$(grep -v 'host key' "$T/err")"

netsim_stop
expect_eq "connections made" 0 "$(netsim_stat connections)"
