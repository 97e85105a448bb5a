#!/usr/bin/env bash
# t4105-inventory-ipv6: IPv6 management addresses (only ::1): "[::1]:PORT"
# and "ip: ::1" with port: reach the device; labels, --limit and the
# known_hosts entry use the bracketed form "[::1]:PORT", as OpenSSH does.
# netsim listens on IPv4 here: a relay on [::1] forwards to it.
. "$(dirname "$0")/lib.sh"
/usr/bin/python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' \
	2>/dev/null || skip "no IPv6 loopback here"

netsim_start --devices 1 --base "$TEST_NET.1:0"
mkfifo "$T/relay.fifo"
/usr/bin/python3 - "$(inv_field 1 ip)" "$(inv_field 1 port)" 9>"$T/relay.fifo" <<'PY' &
import asyncio, os, sys
host, port = sys.argv[1], int(sys.argv[2])
async def pump(r, w):
    try:
        while (b := await r.read(65536)):
            w.write(b)
            await w.drain()
    except OSError:
        pass
    finally:
        w.close()
async def relay(r, w):
    tr, tw = await asyncio.open_connection(host, port)
    await asyncio.gather(pump(r, tw), pump(tr, w))
async def main():
    srv = await asyncio.start_server(relay, "::1", 0)
    os.write(9, b"%d\n" % srv.sockets[0].getsockname()[1])
    os.close(9)
    await srv.serve_forever()
asyncio.run(main())
PY
track $!
read -r -t 30 v6port <"$T/relay.fifo" || fail "relay did not start"
rm -f "$T/relay.fifo"

cat >"$T/v6.yaml" <<EOF2
routers:
- device_type: cisco_ios
  ip: "[::1]:$v6port"
  username: admin
  password: admin
  secret: s3cret
- name: v6b
  device_type: cisco_ios
  ip: ::1
  port: $v6port
  username: admin
  password: admin
  secret: s3cret
- name: R1
  device_type: cisco_ios
  ip: $(inv_field 1 ip)
  port: $(inv_field 1 port)
  username: admin
  password: admin
  secret: s3cret
EOF2
chmod 600 "$T/v6.yaml"
run_nc -i "$T/v6.yaml" --known-hosts "$T/kh" --limit "[::1]:$v6port" \
	"show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "headers" "=== [::1]:$v6port ok|=== v6b ([::1]:$v6port) ok" \
	"$(strip_times "$T/out" | grep '^===' | paste -sd'|')"
expect_eq "clock lines" 2 "$(grep -c '^\*[0-9:.]* UTC ' "$T/out")"
expect_grep "^\[::1\]:$v6port ssh-ed25519 " "$T/kh"
expect_eq "json host and name" "::1 [::1]:$v6port $v6port" \
	"$(run_nc -i "$T/v6.yaml" --known-hosts "$T/kh" --limit "[::1]:$v6port" \
		--limit '!v6b' --format jsonl "show clock" 2>/dev/null |
		jq -r '"\(.host) \(.device) \(.port)"')"
