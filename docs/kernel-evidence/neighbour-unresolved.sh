#!/bin/bash
# neighbour-unresolved: the next hop never answers ARP -> NEIGH_FAILED; a burst -> NEIGH_QUEUEFULL.
. "$(dirname "$0")/lib.sh"
routed
x b ip addr del 198.18.2.1/24 dev b0     # b no longer answers ARP for 198.18.2.1 (its default route goes too)
x r sysctl -w net.ipv4.neigh.r2.mcast_solicit=1 net.ipv4.neigh.r2.retrans_time_ms=200
say "fault: ping 198.18.2.1 through r, nobody owns it"
trace_start; bt_start
x a ping -c 4 -i 0.5 -W 1 198.18.2.1 | tail -2
sleep 1
trace_stop "unresolved next hop"
bt_stop
say "evidence"
x r ip neigh show dev r2
x r ip -s neigh show 198.18.2.1
x r ip route get 198.18.2.1 from 198.18.1.1 iif r1
x r ip -br link show r2
x r cat /proc/net/stat/arp_cache
say "fault 2: burst bigger than the unresolved queue (unres_qlen_bytes=2000)"
x r sysctl -w net.ipv4.neigh.r2.unres_qlen_bytes=2000 net.ipv4.neigh.r2.retrans_time_ms=1000
x r ip neigh flush dev r2
trace_start
echo "+ ip netns exec $(N a) python3 (20 x UDP 500 bytes to 198.18.2.7:9 at once)"
q a python3 -c 'import socket;s=socket.socket(2,2);[s.sendto(b"x"*500,("198.18.2.7",9)) for _ in range(20)]'
sleep 1.5
trace_stop "burst to an unresolved neighbour"
x r ip neigh show 198.18.2.7
x r sysctl net.ipv4.neigh.r2.unres_qlen_bytes
say "near miss: next hop answers (REACHABLE); a STALE entry is not a failure either"
x b ip addr add 198.18.2.1/24 dev b0
x b ip route add default via 198.18.2.254   # deleting the address had removed it
x r ip neigh flush dev r2
trace_start
x a ping -c 3 -i 0.2 -W 1 198.18.2.1 | tail -2
trace_stop "resolved"
x r ip neigh show dev r2
