# Shared helpers for the kernel-evidence recipes (sourced, not run). Root only.
# Safety: namespaces dropdx-lab-r13-* only, addresses in 198.18.0.0/15 only, nothing in the root
# namespace is changed; a private tracefs instance is used and removed; every path cleans up (trap).
set -u
TR=/sys/kernel/tracing
INST="$TR/instances/dropdx-recipes-$$"
NSS=()      # namespaces we created
PIDS=()     # background processes we started

cleanup() {
  local p n
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
  # anything still running inside our own namespaces was started by this script: stop it by PID
  for n in "${NSS[@]:-}"; do
    [ -n "$n" ] && for p in $(ip netns pids "$n" 2>/dev/null); do kill "$p" 2>/dev/null; done
  done
  wait 2>/dev/null
  if [ -d "$INST" ]; then
    echo 0 > "$INST/events/skb/kfree_skb/enable" 2>/dev/null
    rmdir "$INST" 2>/dev/null || echo "WARN: could not remove $INST" >&2
  fi
  for n in "${NSS[@]:-}"; do [ -n "$n" ] && ip netns del "$n" 2>/dev/null; done
}
trap cleanup EXIT INT TERM

# ns SHORT... : create dropdx-lab-r13-SHORT with lo up; variables hold the full names.
ns() {
  local s full
  for s in "$@"; do
    full="dropdx-lab-r13-$s"
    ip netns del "$full" 2>/dev/null
    ip netns add "$full"
    NSS+=("$full")
    ip -n "$full" link set lo up
  done
}
N() { echo "dropdx-lab-r13-$1"; }
# x SHORT cmd... : run a command inside a lab namespace, echoing it as an argv line.
x() { local n; n=$(N "$1"); shift; echo "+ ip netns exec $n $*" >&2; ip netns exec "$n" "$@"; }
# q SHORT cmd... : same, without echo (traffic, noise).
q() { local n; n=$(N "$1"); shift; ip netns exec "$n" "$@"; }
# link A IFA B IFB : veth pair between two lab namespaces, both up.
link() {
  ip link add "$2" netns "$(N "$1")" type veth peer name "$4" netns "$(N "$3")"
  ip -n "$(N "$1")" link set "$2" up
  ip -n "$(N "$3")" link set "$4" up
}
# bgq SHORT cmd... : start a command in a lab namespace in the background (PID recorded for cleanup).
bgq() { local n; n=$(N "$1"); shift; ip netns exec "$n" "$@" & PIDS+=($!); }

trace_start() {
  [ -f "$TR/trace" ] || mount -t tracefs nodev "$TR"
  [ -d "$INST" ] || mkdir "$INST"
  echo 0 > "$INST/tracing_on"
  echo > "$INST/trace"
  echo 1 > "$INST/events/skb/kfree_skb/enable"
  echo 1 > "$INST/tracing_on"
}
# trace_stop TITLE : stop and print drops grouped as "count reason @ location proto comm".
# The tracepoint is global: the comm/pid column says whose context freed the skb (ours are the
# ip-netns-exec'd tools: ping, python3, nc, ...); drops in other helpers' traffic may appear too.
trace_stop() {
  echo 0 > "$INST/tracing_on"
  echo 0 > "$INST/events/skb/kfree_skb/enable"
  echo "== kfree_skb in private instance: $1 (count reason @ location protocol task)"
  grep -v '^#' "$INST/trace" | sed -E 's/^ *(.*)-[0-9]+ +\[[0-9]+\].*protocol=([0-9]+) location=([^ ]+) reason: ([A-Z_0-9]+).*/\4 @ \3 proto=\2 task=\1/' \
    | sort | uniq -c | sort -rn | sed 's/^/   /'
  echo "   (overrun: $(grep -h overrun "$INST/per_cpu"/cpu*/stats 2>/dev/null | awk '{s+=$2} END {print s+0}'))"
}
say() { echo; echo "### $*"; }

# routed: a 198.18.1.1 --(a0|r1)-- r --(r2|b0)-- b 198.18.2.1, r forwards, default routes via r.
routed() {
  ns a r b
  link a a0 r r1
  link r r2 b b0
  ip -n "$(N a)" addr add 198.18.1.1/24 dev a0
  ip -n "$(N r)" addr add 198.18.1.254/24 dev r1
  ip -n "$(N r)" addr add 198.18.2.254/24 dev r2
  ip -n "$(N b)" addr add 198.18.2.1/24 dev b0
  ip -n "$(N a)" route add default via 198.18.1.254
  ip -n "$(N b)" route add default via 198.18.2.254
  ip netns exec "$(N r)" sysctl -qw net.ipv4.ip_forward=1
}

# bt_start / bt_stop: per-packet view (bpftrace) of IPv4 drops in OUR namespaces only: reason
# number, location, namespace inode, addresses, IP protocol and device. Shows which drops are the
# target's when the task column cannot (timers) and which direction a packet went.
BT_OUT=""
bt_start() {
  local n filt="" ino
  for n in "${NSS[@]}"; do ino=$(stat -L -c %i "/run/netns/$n"); filt="$filt\$ns == $ino || "; done
  filt="${filt% || }"
  BT_OUT=$(mktemp /tmp/dropdx-r13-bt.XXXX)
  bpftrace -e "tracepoint:skb:kfree_skb /args->protocol == 0x0800/ {
    \$skb = (struct sk_buff *)args->skbaddr;
    if (\$skb->dev != 0) {
      \$ns = \$skb->dev->nd_net.net->ns.inum;
      if ($filt) {
        \$iph = (struct iphdr *)(\$skb->head + \$skb->network_header);
        printf(\"reason=%d %s ns=%u dev=%s %s -> %s ipproto=%d\\n\", args->reason, ksym(args->location), \$ns,
               \$skb->dev->name, ntop(\$iph->saddr), ntop(\$iph->daddr), \$iph->protocol);
      }
    }
  }" > "$BT_OUT" 2>/dev/null &
  PIDS+=($!)
  BT_PID=$!
  for _ in $(seq 50); do grep -q Attaching "$BT_OUT" 2>/dev/null && break; sleep 0.2; done
}
bt_stop() {
  kill -INT "$BT_PID" 2>/dev/null; wait "$BT_PID" 2>/dev/null
  echo "== bpftrace, IPv4 drops in our namespaces (count reason-number location ns dev src -> dst ipproto)"
  grep '^reason=' "$BT_OUT" | sort | uniq -c | sed 's/^/   /'
  local n; for n in "${NSS[@]}"; do echo "   ns $(stat -L -c %i "/run/netns/$n") = $n"; done
  rm -f "$BT_OUT"
}
