#!/usr/bin/env bash
# t4013-collect-stdout-fails: results that cannot be written are never
# "ok": stdout on a full device (/dev/full), a closed stdout and a reader
# that went away (EPIPE) each end the run with exit status 3 and one line
# on stderr instead of the summary; a closed stdout is seen before any
# device is contacted.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
nc() { run_nc -i "$T/inv.yaml" --host-key-check off "$@"; }

for fmt in text json jsonl; do
	nc --format "$fmt" "show clock" >/dev/full 2>"$T/err.$fmt"
	expect_eq "$fmt on /dev/full: exit status" 3 $?
	expect_eq "$fmt on /dev/full: stderr" "netcollect: cannot write the results to stdout: No space left on device (0 of 3 devices written); stopped" \
		"$(grep -v 'host key checking is off' "$T/err.$fmt")"
done

# The reader is gone before the first result: EPIPE, not SIGPIPE.
nc "show clock" 2>"$T/err.pipe" | true
expect_eq "EPIPE: exit status" 3 "${PIPESTATUS[0]}"
expect_grep '^netcollect: cannot write the results to stdout: Broken pipe (0 of 3 devices written); stopped$' "$T/err.pipe"

netsim_stop
# The first failed write stops the run (no more launching, the others
# stopped): each of the 4 runs contacted the device whose result failed,
# the others only if they started before that.
n=$(netsim_stat connections)
[ "$n" -ge 4 ] && [ "$n" -le 12 ] || fail "connections before >&-: $n"
netsim_start --devices 3 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
nc "show clock" >&- 2>"$T/err.closed"
expect_eq ">&-: exit status" 3 $?
expect_eq ">&-: stderr" "netcollect: stdout is closed: the results would have nowhere to go" "$(cat "$T/err.closed")"
netsim_stop
expect_eq "connections with stdout closed" 0 "$(netsim_stat connections)"
