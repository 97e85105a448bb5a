#!/usr/bin/env bash
# t8106: the GNU parallel recipe of docs/scaling.md: 4 shards of a
# 400-device lab run under parallel, merged with -i, equal one unsharded
# run record for record (timings and uptimes aside), every device in
# exactly one shard, and the merge's summary and exit status those of
# the one run.
. "$(dirname "$0")/lib.sh"
command -v parallel >/dev/null || skip "no GNU parallel (make deps installs it)"
netsim_start --devices 400 --base 127.0.0.1:0 --per-port --fault auth_fail:17,300
chmod 600 "$T/inv.yaml"
inv=$T/inv.yaml
run_nc -i "$inv" --host-key-check off -q --format jsonl -j 50 "show version" >"$T/one" 2>/dev/null
expect_eq "one run: exit" 1 $?
parallel -j 4 "$NC_WRAP $NETCOLLECT -i $inv --host-key-check off -q --format jsonl -j 15 \
	--shard {}/4 'show version' > $T/s{}.jsonl" ::: 1 2 3 4
expect_eq "parallel: shards that exited non-zero" 2 $?
run_nc merge -i "$inv" --format jsonl "$T"/s[1-4].jsonl >"$T/merged" 2>"$T/err"
expect_eq "merge: exit" 1 $?
expect_grep '^400 devices: 398 ok, 2 failed (auth 2) in [0-9.]*s$' "$T/err"
/usr/bin/python3 - "$T" <<'PY' || fail "4 merged shards differ from one run"
import json, sys
d = sys.argv[1]
def load(p):
    return [json.loads(l) for l in open(p)]
def norm(r):
    r = dict(r)
    for k in ("timings", "started", "finished"):
        r.pop(k)
    r["outputs"] = [dict(o, output=o["output"].split("uptime is")[0]) for o in r["outputs"]]
    return r
one, merged = load(d + "/one"), load(d + "/merged")
shards = [load("%s/s%d.jsonl" % (d, i)) for i in (1, 2, 3, 4)]
seen = sorted(r["device"] for s in shards for r in s)
assert len(one) == 400 and seen == sorted(r["device"] for r in one), "not every device once"
assert all(len(s) > 50 for s in shards), [len(s) for s in shards]
assert [norm(r) for r in one] == [norm(r) for r in merged]
PY
