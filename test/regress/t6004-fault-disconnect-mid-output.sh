#!/usr/bin/env bash
# t6004: 10 of 50 devices drop the connection half way through the output
# (disconnect_mid_output): "closed", the 40 others complete and byte-exact,
# exit 1, nothing left running, all modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" \
	--fault "disconnect_mid_output:$FL_BAD"
chmod 600 "$T/inv.yaml"
fl_matrix closed "connection lost"
