#!/usr/bin/env bash
# t4001-collect-ok: every device ok; each output is exactly what OpenSSH's
# client sees on the same device; headers, summary and exit status 0.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
cmd="show ip interface brief"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" "$cmd" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?

: >"$T/want"
for i in 1 2 3; do
	host=$(inv_field $i ip)
	port=$(inv_field $i port)
	echo "=== R$i ($host:$port) ok" >>"$T/want"
	ssh_show "$host" "$port" "$cmd" >>"$T/want"
done
[ "$(wc -l <"$T/want")" -gt 20 ] || fail "oracle gave too little: $(cat "$T/want")"
strip_times "$T/out" >"$T/got"
expect_file_eq "$T/want" "$T/got"
expect_grep '^3 devices: 3 ok, 0 failed in [0-9.]*s$' "$T/err"
expect_eq "stderr lines" 1 "$(wc -l <"$T/err")"
# accept-new recorded each host key once.
expect_eq "known_hosts lines" 3 "$(wc -l <"$T/kh")"

# The same device listed twice (two names, one host:port): its new key is
# recorded once.
/usr/bin/python3 - "$T/inv.yaml" "$T/twice.yaml" <<'PY' || fail "inventory edit"
import sys, yaml
inv = yaml.safe_load(open(sys.argv[1]))
r1 = inv["routers"][0]
inv["routers"] = [r1, dict(r1, name="R1-again")]
open(sys.argv[2], "w").write(yaml.safe_dump(inv))
PY
chmod 600 "$T/twice.yaml"
run_nc -i "$T/twice.yaml" --known-hosts "$T/kh2" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "known_hosts lines for one host listed twice" 1 "$(wc -l <"$T/kh2")"
