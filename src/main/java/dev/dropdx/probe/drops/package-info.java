/** The drop watch: where the kernel frees the target's packets, from the first backend this host can run (tracefs+bpftrace, tracefs, stap, dropwatch, counters). */
package dev.dropdx.probe.drops;
