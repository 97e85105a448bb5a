#!/usr/bin/env bash
# t4018-collect-group: --group (-G) prints each distinct output once per
# command under the compressed list of the devices that gave it
# ("R[1-20]"), largest group first; --format json gets a "groups" array;
# jsonl refuses it.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 20 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
nc() { run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" "$@"; }

nc --group "show privilege" >"$T/g.txt" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "one group" "=== R[1-20] (20): show privilege
Current privilege level is 15" "$(cat "$T/g.txt")"

# Three outputs from --pipe: R20, R[10-19], R[1-9].
pipe='case $NC_DEVICE in R20) echo twenty;; R?) echo one digit;; *) echo two digits;; esac'
nc -G --pipe "$pipe" -c "show clock" -c "show privilege" >"$T/g2.txt" 2>"$T/err"
expect_eq "exit status" 0 $?
cat >"$T/want" <<'EOF2'
=== R[10-19] (10): show clock
two digits
=== R[1-9] (9): show clock
one digit
=== R20 (1): show clock
twenty
=== R[10-19] (10): show privilege
two digits
=== R[1-9] (9): show privilege
one digit
=== R20 (1): show privilege
twenty
EOF2
expect_file_eq "$T/want" "$T/g2.txt"

nc --group --format json --pipe "$pipe" "show clock" >"$T/g.json" 2>"$T/err"
expect_eq "json: exit status" 0 $?
expect_eq "json groups" '[{"command":"show clock","devices":["R10","R11","R12","R13","R14","R15","R16","R17","R18","R19"],"names":"R[10-19]","output":"two digits\n"},{"command":"show clock","devices":["R1","R2","R3","R4","R5","R6","R7","R8","R9"],"names":"R[1-9]","output":"one digit\n"},{"command":"show clock","devices":["R20"],"names":"R20","output":"twenty\n"}]' \
	"$(jq -c .groups "$T/g.json")"
expect_eq "json results kept" 20 "$(jq '.results | length' "$T/g.json")"

nc --group --format jsonl "show clock" >"$T/out" 2>"$T/err"
expect_eq "jsonl: exit status" 2 $?
expect_eq "jsonl: stderr" "netcollect: --group needs --format text or json
Try 'netcollect --help'." "$(cat "$T/err")"
