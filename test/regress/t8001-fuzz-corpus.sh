#!/usr/bin/env bash
# The libFuzzer harnesses build, and every seed and crash reproducer in
# test/fuzz/corpus/ runs through its harness without a finding, so the
# bugs the fuzzers found stay fixed. Fuzzing itself is "make fuzz"
# (docs/fuzzing.md), too slow for the suite. Skipped without clang and
# libFuzzer (libclang-rt-14-dev).
. "$(dirname "$0")/lib.sh"

command -v clang >/dev/null 2>&1 || skip "clang not installed"
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\n%s\n' \
	'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' \
	>"$T/probe.c"
clang -fsanitize=fuzzer,address,undefined -o "$T/probe" "$T/probe.c" \
	>"$T/probe.log" 2>&1 || skip "clang cannot link libFuzzer (libclang-rt-14-dev)"

# Our own make, not the outer one's jobserver.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" BUILD="$BUILD" \
	fuzz-build >"$T/build.log" 2>&1 || { cat "$T/build.log"; fail "make fuzz-build"; }

n=0
for dir in "$TOP"/test/fuzz/corpus/fuzz_*; do
	h=$(basename "$dir")
	[ -x "$BUILD/fuzz/$h" ] || fail "$h: harness not built"
	# Each file is run once (no fuzzing); a finding exits non-zero.
	"$BUILD/fuzz/$h" -timeout=20 -rss_limit_mb=2048 "$dir"/* \
		>"$T/$h.log" 2>&1 || { tail -n 30 "$T/$h.log"; fail "$h: finding"; }
	n=$((n + $(ls "$dir" | wc -l)))
done
[ "$n" -gt 30 ] || fail "only $n corpus files"
echo "$n corpus files clean"
exit 0
