/**
 * The capture backend: tcpdump writes a pcap file inside the namespace, and a small reader here
 * decodes packet headers into facts (e.g. the GRE version bits the kernel drops on).
 */
package dev.dropdx.probe.capture;
