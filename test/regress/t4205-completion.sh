#!/usr/bin/env bash
# t4205-completion: make install puts the bash and zsh completion of
# netcollect and netsim where bash-completion and zsh look (under PREFIX,
# in DESTDIR); each completes exactly the long options --help lists;
# bash completes an option's name, its keywords (--format: text json
# jsonl) and the sub-commands.
. "$(dirname "$0")/lib.sh"

make -C "$TOP" --no-print-directory BUILD="$BUILD" DESTDIR="$T/root" \
	PREFIX=/usr/local install >"$T/install.log" 2>&1 ||
	fail "make install: $(tail -n 5 "$T/install.log")"
for f in bin/netcollect bin/netsim share/man/man1/netcollect.1 share/man/man1/netsim.1 \
	share/bash-completion/completions/netcollect \
	share/bash-completion/completions/netsim \
	share/zsh/site-functions/_netcollect share/zsh/site-functions/_netsim; do
	[ -f "$T/root/usr/local/$f" ] || fail "make install did not install $f"
done

# The long options of --help, and those each completion file offers.
"$NETCOLLECT" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+' |
	sort -u >"$T/nc.help"
"$NETSIM" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u >"$T/ns.help"
bashc=$T/root/usr/local/share/bash-completion/completions
zshc=$T/root/usr/local/share/zsh/site-functions
# Every --word each file names (bash: its compgen -W lists and case
# patterns; zsh: its _arguments specs).
for p in netcollect netsim; do
	grep -oE -- '--[a-z][a-z-]+' "$bashc/$p" | sort -u >"$T/$p.bash"
	grep -oE -- '--[a-z][a-z-]+' "$zshc/_$p" | sort -u >"$T/$p.zsh"
done
# netcollect's bash file also completes diff's and parse's options.
"$NETCOLLECT" diff --help | grep -oE -- '--[a-z-]+' >"$T/sub.help"
"$NETCOLLECT" parse --help | grep -oE -- '--[a-z-]+' >>"$T/sub.help"
sort -u "$T/nc.help" "$T/sub.help" >"$T/nc.all"
expect_file_eq "$T/nc.all" "$T/netcollect.bash"
expect_file_eq "$T/ns.help" "$T/netsim.bash"
expect_file_eq "$T/nc.all" "$T/netcollect.zsh"
expect_file_eq "$T/ns.help" "$T/netsim.zsh"
if command -v zsh >/dev/null; then
	zsh -n "$zshc/_netcollect" || fail "_netcollect: zsh syntax"
	zsh -n "$zshc/_netsim" || fail "_netsim: zsh syntax"
fi

# bash: what TAB offers, as bash-completion runs it.
[ -f /usr/share/bash-completion/bash_completion ] || skip "no bash-completion"
complete_words()
{
	bash -c '. /usr/share/bash-completion/bash_completion
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_netcollect netcollect "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$bashc/netcollect" "$@"
}
expect_eq "netcollect --form<TAB>" "--format" "$(complete_words netcollect --form)"
expect_eq "netcollect --format <TAB>" "json jsonl text" "$(complete_words netcollect --format '' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "netcollect --mode t<TAB>" "thread" "$(complete_words netcollect --mode t)"
expect_eq "netcollect <TAB>" "diff merge parse" "$(complete_words netcollect '' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "netcollect diff --ig<TAB>" "--ignore" "$(complete_words netcollect diff --ig)"
