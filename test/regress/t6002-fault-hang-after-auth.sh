#!/usr/bin/env bash
# t6002: 10 of 50 devices never show a prompt after login
# (hang_after_auth): those are "prompt" within the read timeout, the 40
# others complete and byte-exact, exit 1, nothing left running, all modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" \
	--fault "hang_after_auth:$FL_BAD"
chmod 600 "$T/inv.yaml"
fl_matrix prompt "no prompt within 2 s" --read-timeout 2
