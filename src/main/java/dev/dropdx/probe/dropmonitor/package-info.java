/** The kernel's netlink drop monitor (read with the `dropwatch` tool), for kernels without drop reasons and without stap. */
package dev.dropdx.probe.dropmonitor;
