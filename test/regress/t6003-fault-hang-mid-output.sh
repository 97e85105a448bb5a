#!/usr/bin/env bash
# t6003: 10 of 50 devices stop half way through the output and hang
# (hang_mid_output): "read-timeout" naming the command, the 40 others
# complete and byte-exact, exit 1, nothing left running, all modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" \
	--fault "hang_mid_output:$FL_BAD"
chmod 600 "$T/inv.yaml"
fl_matrix read-timeout "no prompt after 'show version' within the read timeout" \
	--read-timeout 2
