#!/usr/bin/env bash
# t1027-banner-delay: banner_delay holds the SSH identification string
. "$(dirname "$0")/lib.sh"

netsim_start --devices 1 --base 127.0.0.1:0 --set banner_delay=600
t0=$(date +%s%N)
exec 3<>"/dev/tcp/127.0.0.1/$(port 1)"
read -r -t 10 banner <&3 || fail "no banner"
ms=$((($(date +%s%N) - t0) / 1000000))
exec 3<&-
expect_eq banner "SSH-2.0-Cisco-1.25" "$(printf '%s' "$banner" | tr -d '\r')"
[ "$ms" -ge 600 ] || fail "banner after $ms ms"
