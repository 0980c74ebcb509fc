#!/bin/bash
# Route types blackhole/unreachable/prohibit/throw: main table, policy table, rule actions;
# forwarded input, locally received input (local rule moved), and locally generated output.
. "$(dirname "$0")/lib.sh"
routed
ping1() { q a ping -c 2 -i 0.2 -W 1 198.18.2.1 2>&1 | grep -E "transmitted|From" | head -3; }
out1() { q r ping -c 2 -i 0.2 -W 1 198.18.2.1 2>&1 | grep -vE "^PING|^$|^---" | head -2; }
for T in blackhole unreachable prohibit throw; do
  say "main table: $T 198.18.2.1/32 on r, forwarded (a -> b)"
  x r ip route add $T 198.18.2.1/32
  trace_start; ping1; trace_stop "main $T forwarded"
  x r ip route get 198.18.2.1 from 198.18.1.1 iif r1
  x r ip route show type $T
  say "main table: $T, output from r itself"
  trace_start; out1; trace_stop "main $T output"
  x r ip route get 198.18.2.1
  x r nstat -saz IpExtInNoRoutes IpOutNoRoutes IpInAddrErrors IcmpOutDestUnreachs IcmpOutMsgs
  x r ip route del $T 198.18.2.1/32
done
say "policy routing: ip rule from 198.18.1.1 lookup 100, table 100 holds the typed route"
x r ip rule add pref 100 from 198.18.1.1 lookup 100
for T in blackhole unreachable prohibit throw; do
  say "table 100: $T 198.18.2.1/32 (forwarded)"
  x r ip route add $T 198.18.2.1/32 table 100
  trace_start; ping1; trace_stop "table 100 $T forwarded"
  x r ip route get 198.18.2.1 from 198.18.1.1 iif r1
  x r ip route del $T 198.18.2.1/32 table 100
done
x r ip rule del pref 100
for T in blackhole unreachable prohibit; do
  say "rule action: ip rule add from 198.18.1.1 $T (forwarded)"
  x r ip rule add pref 100 from 198.18.1.1 $T
  trace_start; ping1; trace_stop "rule $T forwarded"
  x r ip rule show
  x r ip route get 198.18.2.1 from 198.18.1.1 iif r1
  x r ip rule del pref 100
done
say "rule action prohibit to r's own address, local rule moved after it (received input)"
x r ip rule del pref 0 lookup local
x r ip rule add pref 1000 lookup local
x r ip rule add pref 100 to 198.18.1.254 prohibit
trace_start; q a ping -c 2 -i 0.2 -W 1 198.18.1.254 2>&1 | grep -E "transmitted|From"; trace_stop "received, rule prohibit"
x r ip route get 198.18.1.254 from 198.18.1.1 iif r1
x r ip rule del pref 100
say "same with a blackhole route for the local address in table 100 (received input)"
x r ip rule add pref 100 from 198.18.1.1 lookup 100
x r ip route add blackhole 198.18.1.254/32 table 100
trace_start; q a ping -c 2 -i 0.2 -W 1 198.18.1.254 2>&1 | grep -E "transmitted|From"; trace_stop "received, table 100 blackhole"
x r ip route get 198.18.1.254 from 198.18.1.1 iif r1
x r ip route del blackhole 198.18.1.254/32 table 100
x r ip rule del pref 100
say "missing route (no typed route): r's route to 198.18.2.0/24 removed"
x r ip route del 198.18.2.0/24 dev r2
trace_start; ping1; out1; trace_stop "missing route forwarded + output"
x r ip route get 198.18.2.1 from 198.18.1.1 iif r1
x r ip route get 198.18.2.1
x r ip route add 198.18.2.0/24 dev r2 src 198.18.2.254
say "near miss: blackhole for a neighbouring /32 (198.18.2.2), target 198.18.2.1 forwarded"
x r ip route add blackhole 198.18.2.2/32
trace_start; ping1; trace_stop "near miss"
x r ip route get 198.18.2.1 from 198.18.1.1 iif r1
