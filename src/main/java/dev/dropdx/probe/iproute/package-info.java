/** Probes that ask the kernel through iproute2: route lookups, links, multicast addresses. */
package dev.dropdx.probe.iproute;
