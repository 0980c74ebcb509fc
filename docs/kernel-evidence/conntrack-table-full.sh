#!/bin/bash
# conntrack-table-full: can it be made inside a namespace? (nf_conntrack_max is global)
. "$(dirname "$0")/lib.sh"
ns a
say "nf_conntrack_max inside a lab namespace"
x a sysctl net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_buckets
x a sysctl -w net.netfilter.nf_conntrack_max=16; echo "rc=$?"
x a ls -l /proc/sys/net/netfilter/nf_conntrack_max
x a cat /proc/net/stat/nf_conntrack | head -2
