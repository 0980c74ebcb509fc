#!/usr/bin/env bash
# The IPv6 twins of issue 15, measured by hand: hop limit, packet too big, neighbour discovery,
# IPv6 disabled on the receiving device, OSPFv3 hellos to ff02::5 on an interface that has not
# joined it. Root only; run under the lab lock: flock /tmp/dropdx-lab.lock docs/kernel-evidence/ipv6-twins.sh
# Safety: namespaces dropdx-lab-v6x-* only, addresses in 2001:db8::/32 and ff02::5 only; nothing in
# the root namespace changes; drops are read with a bpftrace one-liner it stops by PID; every path
# cleans up (trap).
set -u
A=dropdx-lab-v6x-a; R=dropdx-lab-v6x-r; B=dropdx-lab-v6x-b
BTPID=""; JOINPID=""
cleanup() {
  [ -n "$BTPID" ] && kill -INT "$BTPID" 2>/dev/null
  rm -f "/tmp/v6x-$$-bt"
  [ -n "$JOINPID" ] && kill "$JOINPID" 2>/dev/null
  wait 2>/dev/null
  for n in $A $R $B; do ip netns del $n 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
inns() { local n=$1; shift; echo "+ ip netns exec $n $*" >&2; ip netns exec "$n" "$@"; }

# a -- (r1) r (r2) -- b, 2001:db8:1::/64 and 2001:db8:2::/64, IPv6 forwarding in r, addresses nodad.
routed() {
  cleanup
  for n in $A $R $B; do ip netns add $n; ip -n $n link set lo up; done
  ip link add a1 netns $A type veth peer r1 netns $R
  ip link add r2 netns $R type veth peer b1 netns $B
  ip -n $A addr add 2001:db8:1::1/64 dev a1 nodad; ip -n $R addr add 2001:db8:1::2/64 dev r1 nodad
  ip -n $R addr add 2001:db8:2::2/64 dev r2 nodad; ip -n $B addr add 2001:db8:2::1/64 dev b1 nodad
  ip -n $A link set a1 up; ip -n $R link set r1 up; ip -n $R link set r2 up; ip -n $B link set b1 up
  inns $R sysctl -qw net.ipv6.conf.all.forwarding=1
  ip -n $A -6 route add default via 2001:db8:1::2; ip -n $B -6 route add default via 2001:db8:2::2
  sleep 1
}

# Every IPv6 kfree_skb: location, reason number, device, addresses, next header, namespace inode.
BT='tracepoint:skb:kfree_skb /args->protocol == 0x86dd/ { $s = (struct sk_buff *)args->skbaddr;
  $h = (struct ipv6hdr *)($s->head + $s->network_header);
  @[ksym(args->location), args->reason, $s->dev->name, ntop($h->saddr.in6_u.u6_addr8), ntop($h->daddr.in6_u.u6_addr8),
    $h->nexthdr, $s->dev->nd_net.net->ns.inum] = count(); }'
# bpftrace itself in the background (not a pipeline), so that $! is its PID; it prints its map on SIGINT.
watch() { bpftrace -e "$BT" > "/tmp/v6x-$$-bt" 2>&1 & BTPID=$!; sleep 4; }
unwatch() { sleep 0.5; kill -INT "$BTPID"; wait "$BTPID" 2>/dev/null; BTPID=""; grep -v -e MEMLOCK -e '^$' "/tmp/v6x-$$-bt"; }
snap() { ip netns exec "$1" cat /proc/net/snmp6 > "/tmp/v6x-$$-$2"; }
rises() { diff "/tmp/v6x-$$-$2" <(ip netns exec "$1" cat /proc/net/snmp6) | grep '^>' | sed 's/^> /  /'; rm -f "/tmp/v6x-$$-$2"; }
echo "reason numbers here: $(grep -o '{ 2, "[A-Z_0-9]*" }\|{ 56, "[A-Z_0-9]*" }\|{ 15, "[A-Z_0-9]*" }\|{ 93, "[A-Z_0-9]*" }' /sys/kernel/tracing/events/skb/kfree_skb/format | tr '\n' ' ')"

echo "=== ttl-expired: hop limit 1 through r"
routed; snap $R hop; watch
inns $A ping -6 -c 3 -i 0.2 -t 1 -W 1 2001:db8:2::1
unwatch; echo "snmp6 in r, lines that changed:"; rises $R hop
inns $R ip -6 route get 2001:db8:2::1 from 2001:db8:1::1 iif r1
echo "--- near miss: hop limit 2"; inns $A ping -6 -c 2 -i 0.2 -t 2 -W 1 2001:db8:2::1 | tail -2

