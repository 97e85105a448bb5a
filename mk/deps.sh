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
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
	{ echo "make deps: apt-get install -y$missing failed" >&2; exit 1; }
