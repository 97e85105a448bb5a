#!/usr/bin/env bash
# t8102: netcollect merge streams: its memory is bounded by one record,
# not by the run. 100,000 records with 800-byte outputs (80 MB more than
# the same records with 8-byte outputs) must cost no more than 16 MB more
# resident memory, in jsonl and in json (the json document is streamed
# too) and stay under 96 MB in all; the merged json document is the
# records themselves, in order, exactly.
. "$(dirname "$0")/lib.sh"
[ -x /usr/bin/time ] || skip "no /usr/bin/time (make deps installs it)"
# ASan keeps freed memory in quarantine: keep it small for the measure.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=1:detect_leaks=0"
san=0
grep -q __asan_init "$NETCOLLECT" && san=1
gen() { # FILE OUTPUT-BYTES
	/usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
body = ('0123456789abcdef' * 64)[:int(sys.argv[2])]
with open(sys.argv[1], 'w') as f:
    for i in range(1, 100001):
        ok = i % 1000 != 0
        r = {"device": "D%d" % i, "host": "10.%d.%d.%d" % (i >> 16, (i >> 8) & 255, i & 255),
             "port": 22, "group": "g%d" % (i % 7), "device_type": "cisco_ios", "ok": ok,
             "error": None if ok else {"kind": "auth", "message": "auth rejected"},
             "attempts": 1, "outputs": [{"command": "show version", "output": body}] if ok else [],
             "timings": {"connect": 0.125, "auth": 0.25, "enable": 0.5, "commands": 0.75, "total": 1.625},
             "started": "2026-12-01T10:00:00.000000Z", "finished": "2026-12-01T10:00:%02d.000000Z" % (i % 60)}
        f.write(json.dumps(r, separators=(',', ':')) + '\n')
PY
}
gen "$T/small.jsonl" 8
gen "$T/big.jsonl" 800
rss() { # FORMAT FILE: the merge's max RSS in KB; its stdout in $T/out
	/usr/bin/time -f '%M' -o "$T/rss" "$NETCOLLECT" merge --format "$1" "$2" \
		>"$T/out" 2>"$T/err"
	local rc=$?
	[ "$rc" = 1 ] || fail "merge $1 $2: exit $rc, expected 1: $(tail -n 1 "$T/err")"
	tail -n 1 "$T/rss"
}
small=$(rss jsonl "$T/small.jsonl")
big=$(rss jsonl "$T/big.jsonl")
expect_file_eq "$T/big.jsonl" "$T/out"
expect_grep '^100000 devices: 99900 ok, 100 failed (auth 100) in 59.000s$' "$T/err"
echo "jsonl: max RSS $small KB (8-byte outputs), $big KB (800-byte outputs)"
[ $((big - small)) -le 16384 ] || fail "jsonl: 80 MB more output took $((big - small)) KB more memory"
[ $san = 1 ] || [ "$big" -le 98304 ] || fail "jsonl: max RSS $big KB"
bigjson=$(rss json "$T/big.jsonl")
echo "json: max RSS $bigjson KB (800-byte outputs)"
[ $((bigjson - small)) -le 16384 ] || fail "json: 80 MB more output took $((bigjson - small)) KB more memory"
[ $san = 1 ] || [ "$bigjson" -le 98304 ] || fail "json: max RSS $bigjson KB"
/usr/bin/python3 - "$T/big.jsonl" "$T/out" <<'PY' || fail "the json document is not the records"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
text = open(sys.argv[2]).read()
doc = json.loads(text)
assert doc['results'] == recs
assert doc['summary'] == {"devices": 100000, "ok": 99900, "failed": 100, "errors": {"auth": 100},
                          "not_started": 0, "elapsed": 59.0, "interrupted": False}, doc['summary']
# Streamed, yet laid out as one jansson dump of the whole document.
assert json.dumps(doc, indent=2) + '\n' == text
PY
