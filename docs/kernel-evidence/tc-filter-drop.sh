#!/bin/bash
# tc-filter-drop: a classic-BPF direct-action filter returning TC_ACT_SHOT (2) on ingress and egress.
. "$(dirname "$0")/lib.sh"
routed
# ldh [proto] (skb->protocol, ancillary); jeq 0x0800; ret 2 (TC_ACT_SHOT) else ret 0 (TC_ACT_OK):
# drops IPv4 only. A drop-everything filter ("1,6 0 0 2,") drops ARP first, and the target's IP
# packets then die elsewhere (NEIGH_FAILED at the sender), so that is shown as fault 3.
V4DROP="4,40 0 0 4294963200,21 0 1 2048,6 0 0 2,6 0 0 0,"
say "fault 1: ingress filter on r1"
x r tc qdisc add dev r1 clsact
x r tc filter add dev r1 ingress bpf da bytecode "$V4DROP"
trace_start; bt_start
x a ping -c 4 -i 0.2 -W 1 198.18.2.1 | tail -2
trace_stop "tc ingress"
bt_stop
say "evidence"
x r tc -s qdisc show dev r1
x r tc -s filter show dev r1 ingress
x r ip -s link show r1
say "fault 2: egress filter on r2 (ingress one removed)"
x r tc filter del dev r1 ingress
x r tc qdisc add dev r2 clsact
x r tc filter add dev r2 egress bpf da bytecode "$V4DROP"
trace_start; bt_start
x a ping -c 4 -i 0.2 -W 1 198.18.2.1 | tail -2
trace_stop "tc egress"
bt_stop
x r tc -s qdisc show dev r2
x r tc -s filter show dev r2 egress
x r ip -s link show r2
say "fault 3: drop-everything ingress filter on r1 (ARP dies too)"
x r tc filter del dev r2 egress
x r ip neigh flush all; x a ip neigh flush all
x r tc filter add dev r1 ingress bpf da bytecode "1,6 0 0 2,"
trace_start
x a ping -c 3 -i 0.2 -W 1 198.18.2.1 | tail -2
sleep 3
trace_stop "tc ingress drop-all"
x a ip neigh show dev a0
x r tc filter del dev r1 ingress
say "near miss: same place, filter returns TC_ACT_OK (0)"
x r tc filter add dev r2 egress bpf da bytecode "1,6 0 0 0,"
trace_start
x a ping -c 3 -i 0.2 -W 1 198.18.2.1 | tail -2
trace_stop "tc ok"
x r tc -s filter show dev r2 egress
