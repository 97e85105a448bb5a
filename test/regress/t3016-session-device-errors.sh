#!/usr/bin/env bash
# t3016: a command the device refuses fails the device with kind
# device-error, naming the command and quoting the device's line; every
# output is kept and later commands still run (unless --stop-on-error);
# --ignore-device-errors and "device_errors: ignore" turn it off; an
# "error_pattern:" in defaults adds a site's own refusal text; Junos's
# "syntax error" counts too.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0" --set 2:platform=juniper_junos
chmod 600 "$T/inv.yaml"
nc() { run_nc -i "$1" --known-hosts "$T/kh" --format jsonl "${@:2}" >"$T/out" 2>"$T/err"; }
row() { jq -r "select(.device == \"$1\") | $2" "$T/out"; }

nc "$T/inv.yaml" --limit R1 -c "sh ip itn br" -c "show clock"
expect_eq "exit status" 1 $?
expect_eq "kind" device-error "$(row R1 .error.kind)"
expect_eq "message" "'sh ip itn br' refused: % Invalid input detected at '^' marker." \
	"$(row R1 .error.message)"
expect_grep "Invalid input detected" <(row R1 '.outputs[0].output')
expect_grep '^\*[0-9:.]* UTC ' <(row R1 '.outputs[1].output')
expect_grep "^R1 (.*): device-error: 'sh ip itn br' refused: " "$T/err"

nc "$T/inv.yaml" --limit R1 --stop-on-error -c "sh ip itn br" -c "show clock"
expect_eq "stop: exit status" 1 $?
expect_eq "stop: outputs" 1 "$(row R1 '.outputs | length')"

nc "$T/inv.yaml" --limit R1 --ignore-device-errors -c "sh ip itn br"
expect_eq "ignored: exit status" 0 $?
expect_eq "ignored: ok" true "$(row R1 .ok)"

nc "$T/inv.yaml" --limit R2 -c "show foo"
expect_eq "junos: exit status" 1 $?
expect_eq "junos" "'show foo' refused: syntax error, expecting <command>." "$(row R2 .error.message)"

# Inventory keys: device_errors: ignore on R1, a site pattern for all.
awk '/^routers:/ { print "defaults:\n  error_pattern: \"^Cisco IOS Software\"" }
	{ print }
	/^    secret:/ && !done { print "    device_errors: ignore"; done = 1 }' \
	"$T/inv.yaml" >"$T/site.yaml"
chmod 600 "$T/site.yaml"
nc "$T/site.yaml" --limit R1 -c "sh ip itn br" -c "show version"
expect_eq "device_errors: ignore" true "$(row R1 .ok)"
sed -i '/device_errors: ignore/d' "$T/site.yaml"
nc "$T/site.yaml" --limit R1 -c "show version"
expect_eq "error_pattern: exit status" 1 $?
expect_grep "^'show version' refused: Cisco IOS Software" <(row R1 .error.message)
