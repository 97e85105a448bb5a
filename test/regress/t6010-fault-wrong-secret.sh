#!/usr/bin/env bash
# t6010: the inventory has a wrong enable secret for 10 of 50 devices:
# those are "enable", the 40 others complete and byte-exact, exit 1,
# nothing left running, all modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0"
fl_edit_inv secret '"not-the-secret"'
[ "$(grep -c 'secret: "not-the-secret"' "$T/inv.yaml")" = 10 ] ||
	fail "inventory edit"
fl_matrix enable "enable failed: wrong secret"
