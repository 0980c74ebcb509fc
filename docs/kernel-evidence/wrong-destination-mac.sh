#!/bin/bash
# wrong-destination-mac: a's neighbour entry for its gateway holds a MAC that r1 does not have.
. "$(dirname "$0")/lib.sh"
routed
say "fault: a's neighbour 198.18.1.254 -> 02:00:00:00:00:99 (permanent)"
x a ip neigh replace 198.18.1.254 lladdr 02:00:00:00:00:99 dev a0 nud permanent
trace_start; bt_start; x a ping -c 4 -i 0.2 -W 1 198.18.2.1 | grep transmitted; trace_stop "wrong dst mac"; bt_stop
say "evidence"
x a ip neigh show 198.18.1.254
x r ip -br link show r1
x r ip -s -s link show r1
x r nstat -saz IpInReceives IpInAddrErrors
say "near miss 1: r1 in promiscuous mode: frames still for another host, IP still drops them"
x r ip link set r1 promisc on
trace_start; x a ping -c 2 -i 0.2 -W 1 198.18.2.1 | grep transmitted; trace_stop "promisc"
x r ip link set r1 promisc off
say "near miss 2: the correct MAC"
x a ip neigh replace 198.18.1.254 lladdr "$(q r cat /sys/class/net/r1/address)" dev a0 nud permanent
trace_start; x a ping -c 3 -i 0.2 -W 1 198.18.2.1 | grep transmitted; trace_stop "right mac"
x a ip neigh show 198.18.1.254
