#!/usr/bin/env bash
# A worker child whose allocation fails ends through fatal() with _exit(2):
# its device is "crashed: exited 2", the message is on stderr once, and the
# child never runs the parent's atexit handlers (nor would it flush the
# parent's stdio): the one "atexit" line is the parent's, last.
. "$(dirname "$0")/lib.sh"

# Under ASan, malloc(SIZE_MAX / 2) must fail like glibc's, not abort; its
# one warning about it goes to a file of ours, which must hold nothing else.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:allocator_may_return_null=1:log_path=$T/asan"
timeout 30 "$TOOLS/fakepool" --atexit -j 2 oom ok >"$T/out" 2>"$T/err" ||
	fail "fakepool exit $?"
{ grep -v '^max_alive=\|^atexit$' "$T/out" | sort -n; grep -v '^[0-9]' "$T/out"; } >"$T/got"
cat >"$T/want" <<'END'
0 crashed 0 exited 2
1 ok 58 -
max_alive=2
atexit
END
expect_file_eq "$T/want" "$T/got"
expect_eq "last line" atexit "$(tail -n 1 "$T/out")"
expect_eq "stderr" "fakepool: out of memory allocating $(( (1 << 63) - 1 )) bytes" "$(cat "$T/err")"
for f in "$T"/asan*; do
	[ -e "$f" ] || continue
	expect_eq "ASan's report" "==PID==WARNING: AddressSanitizer failed to allocate 0x7fffffffffffffff bytes" \
		"$(sed 's/^==[0-9]*==/==PID==/' "$f")"
done
exit 0
