#!/usr/bin/env bash
# t6009: 10 of 50 devices answer "show running-config" with 2 MB
# (huge_output=2) and --max-output is 1M: those are "output-limit", the 40
# others (their normal running-config) complete and byte-exact, exit 1,
# nothing left running, all modes.
. "$(dirname "$0")/lib.sh"
FL_CMD='show running-config'
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" \
	--fault "huge_output=2:$FL_BAD"
chmod 600 "$T/inv.yaml"
fl_matrix output-limit "1048576 bytes" --max-output 1M
