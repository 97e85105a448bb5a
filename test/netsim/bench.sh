#!/usr/bin/env bash
# netsim benchmark (docs/benchmarks.md, "## netsim"): start time for 1000
# devices, netsim CPU per handshake + auth + command, idle RSS per open
# shell session. Usage: test/netsim/bench.sh [BUILD_DIR]
# Needs sshpass, OpenSSH ssh and /usr/bin/python3 with paramiko.
set -eu
BUILD=${1:-build}
NETSIM=$BUILD/netsim
W=$(mktemp -d)
trap 'kill $(cat "$W/pid" 2>/dev/null) 2>/dev/null; rm -rf "$W"' EXIT
tck=$(getconf CLK_TCK)

cpu_ms() # utime+stime of pid $1 in ms
{
	awk -v t="$tck" '{ print ($14 + $15) * 1000 / t }' "/proc/$1/stat"
}
rss_kb()
{
	awk '/^VmRSS/ { print $2 }' "/proc/$1/status"
}
start()
{
	rm -f "$W/ready"
	"$NETSIM" --pid-file "$W/pid" --ready-file "$W/ready" \
		--write-inventory "$W/inv.yaml" "$@" 2>>"$W/log" &
	while [ ! -f "$W/ready" ]; do sleep 0.01; done
}
stop()
{
	kill "$(cat "$W/pid")"
	wait 2>/dev/null || true
}

# 1. start-up of 1000 devices (kernel-chosen ports)
t0=$(date +%s%N)
start --devices 1000 --base 127.0.0.1:0 --per-port
echo "start_1000_devices_ms=$((($(date +%s%N) - t0) / 1000000))"
echo "rss_1000_listeners_kb=$(rss_kb "$(cat "$W/pid")")"
stop

# 2. CPU per session: N sequential OpenSSH sessions, each: handshake
# (curve25519, ed25519), password auth, pty, shell, "show clock", exit.
N=${N:-200}
start --devices 1 --base 127.0.0.1:0
pid=$(cat "$W/pid")
port=$(sed -n 's/^ *port: //p' "$W/inv.yaml")
c0=$(cpu_ms "$pid")
for _ in $(seq "$N"); do
	printf 'show clock\nexit\n' | sshpass -p admin ssh -tt -F /dev/null \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
		-o LogLevel=ERROR -o PubkeyAuthentication=no -p "$port" \
		admin@127.0.0.1 >/dev/null
done
c1=$(cpu_ms "$pid")
echo "cpu_per_session_ms=$(awk -v a="$c0" -v b="$c1" -v n="$N" 'BEGIN { printf "%.3f", (b - a) / n }')"
stop

# 3. idle memory: M authenticated shell sessions held open (paramiko)
M=${M:-500}
start --devices "$M" --base 127.0.0.1:0 --per-port
pid=$(cat "$W/pid")
r0=$(rss_kb "$pid")
/usr/bin/python3 - "$W/inv.yaml" "$pid" "$r0" <<'PY'
import resource, sys, paramiko
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
inv, pid, r0 = sys.argv[1], sys.argv[2], int(sys.argv[3])
ports = [int(l.split()[1]) for l in open(inv) if l.strip().startswith("port:")]
keep = []
for p in ports:
    c = paramiko.SSHClient()
    c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    c.connect("127.0.0.1", port=p, username="admin", password="admin",
              look_for_keys=False, allow_agent=False)
    ch = c.invoke_shell()
    buf = b""
    while not buf.endswith(b">"):
        buf += ch.recv(100)
    keep.append((c, ch))
rss = int([l.split()[1] for l in open("/proc/%s/status" % pid)
           if l.startswith("VmRSS")][0])
print("idle_sessions=%d" % len(keep))
print("rss_before_kb=%d rss_after_kb=%d" % (r0, rss))
print("idle_rss_per_session_kb=%.1f" % ((rss - r0) / len(keep)))
PY
stop
