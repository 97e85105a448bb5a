#!/bin/sh
# make demo: start the simulated lab of inventory/lab.yaml, collect
# "show ip interface brief" from it with the course's trace lines, and
# stop the lab, leaving nothing running.
set -u
BUILD=${BUILD:-build}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/netcollect-demo.XXXXXX") || exit 1
nspid=

cleanup()
{
	if [ -n "$nspid" ]; then
		kill -TERM "$nspid" 2>/dev/null
		wait "$nspid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

# netsim closes fd 9 once every listener is bound: no sleeps.
mkfifo "$tmp/ready"
"$BUILD/netsim" --lab inventory/lab.yaml --ready-fd 9 9>"$tmp/ready" \
	>"$tmp/netsim.log" 2>&1 &
nspid=$!
cat "$tmp/ready" >/dev/null
if ! kill -0 "$nspid" 2>/dev/null; then
	echo "demo: the simulated lab did not start:" >&2
	cat "$tmp/netsim.log" >&2
	nspid=
	exit 1
fi
echo "demo: netsim is playing the 6 devices of inventory/lab.yaml on 127.0.1.1-6"
echo "demo: \$ netcollect --trace -i inventory/lab.yaml \"show ip interface brief\""
echo
LAB_PASSWORD=admin LAB_SECRET=s3cret "$BUILD/netcollect" --trace \
	-i inventory/lab.yaml --known-hosts "$tmp/known_hosts" \
	"show ip interface brief"
rc=$?
echo
echo "demo: netcollect exited $rc (1: some devices failed; R3's password is"
echo "demo: wrong on purpose, and R2 is slow on purpose). The lab is stopped."
exit 0
