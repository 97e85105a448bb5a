#!/bin/sh
# Install the Debian packages that building, testing and the demo need.
# Quiet and quick when everything is already there.
set -u
PKGS="build-essential pkg-config libssh2-1-dev libcyaml-dev libyaml-dev
libssl-dev libssh-dev libpcre2-dev libjansson-dev libcmocka-dev clang-format
valgrind openssh-client sshpass jq python3-yaml python3-netmiko python3-jsonschema
python3-textfsm gnuplot-nox
procps psmisc strace
debhelper dpkg-dev lintian devscripts fakeroot bash-completion parallel time"
# CI also gets openssh-server, for t3703's private sshd (its own config and
# port): installed, never started. A user's make deps leaves it out, as it
# would enable an SSH service on their machine; t3703 says it skipped.
[ "${CI:-}" = true ] && PKGS="$PKGS openssh-server"
missing=
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
	[ "$st" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
else
	echo "make deps: not root and no sudo; run as root: apt-get install -y$missing" >&2
	exit 1
fi
echo "make deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || { echo "make deps: apt-get update failed" >&2; exit 1; }
# Debian's policy-rc.d (exit 101: "not allowed") keeps a service the
# install brings from being started; ours only if there is none already.
policy=/usr/sbin/policy-rc.d
ours=
case " $missing " in *" openssh-server "*)
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\n# make deps: no service starts during its install\nexit 101\n' |
			$SUDO tee "$policy" >/dev/null && $SUDO chmod 755 "$policy" && ours=1
	fi ;;
esac
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
rc=$?
[ -n "$ours" ] && $SUDO rm -f "$policy"
[ $rc = 0 ] || { echo "make deps: apt-get install -y$missing failed" >&2; exit 1; }
