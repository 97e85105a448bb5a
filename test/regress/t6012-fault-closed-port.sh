#!/usr/bin/env bash
# t6012: 10 of 50 inventory entries point at a port where nothing listens
# (the reference netsim's port, closed since): "refused" naming the
# address and port, the 40 others complete and byte-exact, exit 1, nothing
# left running, all modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0"
sed -n 's/^ *port: //p' "$T/inv.yaml" >"$T/ports"
awk -v lo="$FL_FIRST" -v hi="$FL_LAST" 'NR == FNR { old[FNR] = $1; next }
	/^ *- name: / { n = $3; gsub(/["R]/, "", n); n += 0 }
	n >= lo && n <= hi && $1 == "port:" {
		if (old[n] == $2) { print "same port" > "/dev/stderr"; exit 1 }
		sub(/:.*/, ": " old[n])
	}
	{ print }' "$T/ref.ports" "$T/inv.yaml" >"$T/inv.new" ||
	fail "the new netsim took a port of the old one"
mv "$T/inv.new" "$T/inv.yaml"
chmod 600 "$T/inv.yaml"
fl_matrix refused "refused"
for n in $(seq "$FL_FIRST" "$FL_LAST"); do
	expect_grep "^R$n ($TEST_NET.$n:$(sed -n "${n}p" "$T/ref.ports")): refused: connection to $TEST_NET.$n port $(sed -n "${n}p" "$T/ref.ports") refused\$" "$T/serial.err"
done
