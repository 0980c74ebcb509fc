#!/bin/bash
# vxlan-vni-mismatch: two ends of a VXLAN over a veth, different VNIs; then a malformed header.
. "$(dirname "$0")/lib.sh"
ns a b
link a a0 b b0
x a ip addr add 198.18.4.1/24 dev a0; x b ip addr add 198.18.4.2/24 dev b0
x a ip link add vx0 type vxlan id 100 remote 198.18.4.2 local 198.18.4.1 dstport 4789 dev a0
x b ip link add vx0 type vxlan id 200 remote 198.18.4.1 local 198.18.4.2 dstport 4789 dev b0
x a ip addr add 198.19.4.1/24 dev vx0; x b ip addr add 198.19.4.2/24 dev vx0
x a ip link set vx0 up; x b ip link set vx0 up
x a ip neigh replace 198.19.4.2 lladdr "$(q b cat /sys/class/net/vx0/address)" dev vx0 nud permanent
say "fault: VNI 100 -> VNI 200, ping the overlay address 198.19.4.2"
trace_start; bt_start; x a ping -c 3 -i 0.2 -W 1 198.19.4.2 | grep transmitted; trace_stop "vni mismatch"; bt_stop
say "evidence"
x a ip -d link show vx0 | grep -o "vxlan id [0-9]* .*dstport [0-9]*"
x b ip -d link show vx0 | grep -o "vxlan id [0-9]* .*dstport [0-9]*"
x b ip -s link show vx0 | sed -n 3,4p
x b ss -u -a -n
say "fault 2: VXLAN header without the I flag (raw UDP to 4789)"
echo "+ ip netns exec $(N a) python3 (3 x UDP to 198.18.4.2:4789, 8-byte header flags 0x00, vni 200)"
q a python3 -c 'import socket;s=socket.socket(2,2);[s.sendto(bytes([0,0,0,0,0,0,200,0])+bytes(64),("198.18.4.2",4789)) for _ in range(3)]'
sleep 0.3
trace_start
q a python3 -c 'import socket;s=socket.socket(2,2);[s.sendto(bytes([0,0,0,0,0,0,200,0])+bytes(64),("198.18.4.2",4789)) for _ in range(3)]'
sleep 0.3; trace_stop "invalid vxlan hdr"
x b ip -s link show vx0 | sed -n 3,4p
say "fault 3: destination port mismatch (a sends to 4790)"
x a ip link set vx0 type vxlan dstport 4790 2>&1 || { x a ip link del vx0; x a ip link add vx0 type vxlan id 200 remote 198.18.4.2 local 198.18.4.1 dstport 4790 dev a0; x a ip addr add 198.19.4.1/24 dev vx0; x a ip link set vx0 up; x a ip neigh replace 198.19.4.2 lladdr "$(q b cat /sys/class/net/vx0/address)" dev vx0 nud permanent; }
trace_start; x a ping -c 3 -i 0.2 -W 1 198.19.4.2 | grep transmitted; trace_stop "port mismatch"
say "near miss: same VNI (200) and port on both ends"
x a ip link del vx0
x a ip link add vx0 type vxlan id 200 remote 198.18.4.2 local 198.18.4.1 dstport 4789 dev a0
x a ip addr add 198.19.4.1/24 dev vx0; x a ip link set vx0 up
x a ip neigh replace 198.19.4.2 lladdr "$(q b cat /sys/class/net/vx0/address)" dev vx0 nud permanent
trace_start; x a ping -c 3 -i 0.2 -W 1 198.19.4.2 | grep transmitted; trace_stop "same vni"
