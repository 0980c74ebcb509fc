/** Network namespaces on this host: named ones (ip netns) and unnamed ones held by processes (containers). */
package dev.dropdx.netns;
