/** The bpftrace backend: per-packet headers, device and namespace of each kfree_skb drop, read through BTF. */
package dev.dropdx.probe.bpftrace;
