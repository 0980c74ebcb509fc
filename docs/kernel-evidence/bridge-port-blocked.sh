#!/bin/bash
# bridge-port-blocked: a bridge port in a non-forwarding STP state (set by hand, STP off).
. "$(dirname "$0")/lib.sh"
ns a br b
link a a0 br pa
link br pb b b0
x br ip link add br0 type bridge stp_state 0
x br ip link set pa master br0; x br ip link set pb master br0; x br ip link set br0 up
x a ip addr add 198.18.3.1/24 dev a0; x b ip addr add 198.18.3.2/24 dev b0
x a ping -c 1 -W 1 198.18.3.2 | grep transmitted
x br bridge link set dev pa state blocking; echo "rc=$?"
x br bridge -d link show dev pa | head -2
for st in 4:blocking 0:disabled 1:listening 2:learning; do
  say "fault: bridge link set dev pa state ${st%%:*} (${st#*:})"
  x br bridge link set dev pa state ${st%%:*}
  trace_start; x a ping -c 3 -i 0.2 -W 1 198.18.3.2 | grep transmitted; trace_stop "pa ${st#*:}"
  x br bridge link show dev pa
  x br ip -s link show pa | sed -n 3,4p
done
say "near miss: state 3 (forwarding)"
x br bridge link set dev pa state 3
trace_start; x a ping -c 3 -i 0.2 -W 1 198.18.3.2 | grep transmitted; trace_stop "forwarding"
x br bridge link show dev pa
