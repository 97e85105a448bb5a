# Helpers for the fault matrix (t6NNN) and the security tests (t7NNN).
# Source after lib.sh:
#   . "$(dirname "$0")/lib.sh"
#   . "$(dirname "$0")/fault-lib.sh"
#
# The fault matrix runs FL_N devices (R1..RN on $TEST_NET.1..N, kernel
# ports) of which FL_BAD (R11..R20) have the fault, in every mode, and
# checks: the healthy results are byte-exact against a reference run of the
# same devices without the fault, each faulty device has the expected kind
# and message, the summary and exit status are right, and netcollect left
# no child process behind (it runs under a subreaper that lists, with
# ps --ppid, whatever was re-parented to it).
command -v jq >/dev/null || skip "no jq"
PY=${PY:-/usr/bin/python3}
[ -x "$PY" ] || skip "no $PY"

FL_N=${FL_N:-50}
FL_FIRST=${FL_FIRST:-11}
FL_LAST=${FL_LAST:-20}
FL_BAD="$FL_FIRST-$FL_LAST"
FL_CMD=${FL_CMD:-show version}
FL_MODES=${FL_MODES:-process thread serial}

# fl_is_bad NAME: NAME is one of the faulty devices
fl_is_bad()
{
	local n=${1#R}
	[ "$n" -ge "$FL_FIRST" ] && [ "$n" -le "$FL_LAST" ]
}

# fl_names: R1..R$FL_N, one a line
fl_names()
{
	seq "$FL_N" | sed 's/^/R/'
}

cat >"$T/reap.py" <<'PYEOF'
# reap.py OUTFILE CMD...: run CMD as a child of a subreaper; once it has
# exited, list (ps --ppid) every process it left behind, which the kernel
# re-parented to us: alive or zombie. Those are killed, reaped and written
# to OUTFILE. Exits with CMD's status (128+N for a signal).
import ctypes, os, signal, subprocess, sys
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # CHILD_SUBREAPER
out = sys.argv[1]
p = subprocess.Popen(sys.argv[2:])
print(p.pid, file=open(out + ".pid", "w"), flush=True)
rc = p.wait()
q = subprocess.Popen(["ps", "-o", "pid=,stat=,args=", "--ppid",
                      str(os.getpid())], stdout=subprocess.PIPE, text=True)
left = [l for l in q.communicate()[0].splitlines()
        if int(l.split()[0]) != q.pid]
with open(out, "w") as f:
    for l in left:
        f.write(l.strip() + "\n")
for l in left:
    try:
        os.kill(int(l.split()[0]), signal.SIGKILL)
    except OSError:
        pass
while True:
    try:
        if os.waitpid(-1, 0)[0] <= 0:
            break
    except ChildProcessError:
        break
sys.exit(rc if rc >= 0 else 128 - rc)
PYEOF

# fl_nc NAME ARGS...: run netcollect (through $NC_WRAP) under the
# subreaper with a 120 s limit; stdout in $T/NAME.out, stderr in
# $T/NAME.err, exit status in FL_RC, left-over processes in $T/NAME.left.
fl_nc()
{
	local name=$1
	shift
	FL_RC=0
	timeout -k 5 120 "$PY" "$T/reap.py" "$T/$name.left" \
		$NC_WRAP "$NETCOLLECT" "$@" >"$T/$name.out" 2>"$T/$name.err" ||
		FL_RC=$?
	[ "$FL_RC" != 124 ] || fail "$name: netcollect still running after 120 s"
}

# fl_no_leftovers NAME: no process outlived the run
fl_no_leftovers()
{
	if [ -s "$T/$1.left" ]; then
		cat "$T/$1.left" >&2
		fail "$1: netcollect left processes behind"
	fi
}

# fl_split NAME: $T/NAME.out (jsonl) into $T/NAME.kinds ("DEVICE KIND",
# input order) and $T/NAME.d/DEVICE (the first command's output, exact).
fl_split()
{
	local d=$T/$1.d dev b64
	rm -rf "$d"
	mkdir -p "$d"
	jq -e . "$T/$1.out" >/dev/null || fail "$1: stdout is not valid JSON lines"
	jq -r '"\(.device) \(if .ok then "ok" else .error.kind end)"' \
		"$T/$1.out" | sort -V >"$T/$1.kinds"
	jq -r '[.device, (.outputs[0].output // "" | @base64)] | @tsv' \
		"$T/$1.out" | while IFS=$'\t' read -r dev b64; do
		printf '%s' "$b64" | base64 -d >"$d/$dev"
	done
}

# fl_reference [netsim args...]: start netsim with the FL_N devices and no
# fault, keep each device's output of FL_CMD in $T/ref.d/, note each
# device's port in $T/ref.ports, stop it (those ports are closed from then).
fl_reference()
{
	netsim_start --devices "$FL_N" --base "$TEST_NET.1:0" "$@"
	chmod 600 "$T/inv.yaml"
	sed -n 's/^ *port: //p' "$T/inv.yaml" >"$T/ref.ports"
	fl_nc ref -i "$T/inv.yaml" --known-hosts "$T/kh.ref" -j "$FL_N" \
		--format jsonl "$FL_CMD"
	[ "$FL_RC" = 0 ] || { cat "$T/ref.err" >&2; fail "reference run: exit $FL_RC"; }
	fl_split ref
	fl_names | sed 's/$/ ok/' >"$T/ref.want"
	expect_file_eq "$T/ref.want" "$T/ref.kinds"
	local n
	for n in $(fl_names); do
		[ -s "$T/ref.d/$n" ] || fail "reference output of $n is empty"
	done
	netsim_stop
}

# fl_edit_inv FIELD VALUE: set FIELD to VALUE for the faulty devices of
# $T/inv.yaml (netsim's inventory: "- name:" opens each device).
fl_edit_inv()
{
	awk -v f="$1" -v v="$2" -v lo="$FL_FIRST" -v hi="$FL_LAST" '
		/^ *- name: / { n = $3; gsub(/["R]/, "", n); n += 0 }
		{
			if (n >= lo && n <= hi && $1 == f ":") {
				sub(/:.*/, ": " v)
			}
			print
		}' "$T/inv.yaml" >"$T/inv.yaml.new" && mv "$T/inv.yaml.new" "$T/inv.yaml"
	chmod 600 "$T/inv.yaml"
}

# expect_kinds NAME KIND: healthy devices ok, faulty ones KIND; diff shown
expect_kinds()
{
	local n
	for n in $(fl_names); do
		if fl_is_bad "$n"; then
			echo "$n $2"
		else
			echo "$n ok"
		fi
	done >"$T/$1.want"
	if ! cmp -s "$T/$1.want" "$T/$1.kinds"; then
		diff -u "$T/$1.want" "$T/$1.kinds" >&2
		fail "$1: device kinds differ from the expected (- expected, + got)"
	fi
}

# expect_healthy_exact NAME [all]: each healthy device's output (every
# device with "all") is byte-identical to the reference.
expect_healthy_exact()
{
	local n
	for n in $(fl_names); do
		if [ "${2:-}" != all ] && fl_is_bad "$n"; then
			continue
		fi
		[ -f "$T/$1.d/$n" ] || fail "$1: no result for $n"
		expect_file_eq "$T/ref.d/$n" "$T/$1.d/$n"
	done
}

# expect_fault_messages NAME KIND SUBSTRING: each faulty device's error
# message (JSON) and its stderr line "DEV (HOST:PORT): KIND: MESSAGE"
# contain SUBSTRING, and the summary line counts them.
expect_fault_messages()
{
	local name=$1 kind=$2 sub=$3 n msg bad
	bad=$((FL_LAST - FL_FIRST + 1))
	for n in $(fl_names); do
		fl_is_bad "$n" || continue
		msg=$(jq -r --arg d "$n" 'select(.device == $d) | .error.message' \
			"$T/$name.out")
		case $msg in
		*"$sub"*) ;;
		*) fail "$name: $n: message [$msg] lacks [$sub]" ;;
		esac
		grep -qF "$n ($TEST_NET.${n#R}:" "$T/$name.err" ||
			{ cat "$T/$name.err" >&2; fail "$name: no stderr line for $n"; }
		grep -F "$n ($TEST_NET.${n#R}:" "$T/$name.err" |
			grep -qF "): $kind: $msg" ||
			{ cat "$T/$name.err" >&2; fail "$name: stderr line of $n"; }
	done
	expect_grep "^$FL_N devices: $((FL_N - bad)) ok, $bad failed ($kind $bad) in [0-9.]*s\$" \
		"$T/$name.err"
}

# fl_matrix KIND SUBSTRING [netcollect options...]: run every mode against
# the running netsim ($T/inv.yaml) and check everything. KIND "ok" means
# the faulty devices must succeed too (compatibility rows).
fl_matrix()
{
	local kind=$1 sub=$2 mode want_rc=1
	shift 2
	[ "$kind" = ok ] && want_rc=0
	for mode in $FL_MODES; do
		fl_nc "$mode" -i "$T/inv.yaml" --known-hosts "$T/kh.$mode" \
			-j "$FL_N" --mode "$mode" --format jsonl "$@" "$FL_CMD"
		fl_no_leftovers "$mode"
		[ "$FL_RC" = "$want_rc" ] ||
			{ cat "$T/$mode.err" >&2; fail "$mode: exit $FL_RC, expected $want_rc"; }
		[ "$(wc -l <"$T/$mode.out")" = "$FL_N" ] ||
			fail "$mode: $(wc -l <"$T/$mode.out") results, expected $FL_N"
		fl_split "$mode"
		expect_kinds "$mode" "$kind"
		if [ "$kind" = ok ]; then
			expect_grep "^$FL_N devices: $FL_N ok, 0 failed in" "$T/$mode.err"
			expect_healthy_exact "$mode" all
		else
			expect_healthy_exact "$mode"
			expect_fault_messages "$mode" "$kind" "$sub"
		fi
	done
}
