/** The socket table of a namespace (ss): who listens where, and how full their receive buffers are. */
package dev.dropdx.probe.sockets;
