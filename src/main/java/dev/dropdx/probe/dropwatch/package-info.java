/** dropwatch backend: the kernel's netlink drop monitor, for kernels without drop reasons and without stap. */
package dev.dropdx.probe.dropwatch;
