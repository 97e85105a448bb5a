#!/usr/bin/python3
"""ntc_conform.py NETCOLLECT [NTC_DIR]

Conformance of `netcollect parse --textfsm` with ntc-templates' own test
cases: every TESTS/<platform>/<command>/<name>.raw whose <name>.yml holds a
parsed_sample. The command is the folder name with '_' as spaces, the
platform the folder above (as ntc-templates' tests do). One netcollect call
per platform and command, all its inputs at once (JSON Lines back, one per
input); each input's rows must equal parsed_sample exactly.

NTC_DIR is the argument, else $NTC_TEMPLATES, else shared/ntc-templates one
or two directories above this repository. Prints each failing case, a line
per platform, and last 'conformance: N/M identical (P platforms, C calls,
S s in them)'. Exit 0 when all are identical, 1 otherwise, 77 when there is no
ntc-templates (the caller skips).
"""
import glob
import json
import os
import subprocess
import sys
import time

import yaml

# libyaml's parser when python3-yaml has it: the same values, much sooner.
LOADER = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def find_ntc(argv):
    if len(argv) > 2:
        return argv[2]
    if os.environ.get('NTC_TEMPLATES'):
        return os.environ['NTC_TEMPLATES']
    for up in ('..', os.path.join('..', '..')):
        d = os.path.join(TOP, up, 'shared', 'ntc-templates')
        if os.path.isdir(d):
            return os.path.normpath(d)
    return None


def main(argv):
    nc = argv[1]
    ntc = find_ntc(argv)
    if not ntc or not os.path.isdir(os.path.join(ntc, 'tests')):
        print('conformance: no ntc-templates (set NTC_TEMPLATES)')
        return 77
    tdir = os.path.join(ntc, 'templates')
    groups = {}
    for raw in sorted(glob.glob(os.path.join(ntc, 'tests', '*', '*', '*.raw'))):
        yml = raw[:-4] + '.yml'
        if os.path.exists(yml):
            parts = raw.split(os.sep)
            groups.setdefault((parts[-3], parts[-2].replace('_', ' ')), []).append(raw)
    per = {}
    fails = []
    spent = 0.0
    for (plat, cmd), raws in sorted(groups.items()):
        t0 = time.perf_counter()
        p = subprocess.run([nc, 'parse', '--textfsm', tdir, '--platform', plat,
                            '--command', cmd] + raws, capture_output=True, timeout=300)
        spent += time.perf_counter() - t0
        got = {}
        for line in p.stdout.decode('utf-8').splitlines():
            r = json.loads(line)
            got[r['input']] = r
        ok, total = per.get(plat, (0, 0))
        for raw in raws:
            total += 1
            with open(raw[:-4] + '.yml') as f:
                want = yaml.load(f, Loader=LOADER)['parsed_sample']
            r = got.get(raw)
            if r is None:
                fails.append('%s: no output line (exit %d: %s)' % (
                    raw, p.returncode, p.stderr.decode('utf-8', 'replace').strip()[-200:]))
            elif 'rows' not in r:
                fails.append('%s: %s' % (raw, r.get('error')))
            elif r['rows'] != want:
                fails.append('%s: %d rows, %d expected, first difference %s' % (
                    raw, len(r['rows']), len(want),
                    next((json.dumps([a, b])[:200] for a, b in zip(r['rows'], want) if a != b),
                         'in the row count')))
            else:
                ok += 1
        per[plat] = (ok, total)
    for f in fails:
        print('FAIL ' + f)
    for plat, (ok, total) in sorted(per.items()):
        print('%-14s %4d/%d' % (plat, ok, total))
    ok = sum(o for o, _ in per.values())
    total = sum(t for _, t in per.values())
    print('conformance: %d/%d identical (%d platforms, %d netcollect calls, '
          '%.1f s in them)' % (
        ok, total, len(per), len(groups), spent))
    return 0 if ok == total and total > 0 else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
