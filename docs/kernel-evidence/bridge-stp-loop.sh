#!/bin/bash
# bridge-port-blocked, healthy case: kernel STP blocks one of two parallel links between two
# bridges; flooded frames arriving on the blocking port are dropped by design.
. "$(dirname "$0")/lib.sh"
ns a s1 s2 b
link a a0 s1 pa
link s1 l1 s2 m1
link s1 l2 s2 m2
link s2 pb b b0
x s1 ip link add br0 type bridge stp_state 1 forward_delay 200 hello_time 100
x s2 ip link add br0 type bridge stp_state 1 forward_delay 200 hello_time 100
for p in pa l1 l2; do x s1 ip link set $p master br0; done
for p in pb m1 m2; do x s2 ip link set $p master br0; done
x s1 ip link set br0 up; x s2 ip link set br0 up
x a ip addr add 198.18.5.1/24 dev a0; x b ip addr add 198.18.5.2/24 dev b0
sleep 6   # listening 2 s + learning 2 s, plus hello exchange
say "state after convergence"
x s1 bridge link show; x s2 bridge link show
say "traffic: ping a -> b (the ARP broadcast is flooded on both parallel links)"
x a ip neigh flush all; x b ip neigh flush all
trace_start; x a ping -c 3 -i 0.2 -W 1 198.18.5.2 | grep transmitted; trace_stop "stp loop, healthy"
x s1 bridge link show; x s2 bridge link show
