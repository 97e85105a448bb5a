#!/usr/bin/env bash
# t3706: a device behind two jump hosts that takes 1 s for each answer:
# netcollect sleeps in poll() meanwhile, the pumps of both hops included
# (a handful of poll() calls per answer, not a busy loop), in process and
# thread mode.
. "$(dirname "$0")/lib.sh"

command -v strace >/dev/null || skip "no strace"
ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/id" || skip "no ssh-keygen"
netsim_start --devices 3 --base 127.0.0.1:0 --per-port \
	--set "1-2:authorized_keys=$T/id.pub" --set 3:latency=1000
cat >"$T/ssh_config" <<CFG
Host dev
  HostName 127.0.0.1
  Port $(port 3)
  ProxyJump admin@127.0.0.1:$(port 1),admin@127.0.0.1:$(port 2)
Host 127.0.0.1
  IdentityFile $T/id
  IdentitiesOnly yes
CFG
printf 'routers:\n- name: r\n  device_type: cisco_ios\n  host: dev\n  username: admin\n  password: admin\n  secret: s3cret\n' >"$T/via.yaml"
chmod 600 "$T/via.yaml"
# LeakSanitizer cannot run under ptrace: the leak check is left to the
# other tests (make asan) and make valgrind when strace watches.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
for mode in process thread; do
	strace -f -c -e trace=poll,ppoll -o "$T/strace.$mode" \
		"$NETCOLLECT" -i "$T/via.yaml" --ssh-config "$T/ssh_config" \
		--host-key-check off --mode $mode -q -c 'show clock' -c 'show clock' \
		>"$T/out" 2>"$T/err" || fail "$mode: $(cat "$T/err")"
	[ "$(grep -c '^\*' "$T/out")" = 2 ] || fail "$mode: $(cat "$T/out")"
	calls=$(awk '$NF == "poll" || $NF == "ppoll" { n += $4 } END { print n + 0 }' "$T/strace.$mode")
	[ "$calls" -gt 0 ] || { cat "$T/strace.$mode" >&2; fail "no poll() count"; }
	# Login and two commands, each answer 1 s late: 66 calls here; a spin
	# makes thousands.
	[ "$calls" -lt 600 ] || fail "$mode: $calls poll() calls"
	echo "$mode: $calls poll() calls" >>"$T/counts"
done
cat "$T/counts"
