#!/usr/bin/env bash
# t3705: the link under a running session breaks: the device is in the
# middle of a command (it hangs half-way through its output) when its
# ProxyCommand (OpenSSH's ssh -W through a netsim jump host) is killed.
# The device fails at once, not at its read timeout, as kind jump with
# the ProxyCommand's end (OpenSSH's ssh exits 0 on SIGTERM); the output so
# far is kept; no ProxyCommand is left running.
. "$(dirname "$0")/lib.sh"

ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/id" || skip "no ssh-keygen"
netsim_start --devices 2 --base 127.0.0.1:0 --per-port \
	--set "1:authorized_keys=$T/id.pub" --fault hang_mid_output:2
cat >"$T/ssh_config" <<CFG
Host dev
  HostName 127.0.0.1
  Port $(port 2)
  ProxyCommand echo \$\$ >$T/pc.pid; exec ssh -F /dev/null -i $T/id -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p $(port 1) admin@127.0.0.1 -W %h:%p
CFG
printf 'routers:\n- name: r\n  device_type: cisco_ios\n  host: dev\n  username: admin\n  password: admin\n  secret: s3cret\n' >"$T/via.yaml"
chmod 600 "$T/via.yaml"
mkdir "$T/logs"
run_nc -i "$T/via.yaml" --ssh-config "$T/ssh_config" --host-key-check off \
	--session-log "$T/logs" --read-timeout 60 --format jsonl \
	'show running-config' >"$T/out" 2>"$T/err" &
nc=$!
track $nc
# Half the output has arrived: the device now sends nothing more.
timeout 30 sh -c "until grep -q 'Building configuration' '$T/logs/r.log' 2>/dev/null; do :; done" ||
	fail "the command never started: $(cat "$T/err")"
pc=$(cat "$T/pc.pid")
kill -TERM "$pc"
start=$(date +%s)
wait $nc
expect_eq "exit" 1 "$?"
[ $(($(date +%s) - start)) -lt 30 ] || fail "the device waited for its read timeout"
expect_eq "kind" jump "$(jq -r .error.kind "$T/out")"
case $(jq -r .error.message "$T/out") in
"ProxyCommand exited "[0-9]* | "ProxyCommand killed by signal 15"*) ;;
*) fail "message: $(jq -r .error.message "$T/out")" ;;
esac
jq -r '.outputs[0].output' "$T/out" | grep -q 'Building configuration' ||
	fail "the partial output was lost: $(head -c 300 "$T/out")"
! kill -0 "$pc" 2>/dev/null || fail "ProxyCommand $pc still running"
