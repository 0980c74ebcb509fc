/** The tracefs backend: private trace instances on skb:kfree_skb, their output and overrun counters. */
package dev.dropdx.probe.tracefs;
