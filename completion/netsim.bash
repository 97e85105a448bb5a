# bash completion for netsim(1); installed by make install as
# share/bash-completion/completions/netsim. The options are the ones of
# netsim --help (test/regress/t4205 compares them).

_netsim()
{
	local cur prev words cword
	_init_completion || return

	case $prev in
	--lab|--write-inventory|--ready-file|--pid-file|--stats-file|--host-key)
		_filedir; return ;;
	--platform)
		COMPREPLY=($(compgen -W 'cisco_ios cisco_xe cisco_nxos cisco_asa
		    cisco_xr arista_eos hp_procurve juniper_junos linux' -- "$cur"))
		return ;;
	--fault)
		COMPREPLY=($(compgen -W 'auth_fail hang_after_auth
		    hang_mid_output disconnect_mid_output drop_on_connect no_pty
		    garbage prompt_in_output huge_output=' -- "$cur"))
		return ;;
	--devices|--base|--ready-fd|--username|--password|--secret|--auth|\
	--banner|--interfaces|--config-size|--latency|--login-delay|\
	--banner-delay|--trickle|--set)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '--devices --base --per-port --lab
		    --write-inventory --ready-fd --ready-file --pid-file
		    --stats-file --host-key --platform --username --password
		    --secret --auth --banner --interfaces --config-size --latency
		    --login-delay --banner-delay --trickle --legacy --fault --set
		    --help --version' -- "$cur"))
	fi
}
complete -F _netsim netsim
