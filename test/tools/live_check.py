#!/usr/bin/python3
"""live_check: the parsed rows of a netcollect --format jsonl run against
python3-textfsm on the same raw output.

usage: live_check.py JSONL [--index DIR] [--template [CMD=]FILE]... [--raw-key K]

For each output of each result, the reference is what python-textfsm
makes of its raw text (the "raw" key when --pipe ran, else "output"): a
--template for the command (exact CMD=, else one without CMD) through
TextFSM.ParseText, else DIR/index through clitable.CliTable.ParseCmd with
Platform = the device_type, keys lower-cased as Netmiko does. Without a
template the output must have no "parsed" key. Prints "live_check: N
outputs, M parsed" and exits 0 when all agree, else 1 with the first
difference.
"""
import json
import os
import sys

from textfsm import TextFSM, clitable


def main():
    args = sys.argv[1:]
    path = args.pop(0)
    index, tpls = None, []
    while args:
        a = args.pop(0)
        if a == "--index":
            index = args.pop(0)
        elif a == "--template":
            s = args.pop(0)
            if "=" in s and not os.path.exists(s):
                c, f = s.rsplit("=", 1)
                tpls.append((c, f))
            else:
                tpls.append((None, s))
        else:
            sys.exit("live_check: unknown argument " + a)
    n = parsed = 0
    for line in open(path):
        r = json.loads(line)
        for o in r["outputs"]:
            raw = o.get("raw", o.get("output"))
            want = reference(raw, o["command"], r["device_type"], index, tpls)
            got = o.get("parsed")
            if want != got:
                print("live_check: %s %r: want %r, got %r"
                      % (r["device"], o["command"], want, got))
                return 1
            n += 1
            parsed += got is not None
    print("live_check: %d outputs, %d parsed" % (n, parsed))
    return 0


def reference(raw, command, platform, index, tpls):
    f = [t for c, t in tpls if c == command] or [t for c, t in tpls if c is None]
    if f:
        with open(f[0]) as fh:
            t = TextFSM(fh)
        rows = t.ParseText(raw)
        return [dict(zip([h.lower() for h in t.header], row)) for row in rows]
    if index is None:
        return None
    ct = clitable.CliTable("index", index)
    try:
        ct.ParseCmd(raw, {"Command": command, "Platform": platform})
    except clitable.CliTableError:
        return None
    return [dict(zip([h.lower() for h in ct.header], row)) for row in ct]


if __name__ == "__main__":
    sys.exit(main())
