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


def rows_json(header, rows):
    keys = [h.lower() for h in header]
    return json.dumps([dict(zip(keys, r)) for r in rows], ensure_ascii=False)


def main(argv):
    args = dict(zip(argv[1:-1:2], argv[2:-1:2]))
    text = open(argv[-1], 'rb').read().decode('utf-8', 'replace')
    if '--template' in args:
        try:
            with open(args['--template'], encoding='utf-8') as f:
                fsm = textfsm.TextFSM(f)
        except (textfsm.TextFSMTemplateError, UnicodeDecodeError) as e:
            print('template error: %s' % e, file=sys.stderr)
            return 2
        try:
            rows = fsm.ParseText(text)
        except Exception as e:  # TextFSMError, or TypeError on a None List
            print('parse error: %s: %s' % (type(e).__name__, e), file=sys.stderr)
            return 1
        print(rows_json(fsm.header, rows))
        return 0
    try:
        ct = clitable.CliTable('index', args['--textfsm'])
    except Exception as e:
        print('index error: %s' % e, file=sys.stderr)
        return 2
    attrs = {'Command': args['--command'], 'Platform': args['--platform']}
    try:
        ct.ParseCmd(text, attrs)
    except (clitable.CliTableError, textfsm.TextFSMTemplateError) as e:
        print('template error: %s' % e, file=sys.stderr)
        return 2
    except Exception as e:
        print('parse error: %s: %s' % (type(e).__name__, e), file=sys.stderr)
        return 1
    print(rows_json(ct.header, list(ct)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
