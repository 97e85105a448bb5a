#!/usr/bin/env bash
# t6006: 10 of 50 devices refuse the pty request (no_pty): "ssh" saying so,
# the 40 others complete and byte-exact, exit 1, nothing left running,
# all modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" --fault "no_pty:$FL_BAD"
chmod 600 "$T/inv.yaml"
fl_matrix ssh "pty request refused"
