#!/usr/bin/python3
"""tfsm_fuzz.py NETCOLLECT [-n CASES] [-s SEED] [-o DIR] [-t SECONDS]

Differential fuzzing of netcollect's TextFSM engine against python3-textfsm.
Generates random templates (every Value option in random orders and
combinations, states, EOF/End, all actions, Python regex dialect points)
and random inputs (line breaks of every kind, invalid UTF-8), parses each
with TextFSM.ParseText and with `NETCOLLECT parse --template`, and compares:
both reject the template (exit 2), both fail the parse (exit 1), or both
give the same rows. Each difference is written to DIR (default
build/tfsm-fuzz) as caseN.textfsm + caseN.raw + caseN.txt. The last line
is 'tfsm_fuzz: N cases, D differences (seed S)'. Exit 1 on a difference.
"""
import json
import os
import random
import signal
import subprocess
import sys
import time

import textfsm

NAMES = ['A', 'B', 'Cc', 'd_1', 'Name', 'Val' + 'x' * 38, 'List', 'p', 'q',
         'Z9']
BAD_NAMES = ['Y' * 49, 'a-b', 'A']
OPTIONS = ['Filldown', 'Fillup', 'Key', 'List', 'Required']
# (regex, strings it matches) so that input lines can be made from rules.
W = ['a', 'b', 'x', 'xx', 'Foo', '\u00e9t\u00e9', 'A1', 'y_2', '\u0660\u0661']
VALUE_RES = [(r'(\S+)', W + ['foo.bar', '1.2']), (r'(\d+)', ['1', '22', '\u0661']),
             (r'(\w+)', W), (r'(.*)', ['', 'a b', ' x ', 'Foo  1']),
             (r'(\S*)', ['', 'x', 'a.b']), (r'(.+?)', ['a', 'a b']),
             (r'(\S+\s\S+)', ['a b', 'x\u00a0y']), (r'([a-c]+)', ['a', 'abc', 'cab']),
             (r'((?P<p>\w)(?P<q>\w*))', W), (r'((?P<p>\d+)|(?P<q>[a-z]+))', ['12', 'ab', 'x']),
             (r'(\w+(?=\s))', ['a ', 'xx ']), (r'((?<=\s)\w+)', ['a', 'Foo']),
             (r'(a|b)', ['a', 'b']), (r'(x{2,3})', ['xx', 'xxx']), (r'(x{,2})', ['', 'x', 'xx']),
             (r'([^\s]+)', W), (r'(\S+(?<!\.))', ['a.b', 'a.', 'x']), ('(\u00e9+)', ['\u00e9\u00e9']),
             (r'(\s*)', ['', ' ', '\t']), (r'(\w)', ['a', 'x', '1']),
             (r'(\d+(?:\.\d+)+)', ['1.2', '10.0.0.1']), (r'([\w.]+)', ['a.b', 'x']),
             (r'(\S+?)', ['a', 'ab']), (r'((?:x|y)+)', ['x', 'xyx']),
             (r'([^\S\t]+)', [' ', '\u3000']), (r'(\d*)', ['', '7']),
             (r'((?P<Name>\w+)\s(?P<B>\w+))', ['a b', 'Foo x'])]
BAD_VALUE_RES = [r'(\S+', r'(?:x)', r'(\q)', r'([z-a])', r'(x))', r'x', '']
PIECES = [('${V}', None), ('$V', None), (r'\s+', [' ', '  ', '\t', '\u00a0']),
          (r'\s*', ['', ' ']), (' ', [' ']), ('x', ['x']), ('xx', ['xx']),
          ('a', ['a']), (r'\d+', ['1', '42', '\u0663']), (r'.*', ['', 'a b', 'zz']),
          (r'\S+', W), ('$$', ['']), (r'(?:x|y)', ['x', 'y']), ('[A-Z]', ['A', 'Q']),
          (r'\w+', W), (r'(\S+)', W), ('(?<=x)', ['']), (r'.*?', ['', 'q']),
          ('\u00e9', ['\u00e9']), (r'\S', ['a', '.']), (r'x{2}', ['xx']),
          (r'(?P<n>\w)', ['n']), (r'\b', ['']), (r'[\s,]+', [',', ' , ']),
          (r'\t', ['\t']), ('1', ['1']), (r'\.', ['.']), ('(?!x)', ['']),
          (r'[^x]*', ['', 'ab'])]
