#!/bin/bash
# route-localnet: b DNATs 198.18.2.1:8080 to 127.0.0.1:8080 without route_localnet.
. "$(dirname "$0")/lib.sh"
routed
P="python3 $(cd "$(dirname "$0")" && pwd)/pkt.py"
x b nft add table ip nat
x b nft add chain ip nat pre '{ type nat hook prerouting priority -100; }'
x b nft add rule ip nat pre tcp dport 8080 counter dnat to 127.0.0.1:8080
bgq b python3 -c 'import socket,time;s=socket.socket();s.setsockopt(1,2,1);s.bind(("127.0.0.1",8080));s.listen();time.sleep(30)'
sleep 0.3
say "fault: 3 SYNs a -> 198.18.2.1:8080"
trace_start; bt_start; x a $P tcp 198.18.1.1 198.18.2.1 8080 S 3; sleep 0.5; trace_stop "dnat to loopback"; bt_stop
say "evidence"
x b sysctl net.ipv4.conf.b0.route_localnet net.ipv4.conf.all.route_localnet
x b nft list ruleset
x b cat /proc/net/nf_conntrack
x b ip route get 127.0.0.1 from 198.18.1.1 iif b0
x b nstat -saz IpInAddrErrors IpInNoRoutes IpInHdrErrors
say "near miss: route_localnet=1 on b0: the SYN reaches the listener (SYN-ACK back)"
x b sysctl -w net.ipv4.conf.b0.route_localnet=1
trace_start; x a $P tcp 198.18.1.1 198.18.2.1 8080 S 3; sleep 0.5; trace_stop "route_localnet=1"
x b ip route get 127.0.0.1 from 198.18.1.1 iif b0
x b nstat -saz TcpInSegs TcpOutSegs TcpOutRsts
