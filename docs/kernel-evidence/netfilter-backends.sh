#!/bin/bash
# netfilter-drop through nft, iptables-nft and iptables-legacy, in r's FORWARD path.
. "$(dirname "$0")/lib.sh"
routed
ping1() { x a ping -c 3 -i 0.2 -W 1 198.18.2.1 2>&1 | grep transmitted; }
say "nft: table inet t, forward chain, ip daddr 198.18.2.1 counter drop"
x r nft add table inet t
x r nft add chain inet t fw '{ type filter hook forward priority 0; }'
x r nft add rule inet t fw ip daddr 198.18.2.1 counter drop
trace_start; ping1; trace_stop "nft"
x r nft list ruleset
x r nft delete table inet t
say "iptables-nft -A FORWARD -d 198.18.2.1 -j DROP"
x r iptables-nft -A FORWARD -d 198.18.2.1 -j DROP
trace_start; ping1; trace_stop "iptables-nft"
x r iptables-nft -L FORWARD -v -n -x
x r nft list ruleset
x r iptables-nft -F FORWARD; x r nft flush ruleset
say "iptables-legacy -A FORWARD -d 198.18.2.1 -j DROP"
x r iptables-legacy -A FORWARD -d 198.18.2.1 -j DROP
trace_start; ping1; trace_stop "iptables-legacy"
x r iptables-legacy-save -c
x r iptables-nft-save -c; echo "(iptables-nft-save rc=$?)"
x r nft list ruleset; echo "(nft shows nothing for legacy tables)"
x r cat /proc/net/ip_tables_names
say "iptables-legacy policy DROP (no rule): the chain policy counter is the proof"
x r iptables-legacy -F FORWARD
x r iptables-legacy -P FORWARD DROP
trace_start; ping1; trace_stop "legacy policy drop"
x r iptables-legacy -L FORWARD -v -n -x
x r iptables-legacy -P FORWARD ACCEPT
say "near miss: legacy rule for another address (198.18.2.99), nft ACCEPT counter rule"
x r iptables-legacy -A FORWARD -d 198.18.2.99 -j DROP
x r nft add table inet t
x r nft add chain inet t fw '{ type filter hook forward priority 0; }'
x r nft add rule inet t fw ip daddr 198.18.2.1 counter accept
trace_start; ping1; trace_stop "near miss"
x r iptables-legacy -L FORWARD -v -n -x
x r nft list ruleset
x r iptables-legacy -F FORWARD
