#!/usr/bin/env bash
# t8101: netcollect merge joins shards into one run: the same records in
# inventory order, the same summary and exit status; with -i a device in
# no file is failed as kind missing; a device twice in one file, or ok in
# two files, is exit 2 naming both places, with nothing on stdout; a
# rerun's record replaces a failed one (any with --later-wins); a record
# of a device not in the inventory is a warning.
# valgrind: yes
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip "no jq"
netsim_start --devices 8 --base 127.0.0.1:0 --per-port --fault auth_fail:3
chmod 600 "$T/inv.yaml"
inv=$T/inv.yaml
H=(--host-key-check off -q --format jsonl)
run_nc -i "$inv" "${H[@]}" -c 'show version' -c 'show privilege' >"$T/one" 2>/dev/null
expect_eq "one run" 1 $?
for i in 1 2 3; do
	run_nc -i "$inv" "${H[@]}" --shard "$i/3" -c 'show version' -c 'show privilege' >"$T/s$i" 2>/dev/null
done
# Records keep their bytes; -i puts them in inventory order.
run_nc merge -i "$inv" --format jsonl "$T/s1" "$T/s2" "$T/s3" >"$T/m" 2>"$T/err"
expect_eq "merge exit" 1 $?
expect_file_eq <(sort "$T/s1" "$T/s2" "$T/s3") <(sort "$T/m")
expect_eq order "R1 R2 R3 R4 R5 R6 R7 R8" "$(jq -r .device "$T/m" | tr '\n' ' ' | sed 's/ $//')"
expect_grep '^8 devices: 7 ok, 1 failed (auth 1) in [0-9.]*s$' "$T/err"
expect_grep '^R3 (127.0.0.1:[0-9]*): auth: auth rejected' "$T/err"
strip() { jq -c 'del(.timings, .started, .finished) | .outputs |= map(.output |= sub("uptime is .*"; ""))' "$1"; }
expect_file_eq <(strip "$T/one") <(strip "$T/m")
# Without -i: the order names were first seen.
run_nc merge --format jsonl "$T/s3" "$T/s1" "$T/s2" >"$T/m2" 2>/dev/null
expect_file_eq <(cat "$T/s3" "$T/s1" "$T/s2") "$T/m2"
# Text and json come from the same sinks as a run's.
run_nc -i "$inv" --host-key-check off -q --limit R2 -c 'show version' -c 'show privilege' >"$T/t1" 2>/dev/null
run_nc merge --limit-is-not-an-option "$T/s1" >/dev/null 2>"$T/err"
expect_eq "unknown option" 2 $?
expect_eq "its message" "netcollect: merge: unknown option: --limit-is-not-an-option" "$(head -n 1 "$T/err")"
grep '"device":"R2"' "$T/one" >"$T/r2"
run_nc merge "$T/r2" >"$T/t2" 2>"$T/err" || fail "merge of one ok record: exit $?"
expect_eq "text header" "$(head -n 1 "$T/t1" | sed 's/ok [0-9.]*s$/ok/')" "$(head -n 1 "$T/t2" | sed 's/ok [0-9.]*s$/ok/')"
expect_file_eq <(tail -n +2 "$T/t1") <(tail -n +2 "$T/t2")
expect_grep '^1 device: 1 ok, 0 failed in' "$T/err"
run_nc merge -i "$inv" --format json "$T/s1" "$T/s2" "$T/s3" >"$T/j" 2>/dev/null
expect_eq "json summary" '{"devices":8,"ok":7,"failed":1,"errors":{"auth":1},"not_started":0,"interrupted":false}' \
	"$(jq -c '.summary | del(.elapsed)' "$T/j")"
expect_file_eq <(jq -c . "$T/m") <(jq -c '.results[]' "$T/j")
run_nc merge -i "$inv" --group "$T/s1" "$T/s2" "$T/s3" >"$T/g" 2>/dev/null
expect_grep '^=== R\[1-2,4-8\] (7): show privilege$' "$T/g"
# A device in no file: kind missing, exit 1.
grep -hv '"device":"R5"' "$T/s1" "$T/s2" "$T/s3" >"$T/cut"
run_nc merge -i "$inv" --format jsonl "$T/cut" >"$T/m3" 2>"$T/err"
expect_eq "missing: exit" 1 $?
expect_eq "R5" '{"ok":false,"error":{"kind":"missing","message":"in none of the 1 file merged"},"attempts":0,"outputs":[],"started":null,"finished":null}' \
	"$(jq -c 'select(.device == "R5") | {ok, error, attempts, outputs, started, finished}' "$T/m3")"
