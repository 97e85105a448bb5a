#!/usr/bin/env bash
# t4207-ask-pass-names: --ask-pass names who the answer is for: the
# user@group of each device without a password, once each, in inventory
# order ("Password for admin@core, ops@edge: "; a device with its own
# password is not asked for and keeps it); with every password in the
# file nothing is asked and one warning says so.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

netsim_start --devices 4 --base "$TEST_NET.1:0" --password 'pw-Ask7' \
	--set 3:username=ops
# core: R1, R2 as admin; edge: R3 as ops, R4 with its password in the
# file.
"$PY" - "$T/inv.yaml" >"$T/i.yaml" <<'PY'
import sys, yaml
devs = yaml.safe_load(open(sys.argv[1]))["routers"]
for d in devs:
    d.pop("password")
devs[2]["username"] = "ops"
devs[3]["password"] = "pw-Ask7"
print(yaml.safe_dump({"core": devs[:2], "edge": devs[2:]}))
PY
chmod 600 "$T/i.yaml"
cat >"$T/drive.py" <<'PY'
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
def more(limit):
    global out
    end = time.monotonic() + limit
    while True:
        left = end - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            sys.exit("timed out; got %r" % out)
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        out += chunk
        if out.endswith(b": "):
            return True
if more(20):
    sys.stderr.buffer.write(b"PROMPT[" + out + b"]\n")
    os.write(fd, b"pw-Ask7\n")
    more(30)
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
PY
timeout 60 "$PY" "$T/drive.py" "$NETCOLLECT" -i "$T/i.yaml" --known-hosts "$T/kh" \
	--ask-pass -q --format jsonl "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "the prompt" "PROMPT[Password for admin@core, ops@edge: ]" "$(cat "$T/err")"
expect_eq "ok devices" 4 "$(grep -c '"ok": *true' "$T/out")"
expect_no_grep 'pw-Ask7' "$T/out"

# Every password in the file: no prompt, one warning, a normal run.
chmod 600 "$T/inv.yaml"
timeout 60 "$PY" "$T/drive.py" "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh" \
	--ask-pass --format jsonl "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status, nothing to ask" 0 $?
expect_eq "no prompt" "" "$(cat "$T/err")"
expect_grep '^netcollect: --ask-pass: every device has its password in the inventory' "$T/out"
