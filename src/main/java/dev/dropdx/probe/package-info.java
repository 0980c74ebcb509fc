/** Probes: each answers one kind of question about the host, through a backend it can run. */
package dev.dropdx.probe;
