/** The netfilter ruleset of a namespace (iptables-save, nft), with counters. */
package dev.dropdx.probe.netfilter;
