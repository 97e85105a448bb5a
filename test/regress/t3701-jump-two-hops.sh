#!/usr/bin/env bash
# t3701: --ssh-config with a ProxyJump chain of two netsim jump hosts
# (key auth on each hop, its own User and IdentityFile, one hop written
# user@host:port) reaches a third device, whose password and username come
# from the inventory; the output is the one a direct run gets; each hop
# opened one forwarded channel. The inventory's port and user win over the
# file's. The same route in every mode; 3 MB through it byte for byte. A bad line is file:line: message,
# exit 2, nothing contacted. A chain that breaks past a hop still records
# the hop's key.
. "$(dirname "$0")/lib.sh"

ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/id" || skip "no ssh-keygen"
netsim_start --devices 3 --base 127.0.0.1:0 --per-port \
	--set "1-2:authorized_keys=$T/id.pub" --set 3:config_size=3000000
two_hop_lab 'Port 1' 'User nobody'
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --limit R3 --known-hosts "$T/kh" --format jsonl \
	'show version' >"$T/direct" 2>"$T/err" || fail "direct: $(cat "$T/err")"
netsim_stats
f0=$(netsim_stat forwarded)
for mode in process thread serial; do
	run_nc -i "$T/via.yaml" --ssh-config "$T/ssh_config" --mode $mode \
		--known-hosts "$T/kh" --format jsonl 'show version' \
		>"$T/out" 2>"$T/err"
	expect_eq "$mode exit" 0 "$?"
	expect_eq "$mode ok" true "$(jq .ok "$T/out")"
	expect_eq "$mode output" "$(jq .outputs "$T/direct")" "$(jq .outputs "$T/out")"
done
# 3 MB through both hops: every byte, across many window turns and full
# pump buffers.
run_nc -i "$T/inv.yaml" --limit R3 --known-hosts "$T/kh" --format jsonl \
	'show running-config' >"$T/direct" 2>"$T/err" || fail "direct: $(cat "$T/err")"
run_nc -i "$T/via.yaml" --ssh-config "$T/ssh_config" --known-hosts "$T/kh" \
	--format jsonl 'show running-config' >"$T/out" 2>"$T/err" ||
	fail "big output through two hops: $(cat "$T/err")"
jq -j '.outputs[0].output' "$T/direct" >"$T/big.direct"
jq -j '.outputs[0].output' "$T/out" >"$T/big.via"
expect_file_eq "$T/big.direct" "$T/big.via"
[ "$(wc -c <"$T/big.via")" -gt 3000000 ] || fail "running-config only $(wc -c <"$T/big.via") bytes"
netsim_stats
expect_eq "forwarded: two hops a run" $((f0 + 8)) "$(netsim_stat forwarded)"
# accept-new learnt each hop's key as it learns a device's
expect_eq "known_hosts entries" 3 "$(wc -l <"$T/kh")"
for n in 1 2 3; do
	expect_grep "^\[127.0.0.1\]:$(port $n) " "$T/kh"
done
# A chain that fails past its first hop still records that hop's key.
sed 's/^  host: target/  host: deadend/' "$T/via.yaml" >"$T/dead.yaml"
chmod 600 "$T/dead.yaml"
printf 'Host deadend\n  ProxyJump hop1,admin@127.0.0.1:1\n' >>"$T/ssh_config"
run_nc -i "$T/dead.yaml" --ssh-config "$T/ssh_config" --known-hosts "$T/kh2" \
	--format jsonl 'show version' >"$T/out" 2>"$T/err"
expect_eq "dead end exit" 1 "$?"
expect_eq "dead end kind" jump "$(jq -r .error.kind "$T/out")"
expect_eq "dead end: the first hop's key" "[127.0.0.1]:$(port 1)" "$(cut -d' ' -f1 "$T/kh2")"

printf 'Host x\n  Port 22\n  ProxyJump a@b:99999\nHost y\n  NoSuchKeyword 1\n' \
	>"$T/bad_config"
run_nc -i "$T/via.yaml" --ssh-config "$T/bad_config" 'show version' \
	>"$T/out" 2>"$T/err"
expect_eq "bad config exit" 2 "$?"
expect_grep "^$T/bad_config:3: " "$T/err"
expect_grep "^$T/bad_config:5: " "$T/err"
expect_eq "bad config: no output" "" "$(cat "$T/out")"
