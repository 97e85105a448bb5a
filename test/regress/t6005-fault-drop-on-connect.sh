#!/usr/bin/env bash
# t6005: 10 of 50 devices accept the TCP connection and close it at once
# (drop_on_connect): "closed" (before the SSH banner), the 40 others complete and
# byte-exact, exit 1, nothing left running, all modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" \
	--fault "drop_on_connect:$FL_BAD"
chmod 600 "$T/inv.yaml"
fl_matrix closed "closed the connection before the SSH banner"
