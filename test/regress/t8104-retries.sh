#!/usr/bin/env bash
# t8104: --retries N connects again after a failure a new connection may
# cure (here: netsim drops the first fail_first connections, kind closed)
# and the record says how many attempts were made; it never retries auth,
# nor past N; without --retries one attempt. Every mode. A refused port is
# tried 1 + N times, the waits doubling from --retry-wait.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip "no jq"
# Per mode 4 devices: drops 1, drops 2, rejects the password, healthy.
netsim_start --devices 12 --base "$TEST_NET.1:0" \
	--set 1,5,9:fail_first=1 --set 2,6,10:fail_first=2 --fault auth_fail:3,7,11
chmod 600 "$T/inv.yaml"
row() { jq -r "select(.device == \"$1\") | \"\(.ok) \(.error.kind) \(.attempts)\"" "$T/out"; }
mode_of=(process thread serial)
for k in 0 1 2; do
	m=${mode_of[$k]} b=$((k * 4))
	run_nc -i "$T/inv.yaml" --host-key-check off --format jsonl --mode "$m" \
		--limit "R$((b + 1))" --limit "R$((b + 2))" --limit "R$((b + 3))" --limit "R$((b + 4))" \
		--retries 1 --retry-wait 0.05 "show clock" >"$T/out" 2>"$T/err"
	expect_eq "$m: exit status" 1 $?
	expect_eq "$m: dropped once" "true null 2" "$(row R$((b + 1)))"
	expect_eq "$m: dropped twice, one retry" "false closed 2" "$(row R$((b + 2)))"
	expect_eq "$m: auth is not retried" "false auth 1" "$(row R$((b + 3)))"
	expect_eq "$m: healthy" "true null 1" "$(row R$((b + 4)))"
	expect_grep "^R$((b + 2)) (.*): closed: .* closed the connection before the SSH banner\$" "$T/err"
	expect_grep '^4 devices: 2 ok, 2 failed (auth 1, closed 1) in ' "$T/err"
	# R(b+2) has dropped 2 now: the next try gets in.
	run_nc -i "$T/inv.yaml" --host-key-check off --format jsonl --mode "$m" \
		--limit "R$((b + 2))" "show clock" >"$T/out" 2>/dev/null
	expect_eq "$m: then ok" "true null 1" "$(row R$((b + 2)))"
done
# Without --retries: one attempt.
netsim_stop
netsim_start --devices 1 --base "$TEST_NET.1:0" --set 1:fail_first=1
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --host-key-check off --format jsonl "show clock" >"$T/out" 2>/dev/null
expect_eq "no --retries: exit" 1 $?
expect_eq "no --retries" "false closed 1" "$(row R1)"
# Refused: 1 + 2 attempts, waiting 0.2 then 0.4 s in between.
/usr/bin/python3 - "$T/inv.yaml" "$TEST_NET" <<'PY' || fail "inventory edit"
import sys, yaml
inv = yaml.safe_load(open(sys.argv[1]))
inv["routers"][0].update(ip=sys.argv[2] + ".250", port=9)
open(sys.argv[1], "w").write(yaml.safe_dump(inv))
PY
t0=$(date +%s.%N)
run_nc -i "$T/inv.yaml" --host-key-check off --format jsonl --retries 2 --retry-wait 0.2 \
	"show clock" >"$T/out" 2>"$T/err"
expect_eq "refused: exit" 1 $?
t1=$(date +%s.%N)
expect_eq "refused" "false refused 3" "$(row R1)"
expect_grep '^R1 (.*): refused: ' "$T/err"
/usr/bin/python3 -c "import sys; sys.exit(0 if $t1 - $t0 >= 0.6 else 1)" ||
	fail "refused: 3 attempts in less than the 0.6 s of waits"
# Usage.
run_nc -i "$T/inv.yaml" --retries 101 "show clock" >/dev/null 2>"$T/err"
expect_eq "--retries 101: exit" 2 $?
expect_eq "--retries 101" "netcollect: --retries: '101' is not a number from 0 to 100" "$(head -n 1 "$T/err")"
run_nc -i "$T/inv.yaml" --retry-wait 0 "show clock" >/dev/null 2>"$T/err"
expect_eq "--retry-wait 0: exit" 2 $?
