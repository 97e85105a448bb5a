#!/usr/bin/env bash
# t4011-collect-terminal: on a terminal (a pty), --ask-pass and
# --ask-secret prompt once each with echo off, naming who the answer is
# for (Password for admin@routers:), and the answers reach every
# device; stderr shows the live progress line; a device's escape
# sequences are shown escaped, so it cannot rewrite the user's screen.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

netsim_start --devices 3 --base "$TEST_NET.1:0" --password 'pw-Tty9' \
	--secret 'en-Tty9' --latency 150 --fault garbage:3
# No password or secret in the file: they must come from the prompts.
grep -v -e '^ *password:' -e '^ *secret:' "$T/inv.yaml" >"$T/i.yaml"
cat >"$T/term_drive.py" <<'PY'
import os, pty, select, sys, time
argv = sys.argv[1:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
out = b""
def read_until(token, limit=20.0):
    global out
    end = time.monotonic() + limit
    while token not in out:
        left = end - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            sys.exit("timed out waiting for %r; got %r" % (token, out))
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            sys.exit("EOF waiting for %r; got %r" % (token, out))
        if not chunk:
            sys.exit("EOF waiting for %r" % token)
        out += chunk
read_until(b"Password for admin@routers: ")
os.write(fd, b"pw-Tty9\n")
read_until(b"Enable secret for admin@routers: ")
os.write(fd, b"en-Tty9\n")
end = time.monotonic() + 30
while True:
    left = end - time.monotonic()
    if left <= 0 or not select.select([fd], [], [], left)[0]:
        sys.exit("netcollect did not finish; got %r" % out)
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
PY
timeout 60 "$PY" "$T/term_drive.py" "$NETCOLLECT" -i "$T/i.yaml" --known-hosts "$T/kh" \
	--ask-pass --ask-secret "show ip interface brief" >"$T/out" 2>"$T/py.err"
expect_eq "exit status" 0 $?
# As the terminal shows it: the progress line is erased ("\r ESC[K")
# before anything else is written, so each erase starts a new line here;
# colours (SGR sequences) dropped.
"$PY" -c 'import re, sys
d = sys.stdin.buffer.read()
d = d.replace(b"\r\x1b[K", b"\n").replace(b"\r\n", b"\n")
d = re.sub(rb"\x1b\[[0-9;]*m", b"", d)
sys.stdout.buffer.write(d)' <"$T/out" >"$T/clean"
expect_no_grep 'pw-Tty9' "$T/clean"
expect_no_grep 'en-Tty9' "$T/clean"
expect_eq "ok headers" 3 "$(grep -c '^=== R[1-3] (.*) ok ' "$T/clean")"
# The progress line: "[done/total] ok N, failed N, running N, S.Ss".
grep -qE '^\[[0-3]/3\] ok [0-3], failed 0, running [0-3], [0-9.]+s(, ETA [0-9]+s)?$' "$T/clean" ||
	fail "no progress line on the terminal"
# R3's output carries ESC[2J and friends: shown as text, never raw.
expect_grep '\\x1b\[2J' "$T/clean"
if grep -q $'\e\\[2J' "$T/clean"; then
	fail "a device's escape sequence reached the terminal raw"
fi
expect_grep '^3 devices: 3 ok, 0 failed in ' "$T/clean"
