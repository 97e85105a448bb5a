#!/usr/bin/env bash
# t4024-diff-oracle: the diff of netcollect diff against GNU diff on 400
# random pairs of texts (small alphabets so lines repeat, with and without
# a final newline, empty ones, context 0 to 3): the same exit status,
# patch(1) turns A into B with ours, ours changes exactly as many lines as
# GNU diff --minimal, and most outputs are byte-identical to GNU's (the
# others picked another of several shortest scripts).
. "$(dirname "$0")/lib.sh"
command -v patch >/dev/null || skip "no patch(1)"

/usr/bin/python3 - "$T" "$TOOLS/ncdiff" <<'PY' || fail "diff oracle"
import os, random, subprocess, sys
T, ncdiff = sys.argv[1], sys.argv[2]
rnd = random.Random(4024)
def text():
    n = rnd.choice([0, 1, 2, 5, 10, 30, 80])
    alpha = rnd.choice(["ab", "abc", "abcdefgh"])
    lines = ["".join(rnd.choice(alpha) for _ in range(rnd.randint(0, 2))) for _ in range(n)]
    s = "\n".join(lines)
    if lines and rnd.random() < 0.7:
        s += "\n"
    return s
def changed(d):
    return sum(1 for l in d.splitlines() if l[:1] in "+-" and not l.startswith(("+++ ", "--- ")))
same_text = 0
for i in range(400):
    a, b = text(), text()
    if rnd.random() < 0.3 and a:  # a small edit of a
        ls = a.split("\n")
        k = rnd.randrange(len(ls))
        ls[k:k + rnd.randint(0, 2)] = [rnd.choice(["x", "y", ""]) for _ in range(rnd.randint(0, 2))]
        b = "\n".join(ls)
    u = rnd.randint(0, 3)
    fa, fb, fp = "%s/a%d" % (T, i), "%s/b%d" % (T, i), "%s/p%d" % (T, i)
    open(fa, "w").write(a)
    open(fb, "w").write(b)
    ours = subprocess.run([ncdiff, "-U", str(u), fa, fb], capture_output=True, text=True)
    gnu = subprocess.run(["diff", "--minimal", "-U", str(u), fa, fb], capture_output=True, text=True)
    assert ours.returncode == gnu.returncode, (i, ours.returncode, gnu.returncode, ours.stderr)
    if ours.returncode == 0:
        assert ours.stdout == "", i
        continue
    assert changed(ours.stdout) == changed(gnu.stdout), (i, ours.stdout, gnu.stdout)
    open(fp, "w").write(a)
    p = subprocess.run(["patch", "-s", "-o", fp + ".out", fp], input=ours.stdout, capture_output=True, text=True)
    assert p.returncode == 0, (i, p.stdout, p.stderr, ours.stdout)
    assert open(fp + ".out").read() == b, (i, ours.stdout)
    ours_body = ours.stdout.split("\n", 2)[2]
    gnu_body = gnu.stdout.split("\n", 2)[2]
    same_text += ours_body == gnu_body
print("identical to GNU diff:", same_text)
assert same_text > 100, same_text
PY
