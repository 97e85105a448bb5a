#!/usr/bin/env bash
# t3017: device_type linux runs each command on an exec channel of one
# SSH session, as ssh does: stdout byte for byte (what `ssh host cmd`
# prints, final newline kept), stderr apart, the exit status of each
# command in jsonl; a non-zero status is a device-error naming the
# command and quoting stderr, and later commands still run. "shell: true"
# keeps the interactive shell (cleaned like Netmiko, no exit status).
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0" --set platform=linux
chmod 600 "$T/inv.yaml"
ip=$(inv_field 1 ip) port=$(inv_field 1 port)
sshx() {
	timeout 20 sshpass -p admin ssh -F /dev/null -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
		-o PubkeyAuthentication=no -p "$port" "admin@$ip" "$@"
}
sshx 'exit 3' </dev/null >/dev/null 2>&1
[ $? = 3 ] || skip "this netsim has no linux exec"
sshx 'uname -a' </dev/null >"$T/want" 2>/dev/null || fail "ssh uname -a failed"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --limit R1 --format jsonl \
	-c 'uname -a' -c 'echo out; echo err >&2; exit 3' -c 'echo later' \
	>"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
jq -j '.outputs[0].output' "$T/out" >"$T/got"
expect_file_eq "$T/want" "$T/got"
expect_eq "statuses" "0 3 0" "$(jq -r '[.outputs[].exit_status] | map(tostring) | join(" ")' "$T/out")"
expect_eq "stdout of 2" "out" "$(jq -j '.outputs[1].output' "$T/out")"
expect_eq "stderr of 2" "err" "$(jq -j '.outputs[1].stderr' "$T/out")"
expect_eq "no stderr key when empty" null "$(jq -c '.outputs[0].stderr' "$T/out")"
expect_eq "later ran" "later" "$(jq -j '.outputs[2].output' "$T/out")"
expect_eq "kind" device-error "$(jq -r .error.kind "$T/out")"
expect_eq "message" "'echo out; echo err >&2; exit 3' exited with status 3: err" \
	"$(jq -r .error.message "$T/out")"

# shell: true on R2: the interactive path, text like Netmiko's.
awk '/name: "R2"/ { r2 = 1 } { print } r2 && /password:/ { print "    shell: true"; r2 = 0 }' \
	"$T/inv.yaml" >"$T/shell.yaml"
chmod 600 "$T/shell.yaml"
run_nc -i "$T/shell.yaml" --known-hosts "$T/kh" --limit R2 --format jsonl \
	-c 'uname -a' >"$T/out2" 2>"$T/err2"
expect_eq "shell exit status" 0 $?
expect_eq "shell output" "$(sed 's/R1/R2/' "$T/want")" "$(jq -j '.outputs[0].output' "$T/out2")"
expect_eq "shell: no exit status" null "$(jq -c '.outputs[0].exit_status' "$T/out2")"
netsim_stop
# Two ssh calls, then one connection per netcollect run: the three
# commands of the first run shared one SSH session.
expect_eq "connections" 4 "$(netsim_stat connections)"
