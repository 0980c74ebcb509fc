#!/bin/bash
# mtu-too-big: DF packets bigger than r's egress MTU -> PKT_TOO_BIG at ip_forward.
. "$(dirname "$0")/lib.sh"
routed
x r ip link set r2 mtu 1280
x b ip link set b0 mtu 1280
# PMTUDISC_PROBE (3) sets DF but ignores the learnt path MTU, so every datagram reaches r;
# PMTUDISC_DONT (0) sends without DF (the near miss).
send() { q a python3 -c "import socket,sys;s=socket.socket(2,2);s.setsockopt(0,10,$1)
for _ in range(5):
  try: s.sendto(b'x'*1400,('198.18.2.1',9))
  except OSError as e: print('send:',e)"; sleep 0.5; }
say "fault: 1400-byte UDP payload with DF (IP_PMTUDISC_PROBE), r2 mtu 1280"
trace_start; bt_start
echo "+ ip netns exec $(N a) python3 (5 x UDP 1428 bytes to 198.18.2.1:9, IP_MTU_DISCOVER=PROBE)"
send 3
trace_stop "DF over small MTU"
bt_stop
say "evidence"
x r ip route get 198.18.2.1 from 198.18.1.1 iif r1
x r ip -o link show r2
x r nstat -saz IpFragFails IpFragOKs IcmpOutDestUnreachs IcmpMsgOutType3
x a ip route get 198.18.2.1
say "same with ping -M do: only the first reaches r, then the sender knows the PMTU"
trace_start
x a ping -c 3 -i 0.2 -W 1 -M do -s 1400 198.18.2.1 2>&1 | tail -4
trace_stop "ping -M do"
x a ip route get 198.18.2.1
x a ip route flush cache
say "near miss: same size without DF (IP_PMTUDISC_DONT): r fragments"
trace_start
echo "+ ip netns exec $(N a) python3 (5 x UDP 1428 bytes, IP_MTU_DISCOVER=DONT)"
send 0
trace_stop "no DF"
x r nstat -saz IpFragFails IpFragOKs IpFragCreates
