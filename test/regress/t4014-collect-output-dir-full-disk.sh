#!/usr/bin/env bash
# t4014-collect-output-dir-full-disk: --output-dir on a full file system
# (a 3 MB tmpfs): every device whose files cannot be saved fails with kind
# "write" naming the file, exit 1, nothing says "saved", the earlier files
# are unchanged (also a device's first command file when only its second
# does not fit) and no temp file is left; the outputs still reach stdout.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root to mount a tmpfs"
mkdir -p "$T/small"
mount -t tmpfs -o size=3m tmpfs "$T/small" 2>/dev/null || skip "cannot mount a tmpfs"
trap 'rc=$?; umount "$T/small" 2>/dev/null; (exit $rc); _cleanup' EXIT
od=$T/small/od
cmds=(-c "show clock" -c "show running-config")

netsim_start --devices 2 --base "$TEST_NET.1:0" --config-size 2000
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --host-key-check off --output-dir "$od" "${cmds[@]}" \
	>"$T/out1" 2>"$T/err1"
expect_eq "first run: exit status" 0 $?
expect_eq "first run: files" "R1.show_clock.txt R1.show_running-config.txt R2.show_clock.txt R2.show_running-config.txt" \
	"$(ls -A "$od" | xargs)"
(cd "$od" && sha256sum *) >"$T/before"
netsim_stop

dd if=/dev/zero of="$T/small/filler" bs=1k count=2700 2>/dev/null
netsim_start --devices 2 --base "$TEST_NET.1:0" --config-size 2000000
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --host-key-check off --output-dir "$od" "${cmds[@]}" \
	--format jsonl >"$T/out2" 2>"$T/err2"
expect_eq "full disk: exit status" 1 $?
(cd "$od" && sha256sum *) >"$T/after"
expect_file_eq "$T/before" "$T/after"
expect_eq "full disk: no temp files" "R1.show_clock.txt R1.show_running-config.txt R2.show_clock.txt R2.show_running-config.txt" \
	"$(ls -A "$od" | xargs)"
/usr/bin/python3 - "$T/out2" "$od" <<'PY' || fail "full disk: results"
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1])]
assert [r["device"] for r in rs] == ["R1", "R2"], rs
for r in rs:
    assert not r["ok"], r["device"]
    assert r["error"]["kind"] == "write", r["error"]
    want = "cannot save %s/%s.show_running-config.txt: No space left on device" % (sys.argv[2], r["device"])
    assert r["error"]["message"] == want, r["error"]["message"]
    assert len(r["outputs"][1]["output"]) > 1900000, len(r["outputs"][1]["output"])
PY
expect_grep "^R1 (.*): write: cannot save $od/R1.show_running-config.txt: No space left on device\$" "$T/err2"
expect_grep '^2 devices: 0 ok, 2 failed (write 2) in ' "$T/err2"

# Text: no "saved" line for a device whose files were not saved.
run_nc -i "$T/inv.yaml" --host-key-check off --output-dir "$od" "${cmds[@]}" \
	>"$T/out3" 2>"$T/err3"
expect_eq "full disk, text: exit status" 1 $?
expect_no_grep '^saved ' "$T/out3"
expect_eq "full disk, text: headers" "2" "$(grep -c '^=== R[12] (.*) write ' "$T/out3")"
