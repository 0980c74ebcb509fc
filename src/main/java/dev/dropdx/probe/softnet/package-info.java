/** Per-CPU packet backlog counters (/proc/net/softnet_stat): drops when a CPU's input queue is full. */
package dev.dropdx.probe.softnet;
