#!/usr/bin/env bash
# t4008-collect-output-dir: one file per device (per command when several,
# named after the command), mode 0600, ending with a newline, written to a
# temp name and renamed; a failed device never replaces a good earlier file
# and leaves no temp file behind.
# valgrind: yes
. "$(dirname "$0")/lib.sh"

netsim_start --devices 3 --base "$TEST_NET.1:0"
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh" --output-dir "$T/out" \
	"show ip interface brief" >"$T/stdout" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "files" "R1.txt R2.txt R3.txt" "$(ls "$T/out" | xargs)"
ssh_show "$(inv_field 2 ip)" "$(inv_field 2 port)" "show ip interface brief" \
	>"$T/want"
# The file holds the output as returned, ending with a newline.
expect_file_eq "$T/want" "$T/out/R2.txt"
expect_eq "mode" "600 600 600" "$(stat -c %a "$T"/out/R*.txt | xargs)"
expect_grep "^saved $T/out/R2.txt\$" "$T/stdout"
cp "$T/out/R2.txt" "$T/R2.first"
netsim_stop

# Same devices, but R2 now rejects the password: its good file stays.
netsim_start --devices 3 --base "$TEST_NET.1:0" --fault auth_fail:2
chmod 600 "$T/inv.yaml"
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh2" --output-dir "$T/out" \
	"show ip interface brief" >"$T/stdout" 2>"$T/err"
expect_eq "exit status" 1 $?
expect_file_eq "$T/R2.first" "$T/out/R2.txt"
expect_eq "no temp files" "R1.txt R2.txt R3.txt" "$(ls -A "$T/out" | xargs)"

# Several commands: one file per command.
run_nc -i "$T/inv.yaml" --known-hosts "$T/kh2" --output-dir "$T/multi" \
	--limit R1 -c "show clock" -c "show version" >"$T/stdout" 2>"$T/err"
expect_eq "exit status" 0 $?
expect_eq "files" "R1.show_clock.txt R1.show_version.txt" "$(ls -A "$T/multi" | xargs)"
grep -q '^\*[0-9:.]* UTC ' "$T/multi/R1.show_clock.txt" || fail "R1.show_clock.txt is not show clock"
grep -q '^Cisco IOS Software' "$T/multi/R1.show_version.txt" || fail "R1.show_version.txt is not show version"
