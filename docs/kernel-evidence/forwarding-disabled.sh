#!/bin/bash
# forwarding-disabled: r has forwarding off on the interface the packet arrives on.
. "$(dirname "$0")/lib.sh"
routed
say "fault: conf.r1.forwarding=0 (ingress interface), all.forwarding stays 1"
x r sysctl -w net.ipv4.conf.r1.forwarding=0
trace_start
x a ping -c 5 -i 0.2 -W 1 198.18.2.1 | tail -2
trace_stop "forwarding off on r1"
say "evidence"
x r sysctl net.ipv4.ip_forward net.ipv4.conf.all.forwarding net.ipv4.conf.r1.forwarding net.ipv4.conf.r2.forwarding
x r ip route get 198.18.2.1 from 198.18.1.1 iif r1
x r ip -br addr
x r nstat -saz IpInAddrErrors IpForwDatagrams IpExtInNoRoutes IcmpOutDestUnreachs
say "fault 2: global ip_forward=0 (sets every conf.*.forwarding to 0)"
x r sysctl -w net.ipv4.ip_forward=0
trace_start
x a ping -c 3 -i 0.2 -W 1 198.18.2.1 | tail -2
trace_stop "ip_forward=0"
x r ip route get 198.18.2.1 from 198.18.1.1 iif r1
x r nstat -saz IpInAddrErrors IpForwDatagrams
say "near miss 1: forwarding off only on the egress r2, one-way UDP a->b still forwarded"
x r sysctl -qw net.ipv4.ip_forward=1
x r sysctl -w net.ipv4.conf.r2.forwarding=0
trace_start; bt_start
x a python3 -c 'import socket;s=socket.socket(2,2);[s.sendto(b"x"*20,("198.18.2.1",9)) for _ in range(5)]'
sleep 0.5
trace_stop "r2 forwarding off, a->b udp (b has no listener on 9 -> NO_SOCKET at b is expected, not at r)"
bt_stop
x r nstat -saz IpForwDatagrams IpInAddrErrors
x r ip route get 198.18.2.1 from 198.18.1.1 iif r1
say "near miss 2: forwarding off everywhere, but destination is r's own address (local delivery)"
x r sysctl -qw net.ipv4.ip_forward=0
trace_start
x a ping -c 3 -i 0.2 -W 1 198.18.2.254 | tail -2
trace_stop "ping r's other address"
