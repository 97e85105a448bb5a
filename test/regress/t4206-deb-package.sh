#!/usr/bin/env bash
# t4206-deb-package: make deb builds the Debian package of netcollect and
# netsim, lintian clean (make deb fails on any lintian error or warning);
# dpkg -i installs it, both binaries run from /usr/bin (netsim serves a
# device that netcollect collects from), the man pages and the bash and
# zsh completion are where man and the shells look; dpkg -r removes it.
# The install happens in a mount namespace of its own, with /usr and /var
# behind overlays, so this machine's system and dpkg database are never
# touched and parallel runs cannot collide. Skipped without root or
# dpkg-buildpackage; under make asan (SAN=1) too: the package is built
# from the sources, not from the sanitizer build, so once is enough.
. "$(dirname "$0")/lib.sh"

[ "${SAN:-}" != 1 ] || skip "the package build runs in make check, once"
[ "$(id -u)" = 0 ] || skip "dpkg -i needs root"
command -v dpkg-buildpackage >/dev/null || skip "no dpkg-buildpackage (apt-get install dpkg-dev debhelper)"
command -v lintian >/dev/null || skip "no lintian"
unshare -m true 2>/dev/null || skip "no mount namespace (unshare -m) for a throwaway root"

ver=$(sed -n 's/^#define NC_VERSION "\(.*\)"$/\1/p' "$TOP/include/version.h")
make -C "$TOP" --no-print-directory BUILD="$T/b" deb >"$T/deb.log" 2>&1 ||
	fail "make deb: $(tail -n 20 "$T/deb.log")"
deb=$T/b/deb/netcollect_${ver}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || fail "no $deb: $(ls "$T/b/deb")"
expect_eq "lintian said" "" "$(grep -E '^[EWI]: ' "$T/deb.log")"

dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' | sort >"$T/contents"
for f in /usr/bin/netcollect /usr/bin/netsim \
	/usr/share/man/man1/netcollect.1.gz /usr/share/man/man1/netsim.1.gz \
	/usr/share/bash-completion/completions/netcollect \
	/usr/share/bash-completion/completions/netsim \
	/usr/share/zsh/vendor-completions/_netcollect \
	/usr/share/zsh/vendor-completions/_netsim \
	/usr/share/doc/netcollect/copyright; do
	grep -qx "$f" "$T/contents" || fail "$f is not in the package"
done

before=$(dpkg-query -W -f='${Status} ${Version}' netcollect 2>&1)
mkdir -p "$T/usr.u" "$T/usr.w" "$T/var.u" "$T/var.w"
cat >"$T/inside.sh" <<INSIDE
set -e
mount --make-rprivate /
mount -t overlay overlay -o lowerdir=/usr,upperdir=$T/usr.u,workdir=$T/usr.w /usr
mount -t overlay overlay -o lowerdir=/var,upperdir=$T/var.u,workdir=$T/var.w /var
dpkg -i "$deb" >"$T/dpkg-i.log" 2>&1
dpkg-query -W -f='\${Status} \${Version}\n' netcollect
/usr/bin/netcollect -V
/usr/bin/netsim -V
/usr/bin/netsim --ready-fd 9 --devices 1 --base $TEST_NET.1:0 \
	--write-inventory "$T/inv.yaml" 9>"$T/ready" >"$T/netsim.log" 2>&1 &
sim=\$!
cat "$T/ready" >/dev/null 2>&1 || true
chmod 600 "$T/inv.yaml"
/usr/bin/netcollect -i "$T/inv.yaml" --host-key-check off -q --format jsonl \
	'show clock' | /usr/bin/python3 -c 'import json, sys; print("ok" if json.loads(sys.stdin.readline())["ok"] else "failed")'
kill \$sim; wait \$sim || true
man -w netcollect
bash -c '. /usr/share/bash-completion/bash_completion; _completion_loader netcollect; complete -p netcollect'
dpkg -r netcollect >"$T/dpkg-r.log" 2>&1
[ ! -e /usr/bin/netcollect ] && [ ! -e /usr/bin/netsim ] && echo removed
INSIDE
mkfifo "$T/ready"
unshare -m bash "$T/inside.sh" >"$T/out" 2>"$T/err" ||
	fail "inside the namespace: $(cat "$T/err") $(cat "$T/dpkg-i.log" 2>/dev/null)"
cat >"$T/want" <<WANT
install ok installed $ver
netcollect $ver
netsim $ver
ok
/usr/share/man/man1/netcollect.1.gz
complete -F _netcollect netcollect
removed
WANT
expect_file_eq "$T/want" "$T/out"
expect_eq "this machine's dpkg status of netcollect" "$before" \
	"$(dpkg-query -W -f='${Status} ${Version}' netcollect 2>&1)"
