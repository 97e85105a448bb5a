#!/usr/bin/env bash
# t1033-linux-exec: a linux device answers exec requests as bash -c would:
# stdout byte for byte (final newline kept, "\n" without a pty), stderr on
# its own stream, the exit status; checked through OpenSSH's ssh against
# this machine's bash 5 for every command whose answer is host-independent.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --platform linux
x()
{
	timeout 30 sshpass -p admin ssh -F /dev/null -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
		-o PubkeyAuthentication=no -p "$(port 1)" admin@127.0.0.1 "$@" \
		</dev/null
}
# CMD against real bash: same stdout, stderr and status.
same_as_bash()
{
	local rc=0 want=0
	x "$1" >"$T/out" 2>"$T/err" || rc=$?
	bash -c "$1" >"$T/wout" 2>"$T/werr" </dev/null || want=$?
	expect_file_eq "$T/wout" "$T/out"
	expect_file_eq "$T/werr" "$T/err"
	expect_eq "status of [$1]" "$want" "$rc"
}
for c in 'echo hello' true false 'exit 3' 'exit 300' foo 'echo oops >&2' \
	'foo; echo $?' 'false && echo no || echo yes' 'echo -n hi' \
	'echo "a  b" '"'c  d'"' e\ f' 'echo one; echo two >&2; exit 7' \
	'foo 2>&1' 'exit abc' '"unterminated' 'cat /nonexistent'; do
	same_as_bash "$c"
done
# The host's own answers, fixed by netsim.
rc=0
x 'uname -a' >"$T/out" 2>"$T/err" || rc=$?
expect_eq "uname status" 0 "$rc"
expect_file_eq <(printf 'Linux R1 6.1.0-netsim #1 SMP x86_64 GNU/Linux\n') "$T/out"
expect_file_eq /dev/null "$T/err"
x hostname >"$T/out" || fail "hostname failed"
expect_file_eq <(printf 'R1\n') "$T/out"
x 'cat /etc/os-release' >"$T/out" || fail "cat /etc/os-release failed"
expect_eq "os-release lines" 9 "$(wc -l <"$T/out")"
expect_eq "os-release first line" 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"' "$(head -n 1 "$T/out")"
expect_eq "os-release last byte" '0a' "$(tail -c 1 "$T/out" | od -An -tx1 | tr -d ' ')"
# With a pty, as from a real sshd: one stream, "\r\n" line ends.
rc=0
x -tt 'echo a; foo' >"$T/out" 2>"$T/err" || rc=$?
expect_eq "pty status" 127 "$rc"
expect_file_eq <(printf 'a\r\nbash: line 1: foo: command not found\r\n') "$T/out"
