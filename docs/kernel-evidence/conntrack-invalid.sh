#!/bin/bash
# conntrack-invalid: b drops ct state invalid; a bare ACK with nf_conntrack_tcp_loose=0 is invalid.
. "$(dirname "$0")/lib.sh"
routed
P="python3 $(cd "$(dirname "$0")" && pwd)/pkt.py"
x b nft add table inet f
x b nft add chain inet f in '{ type filter hook input priority 0; }'
x b nft add rule inet f in ct state invalid counter drop
x b sysctl -w net.netfilter.nf_conntrack_tcp_loose=0
say "fault: 5 bare TCP ACKs a -> b:80 (no connection)"
trace_start; x a $P tcp 198.18.1.1 198.18.2.1 80 A 5; sleep 0.5; trace_stop "ct invalid"
say "evidence"
x b nft list ruleset
x b cat /proc/net/stat/nf_conntrack
x b sysctl net.netfilter.nf_conntrack_tcp_loose net.netfilter.nf_conntrack_tcp_be_liberal net.netfilter.nf_conntrack_count
x b cat /proc/net/nf_conntrack
say "fault 2: SYN+FIN (invalid flags) with loose=1"
x b sysctl -w net.netfilter.nf_conntrack_tcp_loose=1
trace_start; x a $P tcp 198.18.1.1 198.18.2.1 80 SF 3; sleep 0.5; trace_stop "ct invalid SF"
x b nft list ruleset
say "near miss: loose=1, bare ACK is picked up mid-stream (not invalid); b answers RST"
trace_start; x a $P tcp 198.18.1.1 198.18.2.1 80 A 3; sleep 0.5; trace_stop "loose ack"
x b nft list ruleset
x b cat /proc/net/nf_conntrack
