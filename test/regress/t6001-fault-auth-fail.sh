#!/usr/bin/env bash
# t6001: 10 of 50 devices reject every password (auth_fail): those are
# "auth", the 40 others are complete and byte-exact, exit 1, nothing left
# running, in process, thread and serial modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" --fault "auth_fail:$FL_BAD"
chmod 600 "$T/inv.yaml"
fl_matrix auth "auth rejected for user admin"