BAD_PIECES = ['$', '${', '$Undefined', r'\q', '(', '[', '*', r'\Z*', '(?<x>a)',
              r'(?P<n>a)(?P<n>b)', r'\1']
ACTIONS = ['Next', 'Continue', 'Record', 'Next.Record', 'Continue.Record',
           'Clear', 'Clearall', 'NoRecord', 'Next.Clear', 'Next.Clearall',
           'Continue.Clearall', 'Next.NoRecord', 'Error', 'Error "bad line"',
           'Error stop', '{S}', 'Next.Record {S}', 'Record {S}', 'End', 'EOF',
           'Next.Record End', 'Next.Record EOF', 'Clear {S}']
BAD_ACTIONS = ['Continue {S}', 'Next.Foo', '"quoted"', 'Record "q"', 'Nosuch',
               'Next Record Start', 'Next.Record  Foo Bar']
WORDS = ['a', 'b', 'x', 'xx', 'xxx', 'y', '1', '22', '333', '\u00e9', 'Foo',
         'foo.bar', '1.2.3.4', 'A', 'Name', '\u00e9t\u00e9', ',', '\u0660\u0661',
         '\u00a0', '\u3000x']
SEPS = [' ', '  ', '', '\t', ' ', ' ']
BREAKS = ['\n'] * 12 + ['\r\n', '\r', '\x0b', '\x0c', '\x1c', '\x85',
                        '\u2028', '\n\n']


def gen_template(rnd):
    """A template, and for each rule a list of string choices per piece."""
    # One template in four gets a chance of each kind of mistake.
    bad = 0.02 if rnd.random() < 0.25 else 0.0
    out = []
    names = {}
    pool = rnd.sample(NAMES, 4)
    for _ in range(rnd.randint(0 if rnd.random() < 0.03 else 1, 4)):
        name = pool.pop()
        if rnd.random() < bad:
            name = rnd.choice(BAD_NAMES)
        opts = rnd.sample(OPTIONS, rnd.randint(0, 3))
        if rnd.random() < bad:
            opts.append(rnd.choice(['Foo', '', opts[0] if opts else 'Key']))
        regex, samples = rnd.choice(VALUE_RES)
        if rnd.random() < bad:
            regex = rnd.choice(BAD_VALUE_RES)
        line = 'Value ' + (','.join(opts) + ' ' if opts else '') + name
        line += ' ' + regex
        if rnd.random() < bad:
            line = line.replace(' ', '  ', 1)
        out.append(line)
        names[name] = samples
        if rnd.random() < 0.05:
            out.append('# a comment')
    out.append('')
    states = ['Start'] + rnd.sample(['S1', 'S2', 'Deep'], rnd.randint(0, 2))
    tail = rnd.choice([[], [], ['EOF'], ['End'], ['EOF', 'End']])
    shapes = []
    for st in states + tail:
        out.append(st)
        if st in ('EOF', 'End'):
            if rnd.random() < bad * 5:
                out.append('  ^x -> Next')
            out.append('')
            continue
        for _ in range(rnd.randint(1, 5)):
            regex = '^'
            shape = []
            unused = list(names)
            for _ in range(rnd.randint(1, 4)):
                p, samples = rnd.choice(PIECES[:2] if rnd.random() < 0.4
                                        else PIECES)
                if rnd.random() < bad:
                    p, samples = rnd.choice(BAD_PIECES), ['']
                if 'V' in p and not unused:
                    p, samples = r'\s*', ['', ' ']
                if 'V' in p and unused:
                    v = unused.pop(rnd.randrange(len(unused)))
                    p = p.replace('V', v)
                    samples = names[v]
                    if p.startswith('$') and not p.startswith('${'):
                        p = '${%s}' % v if rnd.random() < 0.5 else p + r'\b'
                regex += p
                shape.append(samples or [''])
            shapes.append(shape)
            rule = rnd.choice([' ', '  ', '\t']) + regex
            if rnd.random() < 0.7:
                act = rnd.choice(ACTIONS)
                if rnd.random() < bad:
                    act = rnd.choice(BAD_ACTIONS)
                act = act.replace('{S}', rnd.choice(states))
                arrow = ' -> ' if rnd.random() > bad * 5 else rnd.choice(
                    [' ->', '\t-> ', ' ->  '])
                rule += arrow + act
            out.append(rule)
            if rnd.random() < 0.05:
                out.append('  # comment in a state')
        out.append('')
    return '\n'.join(out), shapes


