#!/bin/bash
# xdp-drop: an XDP program returning XDP_DROP on r1, generic (do_xdp_generic) and veth-native mode.
# The program is loaded with bpf(2) from python3 and pinned in a bpffs mounted in a private mount
# namespace (unshare -m), so nothing is mounted in the host's mount namespace.
. "$(dirname "$0")/lib.sh"
routed
HERE=$(cd "$(dirname "$0")" && pwd)
attach() { # MODE ACTION
  echo "+ unshare -m: mount -t bpf bpf DIR; python3 xdp-load.py DIR/p $2; ip -n $(N r) link set dev r1 $1 pinned DIR/p"
  local d; d=$(mktemp -d /tmp/dropdx-r13-bpf.XXXX)
  unshare -m --propagation private sh -c "mount -t bpf bpf $d && python3 $HERE/xdp-load.py $d/p $2 && ip -n $(N r) link set dev r1 $1 pinned $d/p"
  rmdir "$d"
}
x a ip neigh replace 198.18.1.254 lladdr "$(q r cat /sys/class/net/r1/address)" dev a0 nud permanent
for mode in xdpgeneric xdpdrv; do
  say "fault: $mode XDP_DROP on r1"
  attach $mode 1
  trace_start; bt_start; x a ping -c 3 -i 0.2 -W 1 198.18.2.1 | grep transmitted; trace_stop "$mode drop"; bt_stop
  x r ip -d link show r1 | grep -E "xdp|prog"
  x r ip -s link show r1 | sed -n 3,6p
  x r nstat -saz IpInReceives
  x r ip link set dev r1 $mode off
done
say "near miss: xdpgeneric program returning XDP_PASS"
attach xdpgeneric 2
trace_start; x a ping -c 3 -i 0.2 -W 1 198.18.2.1 | grep transmitted; trace_stop "xdp pass"
x r ip -d link show r1 | grep -E "xdp|prog"
