#!/usr/bin/env bash
# t4023-collect-diff: netcollect diff A B (run dirs or jsonl files): exit 0
# and no output when nothing changed, 1 with a unified diff per changed
# command, status changes and devices only in one run, a summary line on
# stderr; --ignore REGEX leaves lines out; usage errors exit 2;
# --diff-with latest prints this run's diff against the previous one.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
nc() { run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" -q "$@"; }
nc --run-dir "$T/runs" "show version" >/dev/null 2>&1
nc --run-dir "$T/runs" "show version" >/dev/null 2>&1
set -- $(cd "$T/runs" && ls -d 2* | sed "s|^|$T/runs/|")
run_nc diff "$1" "$2" >"$T/out" 2>"$T/err"
expect_eq "same: exit status" 0 $?
expect_eq "same: stdout" "" "$(cat "$T/out")"
expect_eq "same: summary" "diff: 0 devices changed, 0 added, 0 removed, 3 unchanged" "$(cat "$T/err")"

# jsonl files with a changed line, a failed device and one device less.
printf '%s\n' \
	'{"device":"R1","ok":true,"error":null,"outputs":[{"command":"show x","output":"a\nb\nc\nd\ne\nf\ng\nh"}]}' \
	'{"device":"R2","ok":true,"error":null,"outputs":[{"command":"show x","output":"same"}]}' \
	'{"device":"R3","ok":true,"error":null,"outputs":[{"command":"show x","output":"gone"}]}' >"$T/a.jsonl"
printf '%s\n' \
	'{"device":"R1","ok":true,"error":null,"outputs":[{"command":"show x","output":"a\nb\nc\nD\ne\nf\ng\nh\ni"}]}' \
	'{"device":"R2","ok":false,"error":{"kind":"auth","message":"auth rejected"},"outputs":[]}' \
	'{"device":"R4","ok":true,"error":null,"outputs":[{"command":"show x","output":"new"}]}' >"$T/b.jsonl"
run_nc diff "$T/a.jsonl" "$T/b.jsonl" >"$T/out" 2>"$T/err"
expect_eq "changed: exit status" 1 $?
cat >"$T/want" <<EOF2
--- $T/a.jsonl: R1: show x
+++ $T/b.jsonl: R1: show x
@@ -1,8 +1,9 @@
 a
 b
 c
-d
+D
 e
 f
 g
 h
+i
=== R2: ok -> auth (auth rejected)
--- $T/a.jsonl: R2: show x
+++ $T/b.jsonl: R2: show x
@@ -1 +0,0 @@
-same
Only in $T/b.jsonl: R4
Only in $T/a.jsonl: R3
EOF2
expect_file_eq "$T/want" "$T/out"
expect_eq "changed: summary" "diff: 2 devices changed, 1 added, 1 removed, 0 unchanged" "$(cat "$T/err")"

# --ignore: the clock line of show clock never counts.
nc --run-dir "$T/runs" "show clock" >/dev/null 2>&1
nc --run-dir "$T/runs" "show clock" >/dev/null 2>&1
set -- $(cd "$T/runs" && ls -d 2* | tail -2 | sed "s|^|$T/runs/|")
run_nc diff "$1" "$2" >"$T/out" 2>"$T/err"
expect_eq "clock: exit status" 1 $?
expect_eq "clock: changed lines" 6 "$(grep -c '^[-+]\*[0-9:.]* UTC ' "$T/out")"
run_nc diff --ignore '^\*\d\d:\d\d:\d\d\.\d+ UTC ' "$1" "$2" >"$T/out" 2>"$T/err"
expect_eq "clock --ignore: exit status" 0 $?

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --run-dir "$T/runs" --diff-with latest \
	-c "show clock" >"$T/out" 2>"$T/err"
expect_eq "--diff-with: exit status" 0 $?
expect_eq "--diff-with: hunks" 3 "$(grep -c '^@@ -1 +1 @@$' "$T/out")"
expect_grep "^+++ this run: R3: show clock$" "$T/out"
expect_grep '^diff: 3 devices changed, 0 added, 0 removed, 0 unchanged$' "$T/err"

# With jsonl stdout stays parseable: the diff goes to stderr.
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --run-dir "$T/runs" --diff-with latest \
	--format jsonl -c "show clock" >"$T/out" 2>"$T/err"
expect_eq "--diff-with jsonl: exit status" 0 $?
expect_eq "--diff-with jsonl: stdout" "R1 R2 R3" "$(jq -r .device "$T/out" | xargs)"
expect_eq "--diff-with jsonl: hunks on stderr" 3 "$(grep -c '^@@ -1 +1 @@$' "$T/err")"

run_nc diff "$1" >"$T/out" 2>"$T/err"
expect_eq "one run: exit status" 2 $?
run_nc diff --ignore '(' "$1" "$2" >"$T/out" 2>"$T/err"
expect_eq "bad regex: exit status" 2 $?
expect_grep "^netcollect: --ignore '(': missing closing parenthesis at offset 1$" "$T/err"
run_nc diff "$T/nothing" "$2" >"$T/out" 2>"$T/err"
expect_eq "missing run: exit status" 2 $?
expect_eq "missing run: stderr" "netcollect: $T/nothing: No such file or directory" "$(cat "$T/err")"
