# bash completion for netcollect(1); installed by make install as
# share/bash-completion/completions/netcollect. The options are the ones
# of netcollect --help (test/regress/t4205 compares them).

_netcollect_diff()
{
	case $prev in
	--ignore) return ;;
	--color) COMPREPLY=($(compgen -W 'auto always never' -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '--ignore --color --raw --help' -- "$cur"))
	else
		_filedir
	fi
}

_netcollect_parse()
{
	case $prev in
	--template) _filedir; return ;;
	--textfsm) _filedir -d; return ;;
	--platform|--command) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '--template --textfsm --platform --command
		    --help' -- "$cur"))
	else
		_filedir
	fi
}

_netcollect()
{
	local cur prev words cword
	_init_completion || return

	case ${words[1]} in
	diff) _netcollect_diff; return ;;
	parse) _netcollect_parse; return ;;
	esac
	case $prev in
	-i|--inventory|--commands-file|--config|--rerun-failed) _filedir; return ;;
	--known-hosts) _filedir; return ;;
	--ssh-config) COMPREPLY=($(compgen -W 'default none' -- "$cur")); _filedir; return ;;
	--output-dir|--session-log|--run-dir) _filedir -d; return ;;
	--diff-with) COMPREPLY=($(compgen -W 'latest' -- "$cur")); _filedir; return ;;
	--mode) COMPREPLY=($(compgen -W 'process thread serial' -- "$cur")); return ;;
	--host-key-check) COMPREPLY=($(compgen -W 'strict accept-new off' -- "$cur")); return ;;
	--order) COMPREPLY=($(compgen -W 'input completion' -- "$cur")); return ;;
	--format) COMPREPLY=($(compgen -W 'text json jsonl' -- "$cur")); return ;;
	--color) COMPREPLY=($(compgen -W 'auto always never' -- "$cur")); return ;;
	--pipe) COMPREPLY=($(compgen -c -- "$cur")); return ;;
	--pipe-input) COMPREPLY=($(compgen -W 'output parsed' -- "$cur")); return ;;
	--textfsm) _filedir -d; return ;;
	--template) _filedir; return ;;
	-c|--command|--config-command|-j|--jobs|-f|--forks|--connect-timeout|--auth-timeout|\
	--read-timeout|--timeout|--limit|--pipe-timeout|--max-output|--keep|\
	--shard|--retries|--retry-wait|--process-reuse)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '--inventory --command --commands-file
		    --config --config-command --save --dry-run --limit --shard
		    --list-hosts --rerun-failed --jobs --forks --mode --process-reuse
		    --connect-timeout
		    --auth-timeout --read-timeout --timeout --retries --retry-wait
		    --host-key-check --known-hosts --ssh-config
		    --ask-pass --ask-secret --no-enable --format --order --output-dir
		    --session-log --pipe --pipe-timeout --pipe-input --max-output
		    --textfsm --use-textfsm --template --parsed-only --trace --raw
		    --group --color --run-dir --keep --diff-with
		    --ignore-device-errors --stop-on-error --quiet --verbose
		    --no-color --help --version' -- "$cur"))
	elif [[ $cword == 1 ]]; then
		COMPREPLY=($(compgen -W 'diff parse merge' -- "$cur"))
	fi
}
complete -F _netcollect netcollect
