#!/usr/bin/env bash
# t4015-collect-output-dir-keeps-outputs: --output-dir saves the outputs
# *also*: text, json and jsonl on stdout still carry every output, equal
# to the saved file.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
nc() { run_nc -i "$T/inv.yaml" --host-key-check off "$@"; }

nc --output-dir "$T/od" "show ip interface brief" >"$T/text" 2>/dev/null
expect_eq "text: exit status" 0 $?
expect_eq "text: outputs" 2 "$(grep -c '^GigabitEthernet0/7 ' "$T/text")"
for fmt in json jsonl; do
	nc --output-dir "$T/od.$fmt" --format "$fmt" "show ip interface brief" \
		>"$T/$fmt" 2>/dev/null
	expect_eq "$fmt: exit status" 0 $?
	/usr/bin/python3 - "$T/$fmt" "$fmt" "$T/od.$fmt" <<'PY' || fail "$fmt: outputs missing with --output-dir"
import json, sys
path, fmt, od = sys.argv[1:]
if fmt == "json":
    rs = json.load(open(path))["results"]
else:
    rs = [json.loads(l) for l in open(path)]
assert len(rs) == 2
for r in rs:
    out = r["outputs"][0]["output"]
    assert out.startswith("Interface "), out[:80]
    assert open("%s/%s.txt" % (od, r["device"])).read() == out + "\n"
PY
done
