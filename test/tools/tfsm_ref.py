#!/usr/bin/python3
"""tfsm_ref.py: the reference for netcollect's TextFSM engine, python3-textfsm.

  tfsm_ref.py --template FILE INPUT
  tfsm_ref.py --textfsm DIR --platform NAME --command CMD INPUT

Prints what `netcollect parse` prints for one input: a JSON array of rows,
keys lower-cased in Value order (TextFSM.ParseText, or CliTable.ParseCmd as
Netmiko calls it). The input is read as bytes and decoded with
errors='replace', as netcollect does. Exit 0, 1 for an error raised while
parsing (TextFSMError and the like), 2 for a template or index error.
"""
import json
import sys

import textfsm
from textfsm import clitable


def rows_of(header, rows):
    keys = [h.lower() for h in header]
    return json.loads(json.dumps([dict(zip(keys, r)) for r in rows]))


def reference(args, path):
    """(exit status, rows or None, message) for one input at path; args
    maps '--template' or '--textfsm', '--platform', '--command'."""
    text = open(path, 'rb').read().decode('utf-8', 'replace')
    if '--template' in args:
        try:
            with open(args['--template'], encoding='utf-8') as f:
                fsm = textfsm.TextFSM(f)
        except (textfsm.TextFSMTemplateError, UnicodeDecodeError) as e:
            return 2, None, 'template error: %s' % e
        try:
            rows = fsm.ParseText(text)
        except Exception as e:  # TextFSMError, or TypeError on a None List
            return 1, None, 'parse error: %s: %s' % (type(e).__name__, e)
        return 0, rows_of(fsm.header, rows), ''
    try:
        ct = clitable.CliTable('index', args['--textfsm'])
    except Exception as e:
        return 2, None, 'index error: %s' % e
    attrs = {'Command': args['--command'], 'Platform': args['--platform']}
    try:
        ct.ParseCmd(text, attrs)
    except (clitable.CliTableError, textfsm.TextFSMTemplateError) as e:
        return 2, None, 'template error: %s' % e
    except Exception as e:
        return 1, None, 'parse error: %s: %s' % (type(e).__name__, e)
    return 0, rows_of(ct.header, list(ct)), ''


def main(argv):
    args = dict(zip(argv[1:-1:2], argv[2:-1:2]))
    rc, rows, msg = reference(args, argv[-1])
    if rc != 0:
        print(msg, file=sys.stderr)
    else:
        print(json.dumps(rows, ensure_ascii=False))
    return rc


if __name__ == '__main__':
    sys.exit(main(sys.argv))
