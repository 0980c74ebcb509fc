/** The drop watch: where the kernel frees the target's packets, from tracefs and, when installed, bpftrace. */
package dev.dropdx.probe.drops;
