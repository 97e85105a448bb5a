#!/usr/bin/env bash
# t8100: --shard I/N puts every device in exactly one shard, by name (10
# devices added move none of the others), after --limit; --list-hosts
# prints a shard's devices (names, or jsonl records) and contacts none;
# an empty shard runs nothing and exits 0.
. "$(dirname "$0")/lib.sh"
# An inventory of N devices named dev1..devN (nothing listens on port 9).
inventory() {
	{
		echo "defaults: {device_type: cisco_ios, username: u, port: 9}"
		echo "routers:"
		for i in $(seq 1 "$1"); do echo "  - {name: dev$i, ip: 127.0.0.1}"; done
	} >"$2"
}
inventory 400 "$T/a.yaml"
inventory 410 "$T/b.yaml"
for i in 1 2 3 4; do
	run_nc -i "$T/a.yaml" --list-hosts --shard "$i/4" >"$T/a$i" 2>"$T/err" ||
		fail "--list-hosts --shard $i/4: $(cat "$T/err")"
	expect_eq "stderr of --list-hosts" "" "$(cat "$T/err")"
	run_nc -i "$T/b.yaml" --list-hosts --shard "$i/4" >"$T/b$i" ||
		fail "410 devices, shard $i/4"
	n=$(wc -l <"$T/a$i")
	[ "$n" -ge 70 ] && [ "$n" -le 130 ] || fail "shard $i/4 holds $n of 400"
	# Every device of the 400 keeps its shard among the 410.
	expect_eq "moved from shard $i" "" "$(comm -23 <(sort "$T/a$i") <(sort "$T/b$i"))"
done
run_nc -i "$T/a.yaml" --list-hosts >"$T/all"
expect_eq "first device" dev1 "$(head -n 1 "$T/all")"
expect_file_eq <(sort "$T/all") <(sort "$T/a1" "$T/a2" "$T/a3" "$T/a4")
expect_eq "devices in two shards" "" "$(sort "$T/a1" "$T/a2" "$T/a3" "$T/a4" | uniq -d)"
# Inventory order within a shard.
expect_file_eq <(grep -Fxf "$T/a2" "$T/all") "$T/a2"
# --limit first, then the shard of what is left.
run_nc -i "$T/a.yaml" --list-hosts --limit 'dev1*' --shard 2/4 >"$T/l2"
expect_file_eq <(grep -x 'dev1[0-9]*' "$T/a2") "$T/l2"
# Kubernetes: the 0-based JOB_COMPLETION_INDEX 1 is shard 2.
JOB_COMPLETION_INDEX=1 NC_SHARDS=4 run_nc -i "$T/a.yaml" --list-hosts \
	--shard auto >"$T/k2"
expect_file_eq "$T/a2" "$T/k2"
# Slurm --array=10-13: task 11 is shard 2.
SLURM_ARRAY_TASK_ID=11 SLURM_ARRAY_TASK_MIN=10 SLURM_ARRAY_TASK_MAX=13 \
	SLURM_ARRAY_TASK_COUNT=4 run_nc -i "$T/a.yaml" --list-hosts \
	--shard auto >"$T/s2"
expect_file_eq "$T/a2" "$T/s2"
run_nc -i "$T/a.yaml" --list-hosts --shard auto >"$T/out" 2>"$T/err"
rc=$?
expect_eq "--shard auto without variables" 2 "$rc"
expect_eq "its message" "netcollect: --shard auto: no shard in the environment (Kubernetes: JOB_COMPLETION_INDEX and NC_SHARDS; Slurm: SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT); give --shard I/N" "$(head -n 1 "$T/err")"
# jsonl records name the address too.
run_nc -i "$T/a.yaml" --list-hosts --limit dev7 --format jsonl >"$T/j"
expect_file_eq <(echo '{"device":"dev7","host":"127.0.0.1","port":9,"group":"routers","device_type":"cisco_ios"}') "$T/j"
# Nothing is contacted.
netsim_start --devices 3 --base 127.0.0.1:0 --per-port
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --list-hosts >"$T/sim" || fail "--list-hosts on netsim"
expect_file_eq <(printf 'R1\nR2\nR3\n') "$T/sim"
netsim_stop
expect_eq connections 0 "$(netsim_stat connections)"
# An empty shard (3 devices, 50 shards): no run, the summary, exit 0.
inventory 3 "$T/c.yaml"
empty=
for i in $(seq 1 50); do
	[ -z "$(run_nc -i "$T/c.yaml" --list-hosts --shard "$i/50")" ] && { empty=$i; break; }
done
[ -n "$empty" ] || fail "no empty shard among 50 for 3 devices"
run_nc -i "$T/c.yaml" --host-key-check off --shard "$empty/50" --format jsonl \
	'show clock' >"$T/out" 2>"$T/err" || fail "empty shard: exit $?"
expect_eq "empty shard's results" "" "$(cat "$T/out")"
expect_grep '^0 devices: 0 ok, 0 failed in' "$T/err"
