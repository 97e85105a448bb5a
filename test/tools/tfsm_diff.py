#!/usr/bin/python3
"""tfsm_diff.py NETCOLLECT CASES_DIR INDEX_DIR

Differential test of netcollect's TextFSM engine against python3-textfsm
(tfsm_ref.py beside this file, in this process), on hand-written cases:

- CASES_DIR/NAME.textfsm with NAME.raw (and NAME2.raw, ...): each input
  through `netcollect parse --template` and TextFSM.ParseText;
- INDEX_DIR/index with INDEX_DIR/queries (platform TAB command TAB input
  per line): each through `netcollect parse --textfsm` and CliTable.ParseCmd.

Outcomes must agree: the same rows, or both a parse error (exit 1), or
both a template error (exit 2, ours worded "netcollect parse: FILE:LINE:
..." for a template). Prints one line per difference and last
'tfsm_diff: N checks, D differences'. Exit 1 on a difference.
"""
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tfsm_ref import reference  # noqa: E402


def run(argv):
    p = subprocess.run(argv, capture_output=True, timeout=60)
    rows = None
    if p.returncode == 0:
        text = p.stdout.decode('utf-8')
        lines = text.splitlines()
        obj = json.loads(lines[0]) if lines else None
        rows = obj['rows'] if isinstance(obj, dict) else obj
    return p.returncode, rows, p.stderr.decode('utf-8', 'replace')


def compare(label, ours, ref, template=None):
    (orc, orows, oerr), (rrc, rrows, rerr) = ours, ref
    if orc != rrc:
        return '%s: exit %d, python %d (%s | %s)' % (label, orc, rrc,
                                                     oerr.strip()[:120], rerr.strip()[:120])
    if orc == 0 and orows != rrows:
        return '%s: rows differ\n  ours:   %s\n  python: %s' % (
            label, json.dumps(orows)[:300], json.dumps(rrows)[:300])
    if orc == 2 and template and not re.match(
            r'netcollect parse: %s:\d+: \S' % re.escape(template), oerr):
        return '%s: template error not worded FILE:LINE: %r' % (label, oerr.strip())
    if orc != 0 and (oerr.count('\n') != 1 or not oerr.endswith('\n')):
        return '%s: error is not one line: %r' % (label, oerr)
    return None


def main(argv):
    nc, cases, index = argv[1], argv[2], argv[3]
    checks = 0
    diffs = []
    for tpl in sorted(glob.glob(os.path.join(cases, '*.textfsm'))):
        base = tpl[:-len('.textfsm')]
        raws = sorted(glob.glob(base + '.raw') + glob.glob(base + '[0-9].raw'))
        for raw in raws:
            checks += 1
            ours = run([nc, 'parse', '--template', tpl, raw])
            ref = reference({'--template': tpl}, raw)
            d = compare(os.path.basename(raw), ours, ref, tpl)
            if d:
                diffs.append(d)
    for line in open(os.path.join(index, 'queries')):
        if not line.strip() or line.startswith('#'):
            continue
        plat, cmd, raw = line.rstrip('\n').split('\t')
        raw = os.path.join(index, raw)
        checks += 1
        args = ['--textfsm', index, '--platform', plat, '--command', cmd]
        ours = run([nc, 'parse'] + args + [raw, raw])
        ref = reference(dict(zip(args[::2], args[1::2])), raw)
        if ours[0] == 0:
            # Two inputs: two JSON lines, both {"input", "rows"}.
            p = subprocess.run([nc, 'parse'] + args + [raw, raw], capture_output=True)
            got = [json.loads(x) for x in p.stdout.decode().splitlines()]
            if len(got) != 2 or any(g.get('input') != raw for g in got):
                diffs.append('%s / %s: not one JSON line per input' % (plat, cmd))
        d = compare('%s / %s' % (plat, cmd), ours, ref)
        if d:
            diffs.append(d)
    for d in diffs:
        print(d)
    print('tfsm_diff: %d checks, %d differences' % (checks, len(diffs)))
    return 1 if diffs else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
