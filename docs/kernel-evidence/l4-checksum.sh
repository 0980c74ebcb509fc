#!/bin/bash
# l4-checksum: UDP and TCP segments with a wrong checksum from a raw socket, over a veth.
. "$(dirname "$0")/lib.sh"
routed
P="python3 $(cd "$(dirname "$0")" && pwd)/pkt.py"
bgq b python3 -c 'import socket,time;u=socket.socket(2,2);u.bind(("198.18.2.1",5353));t=socket.socket();t.setsockopt(1,2,1);t.bind(("198.18.2.1",8080));t.listen();time.sleep(30)'
sleep 0.3
say "fault 1: 4 UDP datagrams to b:5353 (bound) with a bad checksum"
trace_start; bt_start; x a $P udp 198.18.1.1 198.18.2.1 5353 4 bad; sleep 0.3; trace_stop "udp bad csum"; bt_stop
x b nstat -saz UdpInCsumErrors UdpInErrors UdpInDatagrams
x r nstat -saz IpForwDatagrams
say "fault 2: 4 TCP SYNs to b:8080 (listening) with a bad checksum"
trace_start; x a $P tcp 198.18.1.1 198.18.2.1 8080 S 4 bad; sleep 0.3; trace_stop "tcp bad csum"
x b nstat -saz TcpInCsumErrors TcpInErrs
say "near miss: the same packets with a correct checksum"
trace_start; x a $P udp 198.18.1.1 198.18.2.1 5353 4; x a $P tcp 198.18.1.1 198.18.2.1 8080 S 4; sleep 0.3; trace_stop "good csum"
x b nstat -saz UdpInCsumErrors TcpInCsumErrors
x b ss -u -a -n   # the good datagrams wait in Recv-Q (UdpInDatagrams counts only when read)
