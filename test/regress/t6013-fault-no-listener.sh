#!/usr/bin/env bash
# t6013: 10 of 50 inventory entries point at loopback addresses where no
# device exists ($TEST_NET.2NN, a closed port): "refused" naming the
# address, the 40 others complete and byte-exact, exit 1, nothing left
# running, all modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0"
port=$(sed -n '1p' "$T/ref.ports")
for n in $(seq "$FL_FIRST" "$FL_LAST"); do
	awk -v n="R$n" -v a="$TEST_NET.$((200 + n))" -v p="$port" '
		/^ *- name: / { cur = $3; gsub(/"/, "", cur) }
		cur == n && $1 == "ip:" { sub(/:.*/, ": \"" a "\"") }
		cur == n && $1 == "port:" { sub(/:.*/, ": " p) }
		{ print }' "$T/inv.yaml" >"$T/inv.new"
	mv "$T/inv.new" "$T/inv.yaml"
done
chmod 600 "$T/inv.yaml"
# fl_matrix checks stderr lines against $TEST_NET.N: the loop is here.
for mode in process thread serial; do
	fl_nc "$mode" -i "$T/inv.yaml" --known-hosts "$T/kh.$mode" -j "$FL_N" \
		--mode "$mode" --format jsonl "$FL_CMD"
	fl_no_leftovers "$mode"
	expect_eq "$mode exit status" 1 "$FL_RC"
	expect_eq "$mode results" "$FL_N" "$(wc -l <"$T/$mode.out")"
	fl_split "$mode"
	expect_kinds "$mode" refused
	expect_healthy_exact "$mode"
	expect_grep "^$FL_N devices: 40 ok, 10 failed (refused 10) in" "$T/$mode.err"
	for n in $(seq "$FL_FIRST" "$FL_LAST"); do
		a=$TEST_NET.$((200 + n))
		expect_grep "^R$n ($a:$port): refused: connection to $a port $port refused\$" "$T/$mode.err"
	done
done