expect_grep '^8 devices: 6 ok, 2 failed (auth 1, missing 1) in' "$T/err"
expect_grep '^R5 (127.0.0.1:[0-9]*): missing: in none of the 1 file merged$' "$T/err"
run_nc merge -i "$inv" --format json "$T/cut" >"$T/m3.json" 2>/dev/null
/usr/bin/python3 - "$TOP/docs/netcollect-output.schema.json" "$T/m3" "$T/m3.json" <<'PY' || fail "merged output does not match the schema"
import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
for l in open(sys.argv[2]):
    v.validate(json.loads(l))
v.validate(json.load(open(sys.argv[3])))
PY
# Twice in one file: exit 2, both lines named, nothing written.
cat "$T/s1" "$T/s1" >"$T/twice"
n=$(wc -l <"$T/s1")
run_nc merge -i "$inv" --format jsonl "$T/twice" "$T/s2" "$T/s3" >"$T/m4" 2>"$T/err"
expect_eq "twice in one file: exit" 2 $?
expect_eq "nothing written" 0 "$(wc -c <"$T/m4")"
first=$(jq -r .device "$T/s1" | head -n 1)
expect_grep "^netcollect: merge: $first is twice in $T/twice (lines 1 and $((n + 1)))$" "$T/err"
expect_eq "last line" "netcollect: merge: nothing merged" "$(tail -n 1 "$T/err")"
# Ok in two files: overlapping shards, exit 2 naming both.
run_nc merge -i "$inv" --format jsonl "$T/s1" "$T/s2" "$T/s3" "$T/r2" >"$T/m5" 2>"$T/err"
expect_eq "ok in two files: exit" 2 $?
expect_eq "nothing written" 0 "$(wc -c <"$T/m5")"
s=$(grep -l '"device":"R2"' "$T/s1" "$T/s2" "$T/s3")
line=$(grep -n '"device":"R2"' "$s" | cut -d: -f1)
expect_grep "^netcollect: merge: R2 is in both $s:$line and $T/r2:1 (do the shards overlap?" "$T/err"
# ... unless later wins.
run_nc merge -i "$inv" --later-wins --format jsonl "$T/s1" "$T/s2" "$T/s3" "$T/r2" >"$T/m6" 2>/dev/null
expect_eq "--later-wins: exit" 1 $?
expect_file_eq "$T/r2" <(grep '"device":"R2"' "$T/m6")
expect_file_eq <(grep -v '"device":"R2"' "$T/m") <(grep -v '"device":"R2"' "$T/m6")
# A rerun replaces a failed record: old + rerun is the combined picture.
grep '"device":"R3"' "$T/one" | jq -c '.ok = true | .error = null | .attempts = 2' >"$T/rerun"
run_nc merge -i "$inv" --format jsonl "$T/one" "$T/rerun" >"$T/m7" 2>"$T/err"
expect_eq "rerun merged: exit" 0 $?
expect_eq "R3 now" "true 2" "$(jq -r 'select(.device == "R3") | "\(.ok) \(.attempts)"' "$T/m7")"
expect_grep '^8 devices: 8 ok, 0 failed in' "$T/err"
# A device not in the inventory: a warning, left out.
jq -c '.device = "GHOST"' "$T/r2" >"$T/ghost"
run_nc merge -i "$inv" --format jsonl "$T/one" "$T/ghost" >"$T/m8" 2>"$T/err"
expect_eq "ghost: exit" 1 $?
expect_grep "^netcollect: merge: $T/ghost:1: GHOST is not in $inv: left out$" "$T/err"
expect_file_eq "$T/one" "$T/m8"
# Not jsonl: refused with the file and line.
printf '{"device":"R1",\n' >"$T/bad"
run_nc merge "$T/bad" >/dev/null 2>"$T/err"
expect_eq "bad file: exit" 2 $?
expect_grep "^netcollect: merge: $T/bad:1: not a netcollect result: " "$T/err"
run_nc merge "$T/nonexistent" >/dev/null 2>"$T/err"
expect_eq "no file: exit" 2 $?
expect_grep "^netcollect: merge: $T/nonexistent: No such file or directory$" "$T/err"
# A closed stdout is exit 3, as for a run.
run_nc merge "$T/one" >/dev/full 2>"$T/err"
expect_eq "full stdout: exit" 3 $?
