#!/usr/bin/env bash
# t3007: known_hosts modes. accept-new reports the new line (and does not
# write the file); strict accepts it once recorded and refuses an unknown
# host; a changed key is refused in every mode with both fingerprints; a
# plain "host" entry does not vouch for another port.
. "$(dirname "$0")/lib.sh"
NCS=$TOOLS/ncsession
[ -x "$NETSIM" ] || skip "netsim not built"
netsim_start --devices 1 --base 127.0.0.1:0
dev() { sed -n "s/^[ -]*$1: *//p" "$T/inv.yaml" | head -n 1 | tr -d "\"'"; }
ip=$(dev ip) port=$(dev port)
ncs() {
	timeout 20 "$NCS" --host "$ip" --port "$port" \
		--user "$(dev username)" --password "$(dev password)" \
		--secret "$(dev secret)" "$@" 'show clock'
}
: >"$T/kh"
ncs --known-hosts "$T/kh" --hostkey-check strict >"$T/o1" 2>&1
expect_eq "exit" 1 "$?"
expect_grep "^error: hostkey-unknown: host key for $ip port $port" "$T/o1"
ncs --known-hosts "$T/kh" --hostkey-check accept-new >"$T/o2" 2>&1 ||
	{ cat "$T/o2"; fail "accept-new failed"; }
[ ! -s "$T/kh" ] || fail "the session wrote known_hosts"
line=$(sed -n 's/^new-hostkey: //p' "$T/o2")
case $line in "[$ip]:$port ssh-ed25519 "*) ;; *) fail "line [$line]" ;; esac
echo "$line" >"$T/kh"
ncs --known-hosts "$T/kh" --hostkey-check strict >"$T/o3" 2>&1 ||
	{ cat "$T/o3"; fail "strict with the recorded key failed"; }
expect_no_grep '^new-hostkey' "$T/o3"
# The same key recorded under the plain address means port 22 only.
echo "$ip ${line#* }" >"$T/kh-plain"
ncs --known-hosts "$T/kh-plain" --hostkey-check strict >"$T/o4" 2>&1
expect_grep '^error: hostkey-unknown' "$T/o4"
# A different key for this host and port.
ssh-keygen -q -t ed25519 -N '' -f "$T/other" >/dev/null
echo "[$ip]:$port $(cut -d' ' -f1,2 "$T/other.pub")" >"$T/kh-changed"
want_old=$(ssh-keygen -lf "$T/other.pub" | cut -d' ' -f2)
for mode in accept-new strict; do
	ncs --known-hosts "$T/kh-changed" --hostkey-check $mode >"$T/o5" 2>&1
	expect_eq "exit ($mode)" 1 "$?"
	expect_grep "^error: hostkey-changed: .*known $want_old, offered ssh-ed25519 SHA256:" \
		"$T/o5"
done
# Checking off: anything goes.
ncs --known-hosts "$T/kh-changed" --hostkey-check off >"$T/o6" 2>&1 ||
	{ cat "$T/o6"; fail "off failed"; }
