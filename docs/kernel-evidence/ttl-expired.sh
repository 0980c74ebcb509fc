#!/bin/bash
# ttl-expired: TTL 1 arriving at a forwarding namespace -> IP_INHDR at ip_forward; plus a routing loop.
. "$(dirname "$0")/lib.sh"
routed
say "fault: ping with TTL 1 through r"
trace_start
x a ping -c 5 -i 0.2 -t 1 -W 1 198.18.2.1 | tail -3
trace_stop "ttl 1 through r"
say "evidence"
x r nstat -saz IpInHdrErrors IcmpOutTimeExcds IcmpMsgOutType11
x a ip route get 198.18.2.1
x r ip route get 198.18.2.1 from 198.18.1.1 iif r1

say "fault 2: routing loop: r sends 198.18.9.0/24 to b, b sends it back to r"
x b sysctl -qw net.ipv4.ip_forward=1
x r ip route add 198.18.9.0/24 via 198.18.2.1
trace_start
x a ping -c 3 -i 0.2 -W 1 198.18.9.9 | tail -3
trace_stop "routing loop"
x r ip route get 198.18.9.9 from 198.18.1.1 iif r1
x b ip route get 198.18.9.9 from 198.18.1.1 iif b0
x r nstat -saz IpInHdrErrors IpForwDatagrams IcmpOutTimeExcds IcmpOutRedirects
x b nstat -saz IpInHdrErrors IpForwDatagrams IcmpOutTimeExcds IcmpOutRedirects

say "fault 3: a loop that returns the packet to its origin: r routes 198.18.9.0/24 back to a"
x r ip route replace 198.18.9.0/24 via 198.18.1.1
x a sysctl -qw net.ipv4.ip_forward=1
trace_start; bt_start
x a ping -c 3 -i 0.2 -W 1 198.18.9.9 | tail -2
trace_stop "loop back to the origin"
bt_stop
x a sysctl -qw net.ipv4.ip_forward=0
say "near miss: TTL 2 reaches b (one hop); TTL 1 to r's own address is local"
x b sysctl -qw net.ipv4.ip_forward=0
x r ip route del 198.18.9.0/24
trace_start
x a ping -c 3 -i 0.2 -t 2 -W 1 198.18.2.1 | tail -2
x a ping -c 3 -i 0.2 -t 1 -W 1 198.18.1.254 | tail -2
trace_stop "near miss"
