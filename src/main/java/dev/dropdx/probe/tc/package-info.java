/** The tc probe: a device's qdiscs and ingress/egress filters with their drop counters. */
package dev.dropdx.probe.tc;
