#!/usr/bin/env bash
# t4103-inventory-data: free-form data: per device (like Nornir's), merged
# per key with the defaults', reaches --pipe as NC_DATA_<KEY> variables
# (only the device's own: none leaks from the calling environment) and
# the json output as "data", in every mode.
. "$(dirname "$0")/lib.sh"

netsim_start --devices 2 --base "$TEST_NET.1:0"
{
	sed -n '1p' "$T/inv.yaml"
	printf 'defaults:\n  data:\n    site: lab\n    tier: 2\n'
	sed -n '2,$p' "$T/inv.yaml" |
		sed '/name: "R1"/a\    data: {site: paris, rack: "12"}'
} >"$T/d.yaml"
chmod 600 "$T/d.yaml"
for mode in process thread serial; do
	NC_DATA_RACK=leaked run_nc -i "$T/d.yaml" --known-hosts "$T/kh" \
		--mode "$mode" --format jsonl \
		--pipe 'printf "%s|%s|%s|%s" "$NC_DATA_SITE" "${NC_DATA_RACK-none}" "$NC_DATA_TIER" "$NC_DEVICE"' \
		"show clock" >"$T/out" 2>"$T/err"
	expect_eq "$mode: exit status" 0 $?
	expect_eq "$mode: NC_DATA_ in --pipe" "paris|12|2|R1 lab|none|2|R2" \
		"$(jq -r '.outputs[0].output' "$T/out" | paste -sd' ')"
	expect_eq "$mode: data in json" \
		'{"site":"paris","tier":"2","rack":"12"} {"site":"lab","tier":"2"}' \
		"$(jq -c '.data' "$T/out" | paste -sd' ')"
done

# An unknown top-level device key is still an error, with a suggestion.
sed 's/^  data:$/  dta:/' "$T/d.yaml" >"$T/typo.yaml"
chmod 600 "$T/typo.yaml"
run_nc -i "$T/typo.yaml" --known-hosts "$T/kh" "show clock" >"$T/out" 2>"$T/err"
expect_eq "exit status" 2 $?
expect_eq "typo" "$T/typo.yaml:3:3: defaults: unknown key 'dta' (did you mean 'data'?)" \
	"$(cat "$T/err")"
