#!/usr/bin/env bash
# t4025-collect-json-schema: real --format json and jsonl output (ok and
# failed devices, several commands, --pipe with raw, --group, TextFSM rows,
# a parse error, --parsed-only, a command without a template in the
# summary's no_template) and a run's
# results.jsonl validate against docs/netcollect-output.schema.json;
# the schema lists every error kind; timings are seconds rounded to the
# microsecond.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
"$PY" -c 'import jsonschema' 2>/dev/null || fail "python3-jsonschema is missing (make deps)"
schema=$TOP/docs/netcollect-output.schema.json

netsim_start --devices 3 --base "$TEST_NET.1:0" --fault auth_fail:3
chmod 600 "$T/inv.yaml"
nc() { run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" -q "$@"; }
nc --format json -c "show clock" -c "show version" >"$T/a.json" 2>/dev/null
nc --format jsonl --pipe 'head -1' "show version" >"$T/b.jsonl" 2>/dev/null
nc --format json --group "show privilege" >"$T/c.json" 2>/dev/null
nc --run-dir "$T/runs" "show clock" >/dev/null 2>&1
printf 'Value INTF (\\S+)\n\nStart\n  ^${INTF}\\s+\\d -> Record\n' >"$T/intf.textfsm"
printf 'Value T (\\S+)\n\nStart\n  ^\\*${T} -> Error "x"\n' >"$T/err.textfsm"
nc --format jsonl --template "show ip interface brief=$T/intf.textfsm" \
	--template "show clock=$T/err.textfsm" -c "show ip interface brief" -c "show clock" \
	-c "show version" >"$T/d.jsonl" 2>/dev/null
nc --format json --parsed-only --template "show ip interface brief=$T/intf.textfsm" \
	-c "show ip interface brief" -c "show version" >"$T/e.json" 2>/dev/null
sed -n '/^err_kind_name/,/^}/s/.*return "\(.*\)";/\1/p' "$TOP/src/result.c" | sort -u >"$T/kinds"
"$PY" - "$schema" "$T" <<'PY' || fail "output does not match the schema"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
T = sys.argv[2]
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
docs = [json.load(open(T + "/" + f)) for f in ("a.json", "c.json", "e.json")]
lines = [json.loads(l) for f in ("b.jsonl", "runs/latest/results.jsonl") for l in open(T + "/" + f)]
parsed = [json.loads(l) for l in open(T + "/d.jsonl")] + json.load(open(T + "/e.json"))["results"]
for d in docs + lines + parsed:
    v.validate(d)
outs = [o for r in parsed for o in r["outputs"]]
assert any("parsed" in o for o in outs) and any("parse_error" in o for o in outs)
assert any("output" not in o for o in outs)
assert any(r["error"] and r["error"]["kind"] == "parse" for r in parsed)
assert len(lines) == 6 and "groups" in docs[1]
# Live parsing: the commands without a template in the summary.
assert docs[2]["summary"]["no_template"] == [
    {"command": "show version", "platform": "cisco_ios", "devices": 3}], docs[2]["summary"]
assert "no_template" not in docs[0]["summary"]
assert any("raw" in o for r in lines for o in r["outputs"])
assert any(r["error"] and r["error"]["kind"] == "auth" for r in lines)
for r in lines + [r for d in docs for r in d["results"]]:
    for k, t in r["timings"].items():
        assert len(repr(t).split(".")[-1]) <= 6 and t == round(t, 6), (k, t)
kinds = [k for k in open(T + "/kinds").read().split() if k != "ok"]
missing = set(kinds) - set(schema["$defs"]["kind"]["enum"])
assert not missing, missing
# A field the schema does not know is an error: the schema is complete.
bad = dict(lines[0], extra=1)
assert not v.is_valid(bad)
PY
