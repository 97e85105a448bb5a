# Shared helpers for regress tests. Source it first:
#   . "$(dirname "$0")/lib.sh"
#
# Gives each test a fresh temp dir $T, the binaries $NETCOLLECT and $NETSIM,
# netsim_start/netsim_stop (readiness through a closed fd, never a sleep),
# run_nc (netcollect through $NC_WRAP, e.g. valgrind), assertions, and a
# trap that kills exactly the pids this test started. The temp dir of a
# failed test is kept and named in the log.
set -u
TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
NETCOLLECT=$BUILD/netcollect
NETSIM=$BUILD/netsim
TOOLS=$BUILD/tools
NC_WRAP=${NC_WRAP:-}
TEST_NAME=${TEST_NAME:-$(basename "$0" .sh)}
T=$BUILD/regress/$TEST_NAME
rm -rf "$T"
mkdir -p "$T"
# Regress tests only ever use loopback; a per-test /24 keeps parallel tests
# apart when they need fixed addresses.
TEST_NUM=$(echo "$TEST_NAME" | sed -n 's/^t\([0-9][0-9]*\).*/\1/p')
TEST_NUM=${TEST_NUM:-9999}
TEST_NET=127.$((10#$TEST_NUM / 100 % 256)).$((10#$TEST_NUM % 100 + 100))
_pids=()
_failed=0
export HOME=$T/home
mkdir -p "$HOME"

_cleanup()
{
	local rc=$?
	local p
	for p in "${_pids[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in "${_pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	if [ $rc = 0 ] && [ $_failed = 0 ]; then
		rm -rf "$T"
	elif [ $rc != 77 ]; then
		echo "test files kept in $T"
	fi
}
trap _cleanup EXIT
trap 'exit 130' INT TERM

fail()
{
	_failed=1
	echo "FAIL: $*" >&2
	exit 1
}

skip()
{
	echo "SKIP: $*"
	exit 77
}

# track PID: kill it at the end of the test
track()
{
	_pids+=("$1")
}

# netsim_start [netsim args...]: start netsim, wait until every listener is
# bound (netsim closes --ready-fd then), write the inventory to $T/inv.yaml.
# Sets NETSIM_PID.
netsim_start()
{
	local fifo=$T/netsim.ready.fifo
	rm -f "$fifo"
	mkfifo "$fifo"
	"$NETSIM" --ready-fd 9 --pid-file "$T/netsim.pid" \
		--write-inventory "$T/inv.yaml" --stats-file "$T/stats" \
		"$@" 9>"$fifo" >>"$T/netsim.log" 2>&1 &
	NETSIM_PID=$!
	track "$NETSIM_PID"
	# cat returns when netsim closes fd 9: ready, or dead.
	timeout 60 cat "$fifo" >/dev/null
	rm -f "$fifo"
	if ! kill -0 "$NETSIM_PID" 2>/dev/null; then
		cat "$T/netsim.log" >&2
		fail "netsim did not start: $*"
	fi
}

netsim_stop()
{
	kill -TERM "$NETSIM_PID" 2>/dev/null
	wait "$NETSIM_PID" 2>/dev/null
	local rc=$?
	NETSIM_PID=
	return $rc
}

# netsim_stat KEY: a counter from netsim's stats file (written on SIGUSR1
# and at exit); the caller makes netsim write it first.
netsim_stat()
{
	sed -n "s/^$1[=: ]*//p" "$T/stats" | tail -n 1
}

# netsim_stats: make netsim write its stats file now (SIGUSR1) and wait
# for it; netsim renames a whole file into place, so once it is there it
# is complete. Then read counters with netsim_stat.
netsim_stats()
{
	rm -f "$T/stats"
	kill -USR1 "$NETSIM_PID"
	timeout 10 sh -c "until [ -f '$T/stats' ]; do :; done" ||
		fail "netsim wrote no stats on SIGUSR1"
}

# run_nc ARGS...: netcollect, through $NC_WRAP when set (valgrind).
run_nc()
{
	$NC_WRAP "$NETCOLLECT" "$@"
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq()
{
	if [ "$2" != "$3" ]; then
		fail "$1: expected [$2], got [$3]"
	fi
}

# expect_file_eq EXPECTED_FILE ACTUAL_FILE: byte-exact, diff shown on failure
expect_file_eq()
{
	if ! cmp -s "$1" "$2"; then
		diff -u "$1" "$2" | head -n 40 >&2
		fail "$2 differs from $1"
	fi
}

# expect_grep PATTERN FILE
expect_grep()
{
	grep -q -- "$1" "$2" || { cat "$2" >&2; fail "no line matching [$1] in $2"; }
}

expect_no_grep()
{
	! grep -q -- "$1" "$2" || { grep -- "$1" "$2" >&2; fail "unexpected [$1] in $2"; }
}

# no_children_left: no process whose parent is this shell besides tracked ones
# and no process left in our session with netcollect's name started by us.
children_of()
{
	ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' '
}

# ssh_show HOST PORT CMD [USER PASS SECRET]: CMD's output on a netsim
# device as OpenSSH's client sees it (independent of netcollect's session
# code), cleaned the way send_command does: paging off, echo and prompt
# lines dropped, \r removed. With SECRET, enable first. Prints the lines,
# each ending in \n.
ssh_show()
{
	local host=$1 port=$2 cmd=$3 user=${4:-admin} pass=${5:-admin}
	local en=
	[ -n "${6:-}" ] && en=$(printf 'enable\n%s\n' "$6")
	printf '%s\nterminal length 0\n%s\nexit\n' "$en" "$cmd" |
		timeout 30 sshpass -p "$pass" ssh -tt -F /dev/null \
			-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
			-o LogLevel=ERROR -o PubkeyAuthentication=no \
			-o ConnectTimeout=10 -p "$port" "$user@$host" |
		tr -d '\r' |
		awk -v cmd="$cmd" '
			on && /^[A-Za-z0-9._-]+[>#]/ { exit }
			on { print }
			!on && substr($0, length($0) - length(cmd) + 1) == cmd &&
			    $0 ~ /^[A-Za-z0-9._-]+[>#]/ { on = 1 }'
}

# inv_field N KEY: field KEY of the Nth device of $T/inv.yaml (netsim's)
inv_field()
{
	awk -v n="$1" -v k="$2" '
		/^  - name:/ { i++ }
		i == n && $1 == k ":" || i == n && $2 == k ":" {
			v = $NF; gsub(/"/, "", v); print v; exit }' "$T/inv.yaml"
}

# strip_times FILE: text output with the per-device seconds removed
strip_times()
{
	sed -E 's/^(=== .*) [0-9]+\.[0-9]+s$/\1/' "$1"
}


# The netsim tests drive devices with OpenSSH's client.
# sim PORT [ssh options...] < script: one interactive session, raw bytes
# on stdout. The password is $PASS (default admin).
sim()
{
	local port=$1
	shift
	timeout 30 sshpass -p "${PASS:-admin}" ssh -tt -F /dev/null \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
		-o LogLevel="${SIM_LOGLEVEL:-ERROR}" -o PubkeyAuthentication=no \
		-o ConnectTimeout=10 -p "$port" "$@" "${SIM_USER:-admin}@${SIM_HOST:-127.0.0.1}"
}

# port N: the port of the Nth device of the written inventory
port()
{
	sed -n 's/^ *port: //p' "$T/inv.yaml" | sed -n "${1}p"
}

# two_hop_lab [LINE...]: for a lab whose devices 1 and 2 take the key
# $T/id, with 3 behind them: $T/ssh_config, where Host target is reached
# through hop1 (device 1) then admin@127.0.0.1:<device 2's port>, each
# hop with key $T/id only (each LINE added to Host target), and
# $T/via.yaml, the device "far" at target, port of device 3 (mode 600).
two_hop_lab()
{
	local line
	{
		printf 'Host hop1\n  HostName 127.0.0.1\n  Port %s\n  User admin\n' "$(port 1)"
		printf '  IdentityFile %s\n  IdentitiesOnly yes\n' "$T/id"
		printf 'Host target\n  HostName 127.0.0.1\n'
		for line in "$@"; do
			printf '  %s\n' "$line"
		done
		printf '  ProxyJump hop1,admin@127.0.0.1:%s\n' "$(port 2)"
		printf 'Host 127.0.0.1\n  IdentityFile %s\n  IdentitiesOnly yes\n' "$T/id"
	} >"$T/ssh_config"
	printf 'routers:\n- name: far\n  device_type: cisco_ios\n  host: target\n  port: %s\n  username: admin\n  password: admin\n  secret: s3cret\n' \
		"$(port 3)" >"$T/via.yaml"
	chmod 600 "$T/via.yaml"
}

# need_netmiko: skip unless Debian's Netmiko is importable by PY, the
# python3 that sees Debian's packages (/usr/bin/python3; sets PY).
need_netmiko()
{
	PY=/usr/bin/python3
	[ -x "$PY" ] && "$PY" -c 'import netmiko' 2>/dev/null ||
		skip "Netmiko is not installed for $PY (python3-netmiko)"
}

# platform_sets TYPE...: set_args becomes netsim's --set arguments that
# give device N the Nth platform.
platform_sets()
{
	local i=0 t
	set_args=()
	for t in "$@"; do
		i=$((i + 1))
		set_args+=(--set "$i:platform=$t")
	done
}
