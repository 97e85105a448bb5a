#!/usr/bin/env bash
# t6011: compatibility row: 10 of 50 devices offer only legacy algorithms
# (diffie-hellman-group14-sha1, ssh-rsa, aes-cbc, hmac-sha1): all 50 are
# ok and byte-exact, exit 0, nothing left running, all modes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fault-lib.sh"
fl_reference
netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" --set "$FL_BAD:legacy=1"
chmod 600 "$T/inv.yaml"
fl_matrix ok ""