echo "=== mtu-too-big: r2 mtu 1280, 1400-byte UDP with IPV6_PMTUDISC_PROBE"
routed; ip -n $R link set r2 mtu 1280; snap $R ptb; watch
inns $A python3 -c 'import socket
s=socket.socket(socket.AF_INET6,socket.SOCK_DGRAM); s.setsockopt(socket.IPPROTO_IPV6,23,3)
[s.sendto(b"x"*1400,("2001:db8:2::1",9)) for i in range(5)]'
echo "--- near miss: 1232-byte payloads (1280 on the wire)"
inns $A python3 -c 'import socket
s=socket.socket(socket.AF_INET6,socket.SOCK_DGRAM); s.setsockopt(socket.IPPROTO_IPV6,23,3)
[s.sendto(b"x"*1232,("2001:db8:2::1",9)) for i in range(3)]'
unwatch; echo "snmp6 in r, lines that changed:"; rises $R ptb
echo "--- ping -M do learns the path MTU and stops sending big packets"
inns $A ping -6 -c 3 -i 0.2 -W 1 -M do -s 1400 2001:db8:2::1 2>&1 | head -3; inns $A ip -6 route get 2001:db8:2::1

echo "=== neighbour-unresolved: nobody owns 2001:db8:2::1 behind r2"
routed; ip -n $B addr flush dev b1
inns $R sysctl -qw net.ipv6.neigh.r2.mcast_solicit=1 net.ipv6.neigh.r2.retrans_time_ms=200
snap $R nd; watch
inns $A ping -6 -c 6 -i 0.3 -W 1 2001:db8:2::1 | tail -2; sleep 1
unwatch; echo "snmp6 in r, lines that changed:"; rises $R nd
inns $R ip -6 -s neigh show dev r2; inns $R ip -6 route get 2001:db8:2::1; inns $R ip -br link show r2

echo "=== ipv6-disabled: disable_ipv6=1 on b1, r pins b1's MAC"
routed; MAC=$(ip -n $B -br link show b1 | awk '{print $3}')
inns $B sysctl -qw net.ipv6.conf.b1.disable_ipv6=1
inns $R ip -6 neigh replace 2001:db8:2::1 lladdr "$MAC" dev r2 nud permanent
snap $B dis; watch
inns $A ping -6 -c 5 -i 0.2 -W 1 2001:db8:2::1 | tail -2
unwatch; echo "snmp6 in b, lines that changed:"; rises $B dis
inns $B sysctl net.ipv6.conf.b1.disable_ipv6 net.ipv6.conf.all.disable_ipv6; ip -n $B -6 addr show dev b1
inns $B ip -6 route get 2001:db8:2::1 from 2001:db8:1::1 iif b1

echo "=== multicast-not-joined: OSPFv3 (89) to ff02::5 on mc-rx0, joined only on mc-alt0"
cleanup
for n in $A $B; do ip netns add $n; ip -n $n link set lo up; inns $n sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0; done
ip link add mc-tx0 netns $A type veth peer mc-rx0 netns $B
ip link add mc-alt0 netns $B type veth peer mc-alt1 netns $B
ip -n $A addr add 2001:db8:70::1/64 dev mc-tx0; ip -n $B addr add 2001:db8:70::2/64 dev mc-rx0
ip -n $B addr add 2001:db8:71::1/64 dev mc-alt0
ip -n $A link set mc-tx0 up; ip -n $B link set mc-rx0 up; ip -n $B link set mc-alt0 up; ip -n $B link set mc-alt1 up; sleep 2
ip netns exec $B python3 -c 'import socket,struct,time
s=socket.socket(socket.AF_INET6,socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IPV6,socket.IPV6_JOIN_GROUP,socket.inet_pton(socket.AF_INET6,"ff02::5")+struct.pack("@I",socket.if_nametoindex("mc-alt0")))
time.sleep(60)' & JOINPID=$!
sleep 0.5; inns $B cat /proc/net/igmp6; ip -n $B -6 maddr
snap $B mc; watch
inns $A python3 -c 'import socket,time
i=socket.if_nametoindex("mc-tx0"); s=socket.socket(socket.AF_INET6,socket.SOCK_RAW,89)
s.setsockopt(socket.IPPROTO_IPV6,socket.IPV6_MULTICAST_IF,i); s.setsockopt(socket.IPPROTO_IPV6,socket.IPV6_MULTICAST_HOPS,1)
for k in range(5): s.sendto(bytes.fromhex("0301002c"),("ff02::5",0,0,i)); time.sleep(0.2)'
unwatch; echo "snmp6 in rx, lines that changed:"; rises $B mc
SRC=$(ip -n $A -6 -br addr show dev mc-tx0 | grep -o 'fe80[^/]*')
inns $B ip -6 route get ff02::5 from "$SRC" iif mc-rx0; inns $B ip -6 route show table local | grep ff00
