#!/usr/bin/env bash
# t1012-thousand-devices: 1,000 devices start fast and hold 1,000 simultaneous sessions
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || skip "no /usr/bin/python3"
start=$(date +%s%N)
netsim_start --devices 1000 --base 127.0.0.1:0 --per-port
ms=$((($(date +%s%N) - start) / 1000000))
[ "$ms" -lt 10000 ] || fail "1000 devices took $ms ms to start"
expect_eq devices 1000 "$(grep -c '^  - name:' "$T/inv.yaml")"
# One connection to every device, all held open at once: each gets the
# SSH banner and starts a key exchange. While they are held, a sample of
# full sessions (paramiko: auth, shell, command) runs on top of them.
cat >"$T/many.py" <<'PYEOF'
import os, resource, socket, sys, time
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
inv, stats, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
ports = [int(l.split()[1]) for l in open(inv) if l.strip().startswith("port:")]
socks = []
for p in ports:
    s = socket.create_connection(("127.0.0.1", p), timeout=20)
    socks.append(s)
for s in socks:
    buf = b""
    while b"\n" not in buf:
        d = s.recv(256)
        if not d:
            sys.exit("connection closed before the banner")
        buf += d
    if not buf.startswith(b"SSH-2.0-"):
        sys.exit("bad banner %r" % buf)
    s.sendall(b"SSH-2.0-netsim_test\r\n")
full = 0
try:
    import paramiko
    for p in ports[:20]:
        c = paramiko.SSHClient()
        c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        c.connect("127.0.0.1", port=p, username="admin", password="admin",
                  look_for_keys=False, allow_agent=False, timeout=20)
        ch = c.invoke_shell()
        ch.send(b"show clock\nexit\n")
        out = b""
        while True:
            d = ch.recv(4096)
            if not d:
                break
            out += d
        if b" UTC " not in out:
            sys.exit("no clock in %r" % out)
        c.close()
        full += 1
except ImportError:
    pass
os.kill(pid, 10)
deadline = time.time() + 20
while time.time() < deadline:
    try:
        kv = dict(l.strip().split("=") for l in open(stats))
        if int(kv["connections"]) >= len(ports) + full:
            break
    except (OSError, ValueError, KeyError):
        pass
    time.sleep(0.05)
print(len(socks), full)
PYEOF
timeout 120 "$PY" "$T/many.py" "$T/inv.yaml" "$T/stats" "$NETSIM_PID" >"$T/py.out" 2>"$T/py.err" ||
	fail "client: $(cat "$T/py.err")"
read -r held full <"$T/py.out"
expect_eq held 1000 "$held"
max=$(netsim_stat max_sessions)
[ "$max" -ge 1000 ] || fail "max_sessions=$max, expected >= 1000"
expect_eq connections $((1000 + full)) "$(netsim_stat connections)"
