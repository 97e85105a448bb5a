#!/usr/bin/env bash
# t8103: --output-dir saves the outputs of a device that failed with kind
# device-error (they are what the device printed): one file per command,
# equal to the outputs in the result, listed as saved; a device that
# failed otherwise (auth) writes nothing and keeps its earlier file.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0" --fault auth_fail:2
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --host-key-check off --output-dir "$T/od" \
	-c "sh ip itn br" -c "show clock" >"$T/text" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_grep "^R1 (.*): device-error: 'sh ip itn br' refused: " "$T/err"
expect_eq "files" "R1.sh_ip_itn_br.txt R1.show_clock.txt" "$(ls "$T/od" | tr '\n' ' ' | sed 's/ $//')"
expect_grep "^saved $T/od/R1.sh_ip_itn_br.txt\$" "$T/text"
expect_grep "^saved $T/od/R1.show_clock.txt\$" "$T/text"
expect_grep "% Invalid input detected at '^' marker." "$T/od/R1.sh_ip_itn_br.txt"
expect_eq "mode" 600 "$(stat -c %a "$T/od/R1.sh_ip_itn_br.txt")"
run_nc -i "$T/inv.yaml" --host-key-check off --output-dir "$T/od2" --format jsonl \
	-c "sh ip itn br" -c "show clock" >"$T/jsonl" 2>/dev/null
expect_eq "jsonl: exit status" 1 $?
/usr/bin/python3 - "$T/jsonl" "$T/od2" <<'PY' || fail "saved files differ from the outputs"
import json, sys
rs = {r["device"]: r for r in map(json.loads, open(sys.argv[1]))}
r1 = rs["R1"]
assert r1["error"]["kind"] == "device-error", r1["error"]
names = ["sh_ip_itn_br", "show_clock"]
assert len(r1["outputs"]) == 2
for o, n in zip(r1["outputs"], names):
    want = o["output"] if o["output"].endswith("\n") else o["output"] + "\n"
    assert open("%s/R1.%s.txt" % (sys.argv[2], n)).read() == want, n
assert rs["R2"]["error"]["kind"] == "auth"
PY
expect_eq "auth failure: no file" "" "$(ls "$T/od2" | grep R2)"
