#!/usr/bin/env bash
# t7009-secrets-not-dumpable: while netcollect holds passwords, it and its
# worker children are not dumpable and may not dump core: the kernel hands
# their /proc/PID files to root (a dumpable process of the same user owns
# them), so no other process of the user can read their memory or
# environment, and /proc/PID/limits says a core file may have 0 bytes.
# netcollect runs as an unprivileged user (nobody when the test runs as
# root) so that the ownership says something.
. "$(dirname "$0")/lib.sh"

run_as=()
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || skip "no setpriv to run as nobody"
	run_as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	chown 65534:65534 "$T" "$HOME"
fi
uid=$("${run_as[@]}" id -u)

netsim_start --devices 1 --base "$TEST_NET.1:0" --fault hang_after_auth
chmod 600 "$T/inv.yaml"
[ ${#run_as[@]} = 0 ] || chown 65534:65534 "$T/inv.yaml"

# The observable can fail: an ordinary process of that user owns its files.
"${run_as[@]}" sleep 30 &
track $!
timeout 10 sh -c "until [ \"\$(stat -c %u /proc/$!/status 2>/dev/null)\" = $uid ]; do :; done" ||
	fail "a plain process of uid $uid does not own its /proc/PID/status"

for mode in process thread; do
	"${run_as[@]}" "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh.$mode" \
		--mode $mode --read-timeout 60 "show clock" >"$T/out" 2>"$T/err" &
	nc=$!
	track $nc
	# The device hangs after login: the run stays up while we look.
	if [ $mode = process ]; then
		timeout 10 sh -c "until [ -n \"\$(pgrep -P $nc)\" ]; do :; done" ||
			fail "no worker child of netcollect"
		pids="$nc $(pgrep -P $nc)"
	else
		timeout 10 sh -c "until [ \"\$(ls /proc/$nc/task | wc -l)\" -gt 1 ]; do :; done" ||
			fail "no worker thread in netcollect"
		pids=$nc
	fi
	for p in $pids; do
		expect_eq "$mode: uid of pid $p" "$uid" "$(awk '/^Uid:/ { print $2 }' /proc/$p/status)"
		expect_eq "$mode: owner of /proc/$p/status (not dumpable)" 0 "$(stat -c %u /proc/$p/status)"
		expect_eq "$mode: core size limits (soft, hard) of $p" "0 0" \
			"$(awk '/^Max core file size/ { print $5, $6 }' /proc/$p/limits)"
	done
	kill -TERM $nc
	wait $nc 2>/dev/null
	expect_eq "$mode: exit status after SIGTERM" 143 $?
done
