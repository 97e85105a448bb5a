#!/usr/bin/env bash
# t1038-idle-no-spin: netsim sleeps in poll() while a connected session
# waits (here, a command's 1 s latency): a handful of poll() calls, not a
# busy loop (it took SSH_READ_PENDING, "libssh wants POLLIN", for buffered
# input and polled with timeout 0 while any client was connected).
. "$(dirname "$0")/lib.sh"

command -v strace >/dev/null || skip "no strace"
netsim_start --devices 1 --base 127.0.0.1:0 --latency 1000
strace -f -c -e trace=poll -o "$T/strace" -p "$NETSIM_PID" 2>"$T/strace.err" &
sp=$!
track "$sp"
timeout 10 sh -c "until grep -q attached '$T/strace.err'; do :; done" ||
	skip "strace cannot attach here: $(cat "$T/strace.err")"
printf 'show clock\nexit\n' | sim "$(port 1)" >"$T/out" 2>"$T/err" ||
	fail "ssh: $(cat "$T/err")"
kill -INT "$sp"
wait "$sp"
expect_grep 'R1>exit' "$T/out"
calls=$(awk '$NF == "poll" { print $4 }' "$T/strace")
[ -n "$calls" ] || { cat "$T/strace" >&2; fail "no poll() count"; }
[ "$calls" -lt 300 ] || fail "$calls poll() calls for one session and a 1 s wait"
