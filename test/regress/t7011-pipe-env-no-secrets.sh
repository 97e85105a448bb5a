#!/usr/bin/env bash
# t7011-pipe-env-no-secrets: a --pipe command does not inherit the
# environment variables the inventory's ${NAME} passwords and secrets
# came from (they are gone before any device starts), in every mode;
# variables used for other fields, and the rest of the environment, are
# still there.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0" --password 'pw-Env3' --secret 'en-Env3'
sed -e 's/^\( *password:\).*/\1 "${T7011_PW}"/' \
	-e 's/^\( *secret:\).*/\1 ${T7011_EN}/' \
	-e 's/^\( *username:\).*/\1 "${T7011_USER}"/' "$T/inv.yaml" >"$T/env.yaml"
chmod 600 "$T/env.yaml"
for mode in process thread serial; do
	T7011_PW=pw-Env3 T7011_EN=en-Env3 T7011_USER=admin T7011_OTHER=kept \
		run_nc -i "$T/env.yaml" --known-hosts "$T/kh" --mode $mode \
		--format jsonl --pipe 'env | grep "^T7011_" | sort' 'show clock' \
		>"$T/out" 2>"$T/err"
	expect_eq "$mode: exit status" 0 $?
	/usr/bin/python3 -c '
import json, sys
for l in open(sys.argv[1]):
    print(json.loads(l)["outputs"][0]["output"], end="")' "$T/out" >"$T/env"
	printf 'T7011_OTHER=kept\nT7011_USER=admin\n%.0s' 1 2 >"$T/want"
	expect_file_eq "$T/want" "$T/env"
	expect_no_grep 'Env3' "$T/err"
done
