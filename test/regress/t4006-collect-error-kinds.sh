#!/usr/bin/env bash
# t4006-collect-error-kinds: one run where each device fails in its own way;
# every error kind surfaces in its header, in jsonl and as one stderr line
# naming the device; the healthy device is unaffected.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 10 --base "$TEST_NET.1:0" \
	--fault auth_fail:2 --fault hang_after_auth:3 --fault hang_mid_output:4 \
	--fault disconnect_mid_output:5 --fault drop_on_connect:6 \
	--fault huge_output=4:7
h1=$(inv_field 1 ip)
p1=$(inv_field 1 port)
ssh-keygen -q -t ed25519 -N '' -f "$T/otherkey" || fail "ssh-keygen"
echo "[$(inv_field 10 ip)]:$(inv_field 10 port) $(cut -d' ' -f1-2 "$T/otherkey.pub")" >"$T/kh"
# R8: wrong enable secret. R9: strict host-key checking, key unknown.
# R10: known_hosts holds another key for it. R11: nothing listens. R12:
# offers only a key exchange netsim does not have.
/usr/bin/python3 - "$T/inv.yaml" "$TEST_NET" <<'PY' || fail "inventory edit"
import sys, yaml
path, net = sys.argv[1], sys.argv[2]
inv = yaml.safe_load(open(path))
r = inv["routers"]
r[7]["secret"] = "not-the-secret"
r[8]["host_key_check"] = "strict"
r.append(dict(r[0], name="R11", ip=net + ".250", port=9))
r.append(dict(r[0], name="R12", algorithms="kex=diffie-hellman-group1-sha1"))
open(path, "w").write(yaml.safe_dump(inv))
PY
chmod 600 "$T/inv.yaml"

run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl -j 12 \
	--read-timeout 1.5 --max-output 1M "show running-config" \
	>"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_eq "kinds" \
	"R1 ok|R2 auth|R3 prompt|R4 read-timeout|R5 closed|R6 closed|R7 output-limit|R8 enable|R9 hostkey-unknown|R10 hostkey-changed|R11 refused|R12 ssh" \
	"$(jq -r '.device + " " + (if .ok then "ok" else .error.kind end)' "$T/out" | paste -sd'|')"
expect_grep '^12 devices: 1 ok, 11 failed (refused 1, ssh 1, hostkey-unknown 1, hostkey-changed 1, auth 1, enable 1, prompt 1, read-timeout 1, closed 2, output-limit 1) in ' "$T/err"
expect_grep '^R6 (.*): closed: .* closed the connection before the SSH banner$' "$T/err"
expect_grep '^R12 (.*): ssh: SSH handshake failed: ' "$T/err"
for n in 2 3 4 5 6 7 8 9 10 11 12; do
	kind=$(jq -r "select(.device == \"R$n\") | .error.kind" "$T/out")
	line=$(grep "^R$n (" "$T/err")
	case $line in
	"R$n ("*"): $kind: "?*) ;;
	*) fail "R$n: no one-line '$kind' message on stderr: [$line]" ;;
	esac
done
expect_grep 'R10 (.*): hostkey-changed: .*SHA256:.*SHA256:' "$T/err"
expect_grep '^R8 (.*): enable: ' "$T/err"
# The healthy device's output is whole.
expect_eq "R1 output" "$(ssh_show "$h1" "$p1" "show running-config" admin admin s3cret | wc -l)" \
	"$(jq -r 'select(.device == "R1") | .outputs[0].output' "$T/out" | wc -l)"
