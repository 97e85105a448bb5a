#!/bin/sh
# Print one line naming the first missing library and its Debian package,
# or nothing when every pkg-config module given as "module:debian-package"
# is present.
for pair in "$@"; do
	mod=${pair%%:*}
	deb=${pair#*:}
	if ! pkg-config --exists "$mod" 2>/dev/null; then
		echo "missing library $mod: install the Debian package $deb (run 'make deps' or 'apt-get install $deb')"
		exit 0
	fi
done
