#!/usr/bin/env bash
# A --pipe command starts with default signal dispositions and an empty
# mask in every mode: netcollect ignores SIGPIPE and worker threads block
# every signal, and neither may reach the user's command (a `| head` in
# it must end its writer by SIGPIPE, as in a shell).
# valgrind: yes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0"
for mode in process thread serial; do
	run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl \
		--mode $mode --pipe "grep -E '^Sig(Blk|Ign)' /proc/self/status" \
		"show clock" >"$T/out" 2>"$T/err" || fail "$mode: exit $?"
	jq -j '.outputs[0].output' "$T/out" >"$T/sig"
	expect_eq "$mode: two results" 4 "$(wc -l <"$T/sig")"
	# glibc's posix_spawn() keeps its internal signals 32 and 33 ignored:
	# only signals 1-31 (the low 31 bits) must be at their default.
	while read -r what mask; do
		case $what in
		SigBlk:) expect_eq "$mode: blocked" 0 $((16#$mask)) ;;
		SigIgn:) expect_eq "$mode: ignored" 0 $((16#$mask & 0x7fffffff)) ;;
		*) fail "$mode: unexpected line: $what $mask" ;;
		esac
	done <"$T/sig"
done
# And what SIGPIPE is for: a writer whose reader left dies of it (141),
# as in a shell, instead of failing on EPIPE (1). The command exits 3 so
# that its stderr's last line shows in the error.
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --format jsonl --mode thread \
	--pipe '{ yes; echo "yes: $?" >&2; } | head -n 1; exit 3' \
	"show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_eq "writer's end" "pipe: --pipe on 'show clock': exited 3: yes: 141
pipe: --pipe on 'show clock': exited 3: yes: 141" \
	"$(jq -r '.error.kind + ": " + .error.message' "$T/out")"
exit 0