def gen_input(rnd, shapes):
    parts = []
    for _ in range(rnd.randint(0, 25)):
        if shapes and rnd.random() < 0.75:
            line = ''.join(rnd.choice(c) for c in rnd.choice(shapes))
            if rnd.random() < 0.2:
                line += rnd.choice(SEPS) + rnd.choice(WORDS)
        else:
            line = rnd.choice(['', ' ', '\t']) if rnd.random() < 0.3 else ''
            line += rnd.choice(SEPS).join(
                rnd.choice(WORDS) for _ in range(rnd.randint(0, 5)))
        parts.append(line.encode() + rnd.choice(BREAKS).encode())
        if rnd.random() < 0.03:
            parts.append(rnd.choice([b'\xff', b'\xe2\x82', b'\xed\xa0\x80x',
                                     b'\xc0\x80', b'\xf0\x90\x80']))
    if parts and rnd.random() < 0.3:
        parts[-1] = parts[-1].rstrip(b'\n\r')
    return b''.join(parts)


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def python_result(tpl_path, raw):
    try:
        with open(tpl_path, encoding='utf-8') as f:
            fsm = textfsm.TextFSM(f)
    except textfsm.TextFSMTemplateError:
        return ('exit', 2)
    except Exception as e:  # python-textfsm crashes on some bad templates
        return ('crash', 'template: %s: %s' % (type(e).__name__, e))
    try:
        rows = fsm.ParseText(raw.decode('utf-8', 'replace'))
    except textfsm.TextFSMError:
        return ('exit', 1)
    except Exception as e:
        return ('crash', 'parse: %s: %s' % (type(e).__name__, e))
    keys = [h.lower() for h in fsm.header]
    return ('rows', json.loads(json.dumps([dict(zip(keys, r)) for r in rows])))


def ours(nc, tpl_path, raw_path):
    p = subprocess.run([nc, 'parse', '--template', tpl_path, raw_path],
                       capture_output=True, timeout=60)
    if p.returncode == 0:
        try:
            return ('rows', json.loads(p.stdout)), p.stderr
        except ValueError:
            return ('bad-json', p.stdout[:200]), p.stderr
    return ('exit', p.returncode), p.stderr


def main(argv):
    nc = argv[1]
    opts = dict(zip(argv[2::2], argv[3::2]))
    n = int(opts.get('-n', 500))
    seed = int(opts.get('-s', int(time.time())))
    outdir = opts.get('-o', 'build/tfsm-fuzz')
    budget = float(opts.get('-t', 0))
    os.makedirs(outdir, exist_ok=True)
    rnd = random.Random(seed)
    signal.signal(signal.SIGALRM, on_alarm)
    tpl_path = os.path.join(outdir, 'cur.textfsm')
    raw_path = os.path.join(outdir, 'cur.raw')
    diffs = done = 0
    stats = {}
    t0 = time.time()
    while done < n or (budget and time.time() - t0 < budget):
        if budget and time.time() - t0 >= budget:
            break
        tpl, shapes = gen_template(rnd)
        raw = gen_input(rnd, shapes)
        with open(tpl_path, 'w', encoding='utf-8') as f:
            f.write(tpl)
        with open(raw_path, 'wb') as f:
            f.write(raw)
        signal.alarm(5)
        try:
            want = python_result(tpl_path, raw)
        except Timeout:
            continue
        finally:
            signal.alarm(0)
        done += 1
        if want[0] == 'crash':
            stats['python crash'] = stats.get('python crash', 0) + 1
            continue
        got, err = ours(nc, tpl_path, raw_path)
        key = want[0] if want[0] == 'rows' else 'exit %d' % want[1]
        stats[key] = stats.get(key, 0) + 1
        if got != want:
            diffs += 1
            base = os.path.join(outdir, 'case%d' % diffs)
            with open(base + '.textfsm', 'w', encoding='utf-8') as f:
                f.write(tpl)
            with open(base + '.raw', 'wb') as f:
                f.write(raw)
            with open(base + '.txt', 'w') as f:
                f.write('python: %r\nnetcollect: %r\nstderr: %s\n'
                        % (want, got, err.decode('utf-8', 'replace')))
            print('difference: %s (python %s, netcollect %s)'
                  % (base, str(want)[:80], str(got)[:80]))
    print('outcomes: %s' % ', '.join('%s %d' % kv for kv in sorted(stats.items())))
    print('tfsm_fuzz: %d cases, %d differences (seed %d)' % (done, diffs, seed))
    return 1 if diffs else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
