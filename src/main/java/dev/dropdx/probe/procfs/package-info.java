/** Probes that read procfs and sysfs: sysctls and counters, inside a namespace when asked. */
package dev.dropdx.probe.procfs;
