#!/bin/bash
# Records the example's bundles live (as root, under the lab lock), in namespaces built by hand:
#   flock /tmp/dropdx-lab.lock examples/team-quarantine/record-cases.sh quarantined examples/team-quarantine/cases/quarantined-sender.json
#   flock /tmp/dropdx-lab.lock examples/team-quarantine/record-cases.sh other examples/team-quarantine/cases/other-filter.json
# quarantined: the quarantine filter (pref 4000) compares 198.18.140.1, the sender: team-quarantine must fire.
# other: it compares 198.18.140.9, and a drop-all filter at pref 3000 drops the sender: it must not.
# Needs target/dropdx.jar (./mvnw -B package -DskipTests); removes its namespaces on exit.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$(realpath -m "$2")
TX=dropdx-lab-team-tx; RX=dropdx-lab-team-rx
cleanup() { [ -n "${PING:-}" ] && kill "$PING" 2>/dev/null; ip netns del $TX 2>/dev/null; ip netns del $RX 2>/dev/null; }
trap cleanup EXIT
ip netns add $TX; ip netns add $RX
ip -n $TX link add tq-tx0 type veth peer name tq-rx0 netns $RX
ip -n $TX addr add 198.18.140.1/24 dev tq-tx0; ip -n $TX link set tq-tx0 up
ip -n $RX addr add 198.18.140.2/24 dev tq-rx0; ip -n $RX link set tq-rx0 up
ip netns exec $RX tc qdisc add dev tq-rx0 clsact
if [ "$1" = quarantined ]; then Q=3323104257; else Q=3323104265; fi   # 198.18.140.1 or .9
# the quarantine filter (cls_bpf at ingress sees the frame from its MAC header): ldh [12]; jeq #0x800 (IPv4);
# ld [26] (IPv4 source); jeq #Q; ret #2 (TC_ACT_SHOT); ret #-1 (TC_ACT_UNSPEC: on to the next filter)
ip netns exec $RX tc filter add dev tq-rx0 ingress pref 4000 handle 0x51 bpf da bytecode "6,40 0 0 12,21 0 3 2048,32 0 0 26,21 0 1 $Q,6 0 0 2,6 0 0 4294967295,"
if [ "$1" = other ]; then
  ip netns exec $RX tc filter add dev tq-rx0 ingress pref 3000 bpf da bytecode "1,6 0 0 2,"
fi
MAC=$(ip -n $RX -br link show tq-rx0 | awk '{print $3}')
ip -n $TX neigh replace 198.18.140.2 lladdr "$MAC" dev tq-tx0 nud permanent
ip netns exec $RX tc filter show dev tq-rx0 ingress
ip netns exec $TX ping -q -i 0.2 198.18.140.2 >/dev/null 2>&1 & PING=$!
sleep 0.5
cd "$ROOT" && java -jar target/dropdx.jar --rules examples/team-quarantine diagnose --netns $RX --src 198.18.140.1 --proto icmp --window 3 --save-bundle "$OUT"
echo "exit $?"
