#!/usr/bin/env bash
# t4020-collect-summary: the summary on stderr: a table per inventory group
# (like Ansible's PLAY RECAP) when there are several, failures in inventory
# order whatever order they finished in, after Ctrl-C one "N devices not
# started" line instead of a line per device never launched, and -q keeps
# only the failures (no warnings, no totals).
. "$(dirname "$0")/lib.sh"

# R2 is slow and fails (a wrong enable secret) after R5 has failed.
netsim_start --devices 6 --base "$TEST_NET.1:0" --fault auth_fail:5 --set 2:latency=600
/usr/bin/python3 - "$T/inv.yaml" "$T/groups.yaml" <<'PY'
import sys, yaml
devs = yaml.safe_load(open(sys.argv[1]))["routers"]
devs[1]["secret"] = "wrong"
yaml.safe_dump({"routers": devs[:3], "switches": devs[3:]}, open(sys.argv[2], "w"))
PY
chmod 600 "$T/groups.yaml"
run_nc -i "$T/groups.yaml" --known-hosts "$T/kh" --order completion "show clock" \
	>"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_eq "summary" "group     devices      ok  failed
routers         3       2       1  enable 1
switches        3       2       1  auth 1
6 devices: 4 ok, 2 failed (auth 1, enable 1) in
R2: enable: enable failed: wrong secret
R5: auth: auth rejected for user admin (tried password,keyboard-interactive)" \
	"$(sed -E -e 's/ in [0-9.]+s$/ in/' -e 's/ \([0-9.:]+\):/:/' "$T/err")"
# R5 finished first: completion order on stdout, inventory order above.
expect_eq "completion order" "R5 R2" "$(sed -n 's/^=== \(R[0-9]\) .* \(auth\|enable\) .*/\1/p' "$T/out" | xargs)"

run_nc -i "$T/groups.yaml" --host-key-check off -q "show clock" >"$T/out" 2>"$T/err.q"
expect_eq "-q: exit status" 1 $?
expect_eq "-q: only the failures" "R2: enable|R5: auth" \
	"$(sed -E 's/ \([0-9.:]+\): ([a-z]+):.*/: \1/' "$T/err.q" | paste -sd'|')"
netsim_stop

# Ctrl-C with R3-R8 slow and -j 2: R3, R4 were started, R5-R8 were not.
netsim_start --devices 8 --base "$TEST_NET.1:0" --set 3-8:latency=20000
chmod 600 "$T/inv.yaml"
mkfifo "$T/trace"
{ exec "$NETCOLLECT" -i "$T/inv.yaml" --known-hosts "$T/kh2" --trace -j 2 \
	"show clock" >"$T/out" 2>"$T/trace"; } &
nc=$!
track "$nc"
exec 7<"$T/trace"
got=0 started=0
while { [ $got -lt 2 ] || [ $started -lt 4 ]; } && IFS= read -r -t 30 line <&7; do
	case $line in
	"<=== "*) got=$((got + 1)) ;;
	"===> "*) started=$((started + 1)) ;;
	esac
done
expect_eq "started before Ctrl-C" "2 4" "$got $started"
kill -INT "$nc"
cat <&7 >"$T/err"
wait "$nc"
expect_eq "Ctrl-C: exit status" 130 $?
expect_eq "Ctrl-C: summary" "netcollect: interrupted by SIGINT: results are partial
8 devices: 2 ok, 6 failed (interrupted 6) in
R3: interrupted: interrupted by SIGINT
R4: interrupted: interrupted by SIGINT
4 devices not started" \
	"$(sed -E -e 's/ in [0-9.]+s$/ in/' -e 's/ \([0-9.:]+\):/:/' "$T/err")"
