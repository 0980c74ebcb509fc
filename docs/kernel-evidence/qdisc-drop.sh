#!/bin/bash
# qdisc-drop: a tiny tbf on r's egress r2 overflows under a UDP burst.
. "$(dirname "$0")/lib.sh"
routed
burst() { echo "+ ip netns exec $(N a) python3 (200 x UDP 1000 bytes to 198.18.2.1:9 at once)"
  q a python3 -c 'import socket;s=socket.socket(2,2);[s.sendto(b"x"*1000,("198.18.2.1",9)) for _ in range(200)]'; sleep 1; }
x a ping -c 1 -W 1 198.18.2.1 | grep transmitted   # resolve neighbours first
say "fault: tbf rate 1mbit burst 2kb limit 3kb on r2"
x r tc qdisc add dev r2 root tbf rate 1mbit burst 2kb limit 3kb
trace_start; bt_start; burst; trace_stop "tbf overflow"; bt_stop
x r tc -s qdisc show dev r2
x r ip -s link show r2
say "fault 2: pfifo limit 5 at a's own egress a0 under an htb class of 1mbit"
x r tc qdisc del dev r2 root
x a tc qdisc add dev a0 root handle 1: htb default 1
x a tc class add dev a0 parent 1: classid 1:1 htb rate 1mbit
x a tc qdisc add dev a0 parent 1:1 pfifo limit 5
trace_start; burst; trace_stop "pfifo under htb"
x a tc -s qdisc show dev a0
x a tc qdisc del dev a0 root
say "near miss: tbf with ample rate (1gbit, limit 1mb): same burst, no drop in the qdisc"
x r tc qdisc add dev r2 root tbf rate 1gbit burst 1mb limit 1mb
trace_start; burst; trace_stop "tbf ample"
x r tc -s qdisc show dev r2
